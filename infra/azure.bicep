// posture-bot in one resource group: its user-assigned managed identity (the bot's Microsoft App ID and its Azure
// sign-in), the Azure Bot with the Teams channel, a Linux App Service plan and app on Node 22 with several instances,
// a storage account for the Azure storage ports, a Key Vault whose secrets the app settings reference, and
// Application Insights on a Log Analytics workspace.
// Reading posture (Reader + Security Reader on subscriptions or management groups) needs Owner rights at that scope:
// see posture-reader.subscription.bicep and posture-reader.managementGroup.bicep beside this file.

@minLength(4)
@maxLength(20)
@description('Lower-case letters and digits; every resource name is built from it.')
param resourceBaseName string

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string = 'Posture Bot'

@description('App Service plan SKU. Basic (B1) allows 3 instances; Premium v3 allows more and zone redundancy.')
param appServiceSku string = 'P0v3'

@minValue(1)
@maxValue(30)
@description('Instances of the bot. More than one needs STORAGE=azure (set below), so that every instance shares state.')
param instanceCount int = 2

@description('Entra tenant GUIDs the bot serves (ALLOWED_TENANT_IDS): a comma list, or * for every tenant. Empty: the bot\'s own tenant (BOT_TENANT_ID).')
param allowedTenantIds string = tenant().tenantId

@allowed(['', 'demo', 'azure'])
@description('Where posture comes from: azure (also when empty) reads Defender for Cloud through Resource Graph with the managed identity.')
param postureSource string = 'azure'

@description('AZURE_SCOPE: comma list of /subscriptions/<id>, /providers/Microsoft.Management/managementGroups/<id>, or tenant. Empty: this subscription.')
param postureScope string = ''

@allowed(['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'])
param azureCloud string = 'AzurePublicCloud'

@description('More bot settings by name (the names in env/README.md), for example {"ADMIN_OBJECT_IDS": "..."}. Empty values are left out.')
param botSettings object = {}

@secure()
@description('Secret bot settings by name, for example {"OPENAI_API_KEY": "..."}: each goes to Key Vault and the app setting references it. Empty values are left out.')
param secretSettings object = {}

var sourceKind = empty(postureSource) ? 'azure' : postureSource
var readScope = empty(postureScope) ? '/subscriptions/${subscription().subscriptionId}' : postureScope

var names = {
  identity: 'id-${resourceBaseName}'
  workspace: 'log-${resourceBaseName}'
  insights: 'appi-${resourceBaseName}'
  // Storage accounts and vaults: 3-24 characters, globally unique; no hyphens keeps both rules simple.
  storage: take('st${toLower(replace(resourceBaseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)
  vault: take('kv${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
  plan: 'plan-${resourceBaseName}'
  site: 'app-${resourceBaseName}-${uniqueString(resourceGroup().id)}'
  bot: 'bot-${resourceBaseName}'
}

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

// Shared state for every instance (conversation state in blobs, records in tables). Keys are off: the bot signs in
// with its managed identity (AZURE_STORAGE_ACCOUNT + DefaultAzureCredential), never with a connection string.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource storageBlobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageTableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource vaultSecretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// One Key Vault secret per non-empty secret setting; OPENAI_API_KEY is stored as openai-api-key.
var secrets = filter(items(secretSettings), s => !empty(s.value))

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in secrets: {
  parent: vault
  name: toLower(replace(s.key, '_', '-'))
  properties: {
    value: s.value
  }
}]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// The app settings: the bot's own (src/config/features/*.ts), then the platform's. Operators add more through
// botSettings and secretSettings (those win over these).
var fixedSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: 'info'
  // Per-instance scratch (posture cache, outbox): shared state lives in the storage account (STORAGE=azure).
  DATA_DIR: '/tmp/posture-bot'
  BOT_ID: identity.properties.clientId
  BOT_TYPE: 'UserAssignedMSI'
  BOT_TENANT_ID: identity.properties.tenantId
  ALLOWED_TENANT_IDS: allowedTenantIds
  BOT_DOMAIN: site.properties.defaultHostName
  PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
  POSTURE_SOURCE: sourceKind
  AZURE_SCOPE: sourceKind == 'azure' ? readScope : ''
  AZURE_CLOUD: azureCloud
  STORAGE: 'azure'
  AZURE_STORAGE_ACCOUNT: storage.name
  // Read by @azure/identity: DefaultAzureCredential signs in as this user-assigned identity.
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // Zip deploy sends the sources; the build runs on the Linux host so better-sqlite3 is built for it.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  CUSTOM_BUILD_COMMAND: 'npm install --include=dev --no-audit --no-fund && npm run build && npm prune --omit=dev'
}

var extraSettings = toObject(filter(items(botSettings), s => !empty(s.value)), s => s.key, s => string(s.value))

var secretReferences = toObject(secrets, s => s.key, s => '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${toLower(replace(s.key, '_', '-'))})')

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/readyz'
    }
  }
}

resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(fixedSettings, extraSettings, secretReferences)
  dependsOn: [
    vaultSecrets
    vaultSecretsRole
    storageBlobRole
    storageTableRole
  ]
}

// The Bot Framework registration: the managed identity is the bot's Microsoft App ID (no client secret anywhere).
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Outputs the Agents Toolkit writes into env/.env.<environment> (arm/deploy keeps each output under its own name).
output AZURE_APP_SERVICE_RESOURCE_ID string = site.id
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = site.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${site.properties.defaultHostName}'
output BOT_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_STORAGE_ACCOUNT string = storage.name
output AZURE_KEY_VAULT_NAME string = vault.name
