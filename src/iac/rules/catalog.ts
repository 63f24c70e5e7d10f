// Every IaC rule the scanner runs, and the rule ids other IaC scanners give the same check, so a finding Defender
// reported (its individual IaC recommendation carries the scanner's rule id) starts the Teams flow on our rule:
// - Checkov (CKV_AZURE_n), the scanner Defender's DevOps security runs on Terraform, Bicep and ARM;
// - Template Analyzer (TA-nnnnnn) for ARM and Bicep: ids from Azure/template-analyzer docs/built-in-rules.md
//   (TA-000004/10/16 HTTPS only and TA-000005/11/17 latest TLS for API/function/web apps, TA-000023 AKS authorized IP
//   ranges, TA-000024 AKS RBAC);
// - tfsec's long ids (azure-<service>-<check>) from its published check list, and Trivy's AVD-AZU-0011 (storage
//   minimum TLS, checked in aquasecurity/defsec's rule source); other AVD numbers are not mapped because public
//   sources disagree on them;
// - the demo tenant's own ids (IAC-...).
import { PROPERTY_CHECKS } from './propertyChecks';
import type { IacRule } from './ruleModel';
import { STRUCTURE_CHECKS } from './structureChecks';

export const IAC_RULES: readonly IacRule[] = [...PROPERTY_CHECKS, ...STRUCTURE_CHECKS];

const EXTERNAL_IDS: Record<string, readonly string[]> = {
  'storage-https-only': ['CKV_AZURE_3', 'azure-storage-enforce-https', 'azure-storage-ensure-https', 'IAC-STORAGE-HTTPS'],
  'storage-min-tls': ['CKV_AZURE_44', 'azure-storage-use-secure-tls-policy', 'AVD-AZU-0011', 'IAC-STORAGE-TLS'],
  'storage-public-blob': ['CKV_AZURE_190', 'azure-storage-no-public-access', 'IAC-STORAGE-PUBLIC-BLOB'],
  'storage-default-deny': ['CKV_AZURE_35', 'azure-storage-default-action-deny', 'IAC-STORAGE-NETWORK'],
  'keyvault-purge-protection': ['CKV_AZURE_110', 'azure-keyvault-no-purge', 'IAC-KV-PURGE'],
  'keyvault-soft-delete': ['CKV_AZURE_111', 'IAC-KV-SOFT-DELETE'],
  'keyvault-public-network': ['CKV_AZURE_189', 'IAC-KV-PUBLIC'],
  'sql-auditing': ['CKV_AZURE_23', 'azure-database-enable-audit', 'IAC-SQL-AUDIT'],
  'sql-public-network': ['CKV_AZURE_113', 'IAC-SQL-PUBLIC'],
  'sql-min-tls': ['CKV_AZURE_52', 'IAC-SQL-TLS'],
  'aks-rbac': ['CKV_AZURE_5', 'TA-000024', 'azure-container-use-rbac-permissions', 'IAC-AKS-RBAC'],
  'aks-authorized-ip-ranges': ['CKV_AZURE_6', 'TA-000023', 'azure-container-limit-authorized-ips', 'IAC-AKS-IP-RANGES'],
  'appservice-https-only': ['CKV_AZURE_14', 'TA-000004', 'TA-000010', 'TA-000016', 'azure-appservice-enforce-https', 'IAC-APP-HTTPS'],
  'appservice-min-tls': ['CKV_AZURE_15', 'TA-000005', 'TA-000011', 'TA-000017', 'IAC-APP-TLS'],
  'nsg-ssh-internet': ['CKV_AZURE_10', 'azure-network-ssh-blocked-from-internet', 'IAC-NSG-SSH-ANY'],
  'nsg-rdp-internet': ['CKV_AZURE_9', 'azure-network-disable-rdp-from-internet', 'IAC-NSG-RDP-ANY'],
  'vm-encryption-at-host': ['CKV_AZURE_151', 'IAC-VM-DISK-ENC'],
  'acr-admin-user': ['CKV_AZURE_137', 'IAC-ACR-ADMIN'],
};

const BY_EXTERNAL = new Map(Object.entries(EXTERNAL_IDS).flatMap(([rule, ids]) => ids.map((id) => [id.toUpperCase(), rule] as const)));

export const ruleById = (id: string): IacRule | undefined => IAC_RULES.find((r) => r.id === id);

/**
 * Our rule for a scanner's rule id (or our own id), if one matches. The id may come with its tool in front, as SARIF
 * consumers often write it ("checkov/CKV_AZURE_10", "TemplateAnalyzer:TA-000016", "tfsec:azure-...") or in another
 * case; the last segment is tried too.
 */
export function ruleForExternalId(id: string): IacRule | undefined {
  const trimmed = id.trim();
  const segments = trimmed.split(/[/:\\\s]+/).filter(Boolean);
  for (const candidate of [trimmed, segments[segments.length - 1] ?? '']) {
    const rule = ruleById(candidate.toLowerCase()) ?? ruleById(BY_EXTERNAL.get(candidate.toUpperCase()) ?? '');
    if (rule) return rule;
  }
  return undefined;
}
