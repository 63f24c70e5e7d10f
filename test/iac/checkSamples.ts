// One misconfigured and one secure sample per check, written once as ARM-style properties (ARM and Bicep share
// them) and Terraform attributes, and rendered into each language's own syntax by the helpers below.
export interface CheckSample {
  rule: string;
  arm: { type: string; apiVersion: string; bad: Record<string, unknown>; good: Record<string, unknown> };
  terraform: { type: string; bad: string; good: string };
}

const rule = (access: string, source: string, port: string) => ({ name: 'r1', properties: { direction: 'Inbound', access, protocol: 'Tcp', sourceAddressPrefix: source, destinationPortRange: port, priority: 100 } });
const tfRule = (access: string, source: string, port: string) => `security_rule {\n    name                   = "r1"\n    direction              = "Inbound"\n    access                 = "${access}"\n    protocol               = "Tcp"\n    source_address_prefix  = "${source}"\n    destination_port_range = "${port}"\n  }`;

export const CHECK_SAMPLES: CheckSample[] = [
  { rule: 'storage-https-only', arm: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', bad: { supportsHttpsTrafficOnly: false }, good: { supportsHttpsTrafficOnly: true } }, terraform: { type: 'azurerm_storage_account', bad: 'https_traffic_only_enabled = false', good: 'https_traffic_only_enabled = true' } },
  { rule: 'storage-min-tls', arm: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', bad: { minimumTlsVersion: 'TLS1_0' }, good: { minimumTlsVersion: 'TLS1_2' } }, terraform: { type: 'azurerm_storage_account', bad: 'min_tls_version = "TLS1_1"', good: 'min_tls_version = "TLS1_2"' } },
  { rule: 'storage-public-blob', arm: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', bad: { allowBlobPublicAccess: true }, good: { allowBlobPublicAccess: false } }, terraform: { type: 'azurerm_storage_account', bad: 'allow_nested_items_to_be_public = true', good: 'allow_nested_items_to_be_public = false' } },
  { rule: 'storage-default-deny', arm: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', bad: { networkAcls: { defaultAction: 'Allow' } }, good: { networkAcls: { defaultAction: 'Deny' } } }, terraform: { type: 'azurerm_storage_account', bad: 'network_rules {\n    default_action = "Allow"\n  }', good: 'network_rules {\n    default_action = "Deny"\n  }' } },
  { rule: 'keyvault-purge-protection', arm: { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', bad: { enablePurgeProtection: false }, good: { enablePurgeProtection: true } }, terraform: { type: 'azurerm_key_vault', bad: 'purge_protection_enabled = false', good: 'purge_protection_enabled = true' } },
  { rule: 'keyvault-soft-delete', arm: { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', bad: { enableSoftDelete: false }, good: { enableSoftDelete: true } }, terraform: { type: 'azurerm_key_vault', bad: 'soft_delete_enabled = false', good: 'soft_delete_enabled = true' } },
  { rule: 'keyvault-public-network', arm: { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', bad: { publicNetworkAccess: 'Enabled' }, good: { publicNetworkAccess: 'Disabled' } }, terraform: { type: 'azurerm_key_vault', bad: 'public_network_access_enabled = true', good: 'public_network_access_enabled = false' } },
  { rule: 'sql-public-network', arm: { type: 'Microsoft.Sql/servers', apiVersion: '2021-11-01', bad: { publicNetworkAccess: 'Enabled' }, good: { publicNetworkAccess: 'Disabled' } }, terraform: { type: 'azurerm_mssql_server', bad: 'public_network_access_enabled = true', good: 'public_network_access_enabled = false' } },
  { rule: 'sql-min-tls', arm: { type: 'Microsoft.Sql/servers', apiVersion: '2021-11-01', bad: { minimalTlsVersion: '1.0' }, good: { minimalTlsVersion: '1.2' } }, terraform: { type: 'azurerm_mssql_server', bad: 'minimum_tls_version = "1.1"', good: 'minimum_tls_version = "1.2"' } },
  { rule: 'aks-rbac', arm: { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-02-01', bad: { enableRBAC: false }, good: { enableRBAC: true } }, terraform: { type: 'azurerm_kubernetes_cluster', bad: 'role_based_access_control_enabled = false', good: 'role_based_access_control_enabled = true' } },
  { rule: 'aks-authorized-ip-ranges', arm: { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-02-01', bad: { dnsPrefix: 'x' }, good: { apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } } }, terraform: { type: 'azurerm_kubernetes_cluster', bad: 'dns_prefix = "x"', good: 'api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }' } },
  { rule: 'appservice-https-only', arm: { type: 'Microsoft.Web/sites', apiVersion: '2023-12-01', bad: { httpsOnly: false }, good: { httpsOnly: true } }, terraform: { type: 'azurerm_linux_web_app', bad: 'https_only = false', good: 'https_only = true' } },
  { rule: 'appservice-min-tls', arm: { type: 'Microsoft.Web/sites', apiVersion: '2023-12-01', bad: { siteConfig: { minTlsVersion: '1.0' } }, good: { siteConfig: { minTlsVersion: '1.2' } } }, terraform: { type: 'azurerm_linux_web_app', bad: 'site_config {\n    minimum_tls_version = "1.1"\n  }', good: 'site_config {\n    minimum_tls_version = "1.2"\n  }' } },
  { rule: 'nsg-ssh-internet', arm: { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', bad: { securityRules: [rule('Allow', '*', '22')] }, good: { securityRules: [rule('Allow', '10.0.0.0/8', '22')] } }, terraform: { type: 'azurerm_network_security_group', bad: tfRule('Allow', 'Internet', '22'), good: tfRule('Deny', '*', '22') } },
  { rule: 'nsg-rdp-internet', arm: { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', bad: { securityRules: [rule('Allow', 'Internet', '3000-4000')] }, good: { securityRules: [rule('Allow', 'Internet', '443')] } }, terraform: { type: 'azurerm_network_security_group', bad: tfRule('Allow', '0.0.0.0/0', '3389'), good: tfRule('Allow', 'VirtualNetwork', '3389') } },
  { rule: 'vm-encryption-at-host', arm: { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', bad: { securityProfile: { encryptionAtHost: false } }, good: { securityProfile: { encryptionAtHost: true } } }, terraform: { type: 'azurerm_linux_virtual_machine', bad: 'encryption_at_host_enabled = false', good: 'encryption_at_host_enabled = true' } },
  { rule: 'acr-admin-user', arm: { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', bad: { adminUserEnabled: true }, good: { adminUserEnabled: false } }, terraform: { type: 'azurerm_container_registry', bad: 'admin_enabled = true', good: 'admin_enabled = false' } },
];

export function armTemplate(type: string, apiVersion: string, properties: Record<string, unknown>): string {
  const template = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type, apiVersion, name: 'res1', location: 'westeurope', properties }] };
  return `${JSON.stringify(template, null, 2)}\n`;
}

const bicepValue = (value: unknown, indent: string): string => {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${indent}  ${bicepValue(v, `${indent}  `)}`).join('\n')}\n${indent}]`;
  if (value && typeof value === 'object') return `{\n${Object.entries(value).map(([k, v]) => `${indent}  ${k}: ${bicepValue(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
  return String(value);
};

export const bicepTemplate = (type: string, apiVersion: string, properties: Record<string, unknown>) =>
  `// sample\nresource res1 '${type}@${apiVersion}' = {\n  name: 'res1'\n  location: 'westeurope'\n  properties: ${bicepValue(properties, '  ')}\n}\n`;

export const terraformTemplate = (type: string, body: string) => `# sample\nresource "${type}" "res1" {\n  name     = "res1"\n  location = "westeurope"\n  ${body}\n}\n`;
