// The property checks: one secure value per property, for ARM/Bicep and Terraform (azurerm 3.x and 4.x names).
import type { IacRule } from './ruleModel';
import { equalsText, isFalse, isTrue, propertyRule, tlsAtLeast12 } from './propertyRule';

const STORAGE = { arm: ['Microsoft.Storage/storageAccounts'], terraform: ['azurerm_storage_account'] };
const KEY_VAULT = { arm: ['Microsoft.KeyVault/vaults'], terraform: ['azurerm_key_vault'] };
const SQL = { arm: ['Microsoft.Sql/servers'], terraform: ['azurerm_mssql_server'] };
const AKS = { arm: ['Microsoft.ContainerService/managedClusters'], terraform: ['azurerm_kubernetes_cluster'] };
const WEB = { arm: ['Microsoft.Web/sites'], terraform: ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_app_service'] };
const VM = { arm: ['Microsoft.Compute/virtualMachines'], terraform: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'] };
const ACR = { arm: ['Microsoft.ContainerRegistry/registries'], terraform: ['azurerm_container_registry'] };

export const PROPERTY_CHECKS: readonly IacRule[] = [
  propertyRule({
    id: 'storage-https-only', title: 'Storage accounts should accept HTTPS only', severity: 'High',
    assessmentKey: '1c5de8e1-f68d-6a17-e0d2-ec259c42768c', recommendation: 'Secure transfer to storage accounts should be enabled',
    arm: { types: STORAGE.arm, path: ['properties', 'supportsHttpsTrafficOnly'], fixValue: true },
    terraform: { types: STORAGE.terraform, path: ['https_traffic_only_enabled'], aliases: [['enable_https_traffic_only']], fixValue: true },
    isSecure: isTrue, problem: () => 'requests over plain HTTP are accepted',
  }),
  propertyRule({
    id: 'storage-min-tls', title: 'Storage accounts should require TLS 1.2 or later', severity: 'Medium',
    assessmentKey: null, recommendation: 'Storage accounts should have the specified minimum TLS version',
    arm: { types: STORAGE.arm, path: ['properties', 'minimumTlsVersion'], fixValue: 'TLS1_2' },
    terraform: { types: STORAGE.terraform, path: ['min_tls_version'], fixValue: 'TLS1_2' },
    isSecure: tlsAtLeast12, problem: () => 'clients may connect with TLS older than 1.2',
  }),
  propertyRule({
    id: 'storage-public-blob', title: 'Storage accounts should not allow public blob access', severity: 'High',
    assessmentKey: '51fd8bb1-0db4-bbf1-7e2b-cfcba7eb66a6', recommendation: 'Storage account public access should be disallowed',
    arm: { types: STORAGE.arm, path: ['properties', 'allowBlobPublicAccess'], fixValue: false },
    terraform: { types: STORAGE.terraform, path: ['allow_nested_items_to_be_public'], aliases: [['allow_blob_public_access']], fixValue: false },
    isSecure: isFalse, problem: () => 'containers can be made readable by anyone on the internet',
  }),
  propertyRule({
    id: 'storage-default-deny', title: 'Storage accounts should deny network access by default', severity: 'Medium',
    assessmentKey: 'ad4f3ff1-30eb-5042-16ed-27198f640b8d', recommendation: 'Storage accounts should restrict network access using virtual network rules',
    arm: { types: STORAGE.arm, path: ['properties', 'networkAcls', 'defaultAction'], fixValue: 'Deny' },
    terraform: { types: STORAGE.terraform, path: ['network_rules', 'default_action'], fixValue: 'Deny' },
    isSecure: equalsText('Deny'), problem: () => 'any network can reach the account',
  }),
  propertyRule({
    id: 'keyvault-purge-protection', title: 'Key vaults should have purge protection enabled', severity: 'Medium',
    assessmentKey: '4ed62ae4-5072-f9e7-8d94-51c76c48159a', recommendation: 'Key vaults should have purge protection enabled',
    arm: { types: KEY_VAULT.arm, path: ['properties', 'enablePurgeProtection'], fixValue: true },
    terraform: { types: KEY_VAULT.terraform, path: ['purge_protection_enabled'], fixValue: true },
    isSecure: isTrue, problem: () => 'a deleted vault and its keys can be purged before the retention period ends',
  }),
  propertyRule({
    id: 'keyvault-soft-delete', title: 'Key vaults should have soft delete enabled', severity: 'High',
    assessmentKey: '78211c00-15a9-336e-17c4-0b48613dadf4', recommendation: 'Key vaults should have soft delete enabled',
    arm: { types: KEY_VAULT.arm, path: ['properties', 'enableSoftDelete'], fixValue: true },
    terraform: { types: KEY_VAULT.terraform, path: ['soft_delete_enabled'], fixValue: true },
    isSecure: (v) => !isFalse(v), problem: () => 'a deleted vault cannot be recovered',
  }),
  propertyRule({
    id: 'keyvault-public-network', title: 'Key vaults should disable public network access', severity: 'Medium',
    assessmentKey: '52f7826a-ace7-3107-dd0d-4875853c1576', recommendation: 'Firewall should be enabled on Key Vault',
    arm: { types: KEY_VAULT.arm, path: ['properties', 'publicNetworkAccess'], fixValue: 'Disabled' },
    terraform: { types: KEY_VAULT.terraform, path: ['public_network_access_enabled'], fixValue: false },
    isSecure: (v) => isFalse(v) || equalsText('Disabled')(v), problem: () => 'the vault accepts traffic from the public internet',
  }),
  propertyRule({
    id: 'sql-public-network', title: 'SQL servers should disable public network access', severity: 'Medium',
    assessmentKey: null, recommendation: 'Public network access on Azure SQL Database should be disabled',
    arm: { types: SQL.arm, path: ['properties', 'publicNetworkAccess'], fixValue: 'Disabled' },
    terraform: { types: SQL.terraform, path: ['public_network_access_enabled'], fixValue: false },
    isSecure: (v) => isFalse(v) || equalsText('Disabled')(v), problem: () => 'the server is reachable from public networks',
  }),
  propertyRule({
    id: 'sql-min-tls', title: 'SQL servers should require TLS 1.2 or later', severity: 'Medium',
    assessmentKey: '8e9a37b9-2828-4c8f-a24e-7b0ab0e89c78', recommendation: 'Azure SQL Database should be running TLS version 1.2 or newer',
    arm: { types: SQL.arm, path: ['properties', 'minimalTlsVersion'], fixValue: '1.2' },
    terraform: { types: SQL.terraform, path: ['minimum_tls_version'], fixValue: '1.2' },
    isSecure: tlsAtLeast12, problem: () => 'clients may connect with TLS older than 1.2',
  }),
  propertyRule({
    id: 'aks-rbac', title: 'Kubernetes clusters should use RBAC', severity: 'High',
    assessmentKey: 'b0fdc63a-38e7-4bab-a7c4-2c2665abbaa9', recommendation: 'Role-Based Access Control should be used on Kubernetes Services',
    arm: { types: AKS.arm, path: ['properties', 'enableRBAC'], fixValue: true },
    terraform: { types: AKS.terraform, path: ['role_based_access_control_enabled'], fixValue: true },
    isSecure: (v) => !isFalse(v), problem: () => 'every authenticated user gets the same rights on the cluster',
  }),
  propertyRule({
    id: 'appservice-https-only', title: 'App Service apps should accept HTTPS only', severity: 'Medium',
    assessmentKey: '1b351b29-41ca-6df5-946c-c190a56be5fe', recommendation: 'Web Application should only be accessible over HTTPS',
    arm: { types: WEB.arm, path: ['properties', 'httpsOnly'], fixValue: true },
    terraform: { types: WEB.terraform, path: ['https_only'], fixValue: true },
    isSecure: isTrue, problem: () => 'the app answers plain HTTP',
  }),
  propertyRule({
    id: 'appservice-min-tls', title: 'App Service apps should require TLS 1.2 or later', severity: 'High',
    assessmentKey: '2a54c352-7ca4-4bae-ad46-47ecd9595bd2', recommendation: 'TLS should be updated to the latest version for web apps',
    arm: { types: WEB.arm, path: ['properties', 'siteConfig', 'minTlsVersion'], fixValue: '1.2' },
    terraform: { types: WEB.terraform, path: ['site_config', 'minimum_tls_version'], aliases: [['site_config', 'min_tls_version']], fixValue: '1.2' },
    isSecure: tlsAtLeast12, problem: () => 'clients may connect with TLS older than 1.2',
  }),
  propertyRule({
    id: 'vm-encryption-at-host', title: 'Virtual machines should encrypt disks at host', severity: 'Medium',
    assessmentKey: 'd57a4221-a804-52ca-3dea-768284f06bb7', recommendation: 'Disk encryption should be applied on virtual machines',
    arm: { types: VM.arm, path: ['properties', 'securityProfile', 'encryptionAtHost'], fixValue: true },
    terraform: { types: VM.terraform, path: ['encryption_at_host_enabled'], fixValue: true },
    isSecure: isTrue, problem: () => 'temp disks and disk caches are not encrypted on the host',
  }),
  propertyRule({
    id: 'acr-admin-user', title: 'Container registries should disable the admin user', severity: 'High',
    assessmentKey: null, recommendation: 'Container registries should have local admin account disabled',
    arm: { types: ACR.arm, path: ['properties', 'adminUserEnabled'], fixValue: false },
    terraform: { types: ACR.terraform, path: ['admin_enabled'], fixValue: false },
    isSecure: (v) => !isTrue(v), problem: () => 'a shared admin password can push and pull every image',
  }),
];
