// Everyday names for resource types. `types` are the canonical type strings; `hints` are letter-only fragments
// looked for in the tenant's own resource types, so AWS and GCP spellings in an export are found too.

export interface ResourceTypeConcept {
  key: string;
  phrases: readonly string[];
  types: readonly string[];
  hints: readonly string[];
}

export const RESOURCE_TYPE_CONCEPTS: readonly ResourceTypeConcept[] = [
  {
    key: 'virtualMachine',
    phrases: [
      'vm', 'vms', 'virtual machine', 'virtual machines', 'machines', 'servers', 'server', 'compute instances', 'instances', 'ec2',
      'ec2 instances', 'boxes', 'hosts', 'arc enabled servers', 'arc servers', 'arc machines', 'classic virtual machines',
    ],
    types: ['microsoft.compute/virtualmachines', 'microsoft.hybridcompute/machines', 'microsoft.classiccompute/virtualmachines'],
    hints: ['ec2instance', 'computeinstance', 'awsec2', 'gcpinstance'],
  },
  {
    key: 'scaleSet',
    phrases: ['scale sets', 'scale set', 'vmss', 'virtual machine scale sets', 'vm scale sets', 'vm scale set'],
    types: ['microsoft.compute/virtualmachinescalesets'],
    hints: ['autoscalinggroup'],
  },
  {
    key: 'storage',
    phrases: ['storage accounts', 'storage account', 'storage', 'blobs', 'blob storage', 'blob', 's3', 's3 buckets', 'buckets', 'bucket', 'storage buckets'],
    types: ['microsoft.storage/storageaccounts'],
    hints: ['s3bucket', 'storagebucket', 'awss3', 'gcpbucket', 'bucket'],
  },
  {
    key: 'sql',
    phrases: ['sql', 'databases', 'database', 'dbs', 'db', 'rds', 'sql resources'],
    types: ['microsoft.sql/servers', 'microsoft.sql/servers/databases', 'microsoft.sql/managedinstances', 'microsoft.sqlvirtualmachine/sqlvirtualmachines'],
    hints: ['rdsdbinstance', 'rdsinstance', 'cloudsql', 'sqlinstance', 'awsrds'],
  },
  { key: 'sqlServer', phrases: ['sql servers', 'sql server', 'azure sql servers', 'logical servers'], types: ['microsoft.sql/servers'], hints: [] },
  { key: 'sqlDatabase', phrases: ['sql databases', 'sql database', 'sql dbs', 'sql db', 'azure sql databases'], types: ['microsoft.sql/servers/databases'], hints: [] },
  { key: 'sqlManagedInstance', phrases: ['sql managed instances', 'sql managed instance', 'managed instances'], types: ['microsoft.sql/managedinstances'], hints: [] },
  {
    key: 'kubernetes',
    phrases: ['kubernetes', 'kubernetes clusters', 'kubernetes cluster', 'k8s', 'aks', 'aks clusters', 'clusters', 'cluster', 'eks', 'gke', 'managed clusters'],
    types: ['microsoft.containerservice/managedclusters', 'microsoft.kubernetes/connectedclusters'],
    hints: ['ekscluster', 'gkecluster', 'containercluster', 'kubernetes'],
  },
  {
    key: 'webApp',
    phrases: ['web apps', 'web app', 'webapps', 'app service', 'app services', 'app service apps', 'websites', 'web sites', 'web applications', 'apps'],
    types: ['microsoft.web/sites'],
    hints: [],
  },
  {
    key: 'functionApp',
    phrases: ['function apps', 'function app', 'functions', 'azure functions', 'lambda', 'lambdas', 'lambda functions'],
    types: ['microsoft.web/sites'],
    hints: ['lambdafunction', 'cloudfunction'],
  },
  {
    key: 'keyVault',
    phrases: ['key vaults', 'key vault', 'keyvaults', 'keyvault', 'vaults', 'secrets', 'kms', 'key management'],
    types: ['microsoft.keyvault/vaults'],
    hints: ['kmskey', 'secretsmanager'],
  },
  {
    key: 'containerRegistry',
    phrases: ['container registries', 'container registry', 'registries', 'registry', 'acr', 'ecr', 'image registries'],
    types: ['microsoft.containerregistry/registries'],
    hints: ['ecrrepository', 'artifactregistry', 'containerregistry'],
  },
  { key: 'cosmos', phrases: ['cosmos', 'cosmos db', 'cosmosdb', 'document db', 'documentdb', 'cosmos db accounts', 'cosmos accounts'], types: ['microsoft.documentdb/databaseaccounts'], hints: ['dynamodb'] },
  { key: 'postgres', phrases: ['postgres', 'postgresql', 'postgre sql', 'postgres servers', 'postgresql servers', 'postgresql server', 'postgres databases'], types: ['microsoft.dbforpostgresql/servers', 'microsoft.dbforpostgresql/flexibleservers'], hints: ['postgres'] },
  { key: 'mysql', phrases: ['mysql', 'my sql', 'mysql servers', 'mysql server', 'mysql databases'], types: ['microsoft.dbformysql/servers', 'microsoft.dbformysql/flexibleservers'], hints: ['mysql'] },
  { key: 'redis', phrases: ['redis', 'redis cache', 'redis caches', 'caches'], types: ['microsoft.cache/redis'], hints: ['elasticache'] },
  { key: 'nsg', phrases: ['nsg', 'nsgs', 'network security groups', 'network security group', 'security groups', 'firewall rules'], types: ['microsoft.network/networksecuritygroups'], hints: ['securitygroup', 'firewall'] },
  { key: 'vnet', phrases: ['vnets', 'vnet', 'virtual networks', 'virtual network', 'subnets', 'subnet', 'vpcs', 'vpc'], types: ['microsoft.network/virtualnetworks', 'microsoft.network/virtualnetworks/subnets'], hints: ['vpc', 'subnet'] },
  { key: 'publicIp', phrases: ['public ips', 'public ip addresses', 'public ip address', 'ip addresses'], types: ['microsoft.network/publicipaddresses'], hints: ['elasticip'] },
  { key: 'appGateway', phrases: ['application gateways', 'application gateway', 'app gateways', 'waf'], types: ['microsoft.network/applicationgateways'], hints: ['loadbalancer'] },
  { key: 'apiManagement', phrases: ['api management', 'apim', 'api gateways'], types: ['microsoft.apimanagement/service'], hints: ['apigateway'] },
  { key: 'eventHub', phrases: ['event hubs', 'event hub', 'eventhubs'], types: ['microsoft.eventhub/namespaces'], hints: [] },
  { key: 'serviceBus', phrases: ['service bus', 'servicebus'], types: ['microsoft.servicebus/namespaces'], hints: ['sqsqueue', 'snstopic'] },
  { key: 'dataFactory', phrases: ['data factory', 'data factories', 'adf'], types: ['microsoft.datafactory/factories'], hints: [] },
  { key: 'cognitive', phrases: ['cognitive services', 'ai services', 'openai', 'azure openai'], types: ['microsoft.cognitiveservices/accounts'], hints: ['sagemaker', 'vertexai'] },
  { key: 'subscriptionResource', phrases: ['subscription level', 'subscription settings'], types: ['microsoft.resources/subscriptions'], hints: ['awsaccount', 'gcpproject'] },
  { key: 'identity', phrases: ['managed identities', 'service principals', 'iam users', 'iam roles', 'users'], types: ['microsoft.managedidentity/userassignedidentities'], hints: ['iamuser', 'iamrole', 'serviceaccount'] },
  { key: 'disk', phrases: ['disks', 'disk', 'managed disks', 'ebs volumes', 'volumes'], types: ['microsoft.compute/disks'], hints: ['ebsvolume', 'computedisk'] },
  { key: 'containerImage', phrases: ['container images', 'images', 'container image'], types: ['microsoft.containerregistry/registries'], hints: ['ecrimage', 'containerimage'] },
];
