// Every IaC rule the scanner runs, and the Defender DevOps scanners' rule ids (Checkov, and the demo tenant's own
// ids) that mean the same thing, so a finding Defender reported starts the Teams flow on our rule.
import { PROPERTY_CHECKS } from './propertyChecks';
import type { IacRule } from './ruleModel';
import { STRUCTURE_CHECKS } from './structureChecks';

export const IAC_RULES: readonly IacRule[] = [...PROPERTY_CHECKS, ...STRUCTURE_CHECKS];

const EXTERNAL_IDS: Record<string, readonly string[]> = {
  'storage-https-only': ['CKV_AZURE_3', 'IAC-STORAGE-HTTPS'],
  'storage-min-tls': ['CKV_AZURE_44', 'IAC-STORAGE-TLS'],
  'storage-public-blob': ['CKV_AZURE_190', 'IAC-STORAGE-PUBLIC-BLOB'],
  'storage-default-deny': ['CKV_AZURE_35', 'IAC-STORAGE-NETWORK'],
  'keyvault-purge-protection': ['CKV_AZURE_110', 'IAC-KV-PURGE'],
  'keyvault-soft-delete': ['CKV_AZURE_111', 'IAC-KV-SOFT-DELETE'],
  'keyvault-public-network': ['CKV_AZURE_189', 'IAC-KV-PUBLIC'],
  'sql-auditing': ['CKV_AZURE_23', 'IAC-SQL-AUDIT'],
  'sql-public-network': ['CKV_AZURE_113', 'IAC-SQL-PUBLIC'],
  'sql-min-tls': ['CKV_AZURE_52', 'IAC-SQL-TLS'],
  'aks-rbac': ['CKV_AZURE_5', 'IAC-AKS-RBAC'],
  'aks-authorized-ip-ranges': ['CKV_AZURE_6', 'IAC-AKS-IP-RANGES'],
  'appservice-https-only': ['CKV_AZURE_14', 'IAC-APP-HTTPS'],
  'appservice-min-tls': ['CKV_AZURE_15', 'IAC-APP-TLS'],
  'nsg-ssh-internet': ['CKV_AZURE_10', 'IAC-NSG-SSH-ANY'],
  'nsg-rdp-internet': ['CKV_AZURE_9', 'IAC-NSG-RDP-ANY'],
  'vm-encryption-at-host': ['CKV_AZURE_151', 'IAC-VM-DISK-ENC'],
  'acr-admin-user': ['CKV_AZURE_137', 'IAC-ACR-ADMIN'],
};

const BY_EXTERNAL = new Map(Object.entries(EXTERNAL_IDS).flatMap(([rule, ids]) => ids.map((id) => [id.toUpperCase(), rule] as const)));

export const ruleById = (id: string): IacRule | undefined => IAC_RULES.find((r) => r.id === id);

/** Our rule for a Defender scanner's rule id (or our own id), if one matches. */
export const ruleForExternalId = (id: string): IacRule | undefined => ruleById(id) ?? ruleById(BY_EXTERNAL.get(id.trim().toUpperCase()) ?? '');
