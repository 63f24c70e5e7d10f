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
      'boxes', 'hosts', 'arc enabled servers', 'arc servers', 'arc machines', 'classic virtual machines',
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
    phrases: ['storage accounts', 'storage account', 'storage', 'blobs', 'blob storage', 'blob', 'buckets', 'bucket', 'storage buckets'],
    types: ['microsoft.storage/storageaccounts'],
    hints: ['s3bucket', 'storagebucket', 'awss3', 'gcpbucket', 'bucket'],
  },
  {
    key: 'sql',
    phrases: ['sql', 'databases', 'database', 'dbs', 'db', 'sql resources'],
    types: ['microsoft.sql/servers', 'microsoft.sql/servers/databases', 'microsoft.sql/managedinstances', 'microsoft.sqlvirtualmachine/sqlvirtualmachines'],
    hints: ['rdsdbinstance', 'rdsinstance', 'cloudsql', 'sqlinstance', 'awsrds'],
  },
  { key: 'sqlServer', phrases: ['sql servers', 'sql server', 'azure sql servers', 'logical servers'], types: ['microsoft.sql/servers'], hints: [] },
  { key: 'sqlDatabase', phrases: ['sql databases', 'sql database', 'sql dbs', 'sql db', 'azure sql databases'], types: ['microsoft.sql/servers/databases'], hints: [] },
  { key: 'sqlManagedInstance', phrases: ['sql managed instances', 'sql managed instance', 'managed instances'], types: ['microsoft.sql/managedinstances'], hints: [] },
  {
    key: 'kubernetes',
    phrases: ['kubernetes', 'kubernetes clusters', 'kubernetes cluster', 'k8s', 'aks', 'aks clusters', 'clusters', 'cluster', 'managed clusters'],
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
    phrases: ['function apps', 'function app', 'functions', 'azure functions'],
    types: ['microsoft.web/sites'],
    hints: ['lambdafunction', 'cloudfunction'],
  },
  {
    key: 'keyVault',
    phrases: ['key vaults', 'key vault', 'keyvaults', 'keyvault', 'vaults', 'secrets', 'key management'],
    types: ['microsoft.keyvault/vaults'],
    hints: ['kmskey', 'secretsmanager'],
  },
  {
    key: 'containerRegistry',
    phrases: ['container registries', 'container registry', 'registries', 'registry', 'acr', 'image registries'],
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
  { key: 'identity', phrases: ['managed identities', 'service principals', 'users', 'identities'], types: ['microsoft.managedidentity/userassignedidentities'], hints: ['iamuser', 'iamrole', 'serviceaccount'] },
  { key: 'disk', phrases: ['disks', 'disk', 'managed disks', 'ebs volumes', 'volumes'], types: ['microsoft.compute/disks'], hints: ['ebsvolume', 'computedisk'] },
  { key: 'containerImage', phrases: ['container images', 'images', 'container image'], types: ['microsoft.containerregistry/registries'], hints: ['ecrimage', 'containerimage'] },
  // AWS and GCP products by name: only that product's types (the broad words above also reach them through hints).
  { key: 'awsEc2', phrases: ['ec2', 'ec2 instances', 'ec2 instance', 'aws instances', 'aws vms'], types: ['microsoft.awsconnector/ec2instances'], hints: ['ec2instance'] },
  { key: 'awsS3', phrases: ['s3', 's3 buckets', 's3 bucket', 'aws buckets'], types: ['microsoft.awsconnector/s3buckets'], hints: ['s3bucket'] },
  { key: 'awsRds', phrases: ['rds', 'rds instances', 'rds databases', 'rds db instances'], types: ['microsoft.awsconnector/rdsdbinstances'], hints: ['rdsdbinstance', 'rdsinstance'] },
  { key: 'awsEks', phrases: ['eks', 'eks clusters', 'eks cluster'], types: ['microsoft.awsconnector/eksclusters'], hints: ['ekscluster'] },
  { key: 'awsLambda', phrases: ['lambda', 'lambdas', 'lambda functions', 'lambda function'], types: ['microsoft.awsconnector/lambdafunctions'], hints: ['lambdafunction'] },
  { key: 'awsEcr', phrases: ['ecr', 'ecr repositories', 'ecr repository'], types: ['microsoft.awsconnector/ecrrepositories'], hints: ['ecrrepositor'] },
  { key: 'awsDynamo', phrases: ['dynamodb', 'dynamodb tables', 'dynamo', 'dynamo tables'], types: ['microsoft.awsconnector/dynamodbtables'], hints: ['dynamodbtable'] },
  { key: 'awsKms', phrases: ['kms', 'kms keys', 'kms key'], types: ['microsoft.awsconnector/kmskeys'], hints: ['kmskey'] },
  { key: 'awsIam', phrases: ['iam users', 'iam roles', 'iam user', 'iam role'], types: ['microsoft.awsconnector/iamusers', 'microsoft.awsconnector/iamroles'], hints: ['iamuser', 'iamrole'] },
  { key: 'gcpCompute', phrases: ['compute engine', 'compute engine instances', 'gce', 'gce instances', 'gcp instances', 'gcp vms'], types: ['microsoft.gcpconnector/computeinstances'], hints: ['computeinstance'] },
  { key: 'gcpStorage', phrases: ['cloud storage', 'cloud storage buckets', 'gcs', 'gcs buckets', 'gcp buckets'], types: ['microsoft.gcpconnector/storagebuckets'], hints: ['storagebucket'] },
  { key: 'gcpGke', phrases: ['gke', 'gke clusters', 'gke cluster'], types: ['microsoft.gcpconnector/gkeclusters'], hints: ['gkecluster'] },
];
