// What a property means when a template leaves it out: the service's documented default, per ARM apiVersion (ARM
// and Bicep) or azurerm provider major (Terraform), each with where it is documented. A property not in this table,
// or outside a row's versions, has no documented default and is reported as unknown, never as a finding.
import type { IacLanguage } from '../model';

export interface ServiceDefault {
  /** Rule id and property (the rule's path joined with dots) the row is about. */
  rule: string;
  language: 'arm' | 'terraform';
  value: unknown;
  /** ARM apiVersion range [from, until), compared as dates; absent means every version. */
  fromApiVersion?: string;
  untilApiVersion?: string;
  source: string;
}

const REST = 'https://learn.microsoft.com/rest/api';
const TF = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources';

export const SERVICE_DEFAULTS: readonly ServiceDefault[] = [
  { rule: 'storage-https-only', language: 'arm', value: false, untilApiVersion: '2019-04-01', source: `${REST}/storagerp/storage-accounts/create (supportsHttpsTrafficOnly: default true since API 2019-04-01, false before)` },
  { rule: 'storage-https-only', language: 'arm', value: true, fromApiVersion: '2019-04-01', source: `${REST}/storagerp/storage-accounts/create (supportsHttpsTrafficOnly: default true since API 2019-04-01)` },
  { rule: 'storage-https-only', language: 'terraform', value: true, source: `${TF}/storage_account (https_traffic_only_enabled: defaults to true)` },
  { rule: 'storage-min-tls', language: 'arm', value: 'TLS1_0', source: `${REST}/storagerp/storage-accounts/create (minimumTlsVersion: "the default interpretation is TLS 1.0")` },
  { rule: 'storage-min-tls', language: 'terraform', value: 'TLS1_2', source: `${TF}/storage_account (min_tls_version: defaults to TLS1_2)` },
  { rule: 'storage-public-blob', language: 'arm', value: true, untilApiVersion: '2023-01-01', source: `${REST}/storagerp/storage-accounts/create (allowBlobPublicAccess: default interpretation true before API 2023-01-01)` },
  { rule: 'storage-public-blob', language: 'arm', value: false, fromApiVersion: '2023-01-01', source: `${REST}/storagerp/storage-accounts/create (allowBlobPublicAccess: default interpretation false from API 2023-01-01)` },
  { rule: 'storage-public-blob', language: 'terraform', value: true, source: `${TF}/storage_account (allow_nested_items_to_be_public: defaults to true)` },
  { rule: 'storage-default-deny', language: 'arm', value: 'Allow', source: 'https://learn.microsoft.com/azure/storage/common/storage-network-security (accounts accept connections from any network by default)' },
  { rule: 'storage-default-deny', language: 'terraform', value: 'Allow', source: `${TF}/storage_account (no network_rules block: the account's default action stays Allow)` },
  { rule: 'keyvault-purge-protection', language: 'arm', value: false, source: `${REST}/keyvault/keyvault/vaults/create-or-update (enablePurgeProtection: only setting true activates it)` },
  { rule: 'keyvault-purge-protection', language: 'terraform', value: false, source: `${TF}/key_vault (purge_protection_enabled: defaults to false)` },
  { rule: 'keyvault-soft-delete', language: 'arm', value: true, source: `${REST}/keyvault/keyvault/vaults/create-or-update (enableSoftDelete: set to true when not given at creation)` },
  { rule: 'keyvault-soft-delete', language: 'terraform', value: true, source: `${TF}/key_vault (soft delete is always on from azurerm 2.42; soft_delete_enabled was removed in 3.0)` },
  { rule: 'keyvault-public-network', language: 'arm', value: 'Enabled', fromApiVersion: '2021-06-01', source: `${REST}/keyvault/keyvault/vaults/create-or-update (publicNetworkAccess: default "enabled")` },
  { rule: 'keyvault-public-network', language: 'terraform', value: true, source: `${TF}/key_vault (public_network_access_enabled: defaults to true)` },
  { rule: 'sql-public-network', language: 'terraform', value: true, source: `${TF}/mssql_server (public_network_access_enabled: defaults to true)` },
  { rule: 'sql-min-tls', language: 'terraform', value: '1.2', source: `${TF}/mssql_server (minimum_tls_version: defaults to 1.2 in azurerm 3.x and 4.x)` },
  { rule: 'aks-rbac', language: 'arm', value: true, source: `${REST}/aks/managed-clusters/create-or-update (enableRBAC: Kubernetes RBAC is on unless set false)` },
  { rule: 'aks-rbac', language: 'terraform', value: true, source: `${TF}/kubernetes_cluster (role_based_access_control_enabled: defaults to true)` },
  { rule: 'appservice-https-only', language: 'arm', value: false, source: `${REST}/appservice/web-apps/create-or-update (httpsOnly: HTTP stays allowed unless true)` },
  { rule: 'appservice-https-only', language: 'terraform', value: false, source: `${TF}/linux_web_app (https_only: defaults to false)` },
  { rule: 'appservice-min-tls', language: 'arm', value: '1.2', source: 'https://learn.microsoft.com/azure/app-service/overview-tls (new apps default to TLS 1.2)' },
  { rule: 'appservice-min-tls', language: 'terraform', value: '1.2', source: `${TF}/linux_web_app (site_config.minimum_tls_version: defaults to 1.2)` },
  { rule: 'vm-encryption-at-host', language: 'arm', value: false, source: `${REST}/compute/virtual-machines/create-or-update (securityProfile.encryptionAtHost: disabled unless set true)` },
  { rule: 'vm-encryption-at-host', language: 'terraform', value: false, source: `${TF}/linux_virtual_machine (encryption_at_host_enabled: defaults to false)` },
  { rule: 'acr-admin-user', language: 'arm', value: false, source: `${REST}/containerregistry/registries/create (adminUserEnabled: default false)` },
  { rule: 'acr-admin-user', language: 'terraform', value: false, source: `${TF}/container_registry (admin_enabled: defaults to false)` },
];

export type DefaultLookup = { known: true; value: unknown; source: string } | { known: false };

const dateOf = (apiVersion: string | undefined) => /^\d{4}-\d{2}-\d{2}/.exec(apiVersion ?? '')?.[0];

/** The documented default of a rule's property for a language and apiVersion, or unknown. */
export function serviceDefault(rule: string, language: IacLanguage, apiVersion?: string): DefaultLookup {
  const family = language === 'terraform' ? 'terraform' : 'arm';
  const version = dateOf(apiVersion);
  for (const row of SERVICE_DEFAULTS) {
    if (row.rule !== rule || row.language !== family) continue;
    if (row.fromApiVersion || row.untilApiVersion) {
      if (!version) continue;
      if (row.fromApiVersion && version < row.fromApiVersion) continue;
      if (row.untilApiVersion && version >= row.untilApiVersion) continue;
    }
    return { known: true, value: row.value, source: row.source };
  }
  return { known: false };
}
