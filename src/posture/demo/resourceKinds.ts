// The kinds of resource the demo tenant holds: ARM type, which catalog recommendations apply, and how each behaves
// in risk terms (can it face the internet, does it hold data, can it reach other resources).

export type KindId =
  | 'vm' | 'vmss' | 'storage' | 'sqlServer' | 'sqlDatabase' | 'aks' | 'webApp' | 'functionApp' | 'keyVault'
  | 'containerRegistry' | 'cosmosDb' | 'vnet' | 'nsg' | 'appGateway' | 'postgres' | 'mysql' | 'redis' | 'cognitive'
  | 'eventHub' | 'serviceBus'
  | 'awsEc2' | 'awsS3' | 'awsRds' | 'awsRedshift' | 'awsSqs' | 'awsApiGateway' | 'awsElasticsearch';

export interface ResourceKind {
  id: KindId;
  cloud: 'Azure' | 'AWS';
  /** ARM type as Resource Graph prints it (lower case); AWS kinds use the multicloud connector's types. */
  type: string;
  /** Defender API category used when the catalog has none for a key. */
  category: 'Compute' | 'Networking' | 'Data' | 'IdentityAndAccess' | 'Containers' | 'AppServices';
  /** Catalog keys (8-character prefixes) that apply to this kind. */
  keys: readonly string[];
  /** Relative frequency in the tenant. */
  weight: number;
  namePrefix: string;
  /** Can be reachable from the internet. */
  exposable: boolean;
  /** Holds data an attacker would want. */
  holdsData: boolean;
  /** Runs code that can have CVEs (machines, clusters, registries). */
  runsCode: boolean;
  /** `kind` column for web apps vs function apps. */
  armKind?: string;
}

const k = (kind: ResourceKind): ResourceKind => kind;

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  k({ id: 'vm', cloud: 'Azure', type: 'microsoft.compute/virtualmachines', category: 'Compute', weight: 16, namePrefix: 'vm', exposable: true, holdsData: false, runsCode: true,
    keys: ['1195afff', '4ab6e3c5', '01b1ed4c', '83f577bd', 'd57a4221', '805651bc', '483f12ed', 'bc303248', 'c0f5316d', '181ac480', '3b20e985', 'c3b51c94', '22489c48', 'f9f0eed0', '4fb67663'] }),
  k({ id: 'vmss', cloud: 'Azure', type: 'microsoft.compute/virtualmachinescalesets', category: 'Compute', weight: 3, namePrefix: 'vmss', exposable: true, holdsData: false, runsCode: true,
    keys: ['21300918', '45cfe080', '8941d121', 'bd20bd91', 'e71020c2', '961eb649'] }),
  k({ id: 'storage', cloud: 'Azure', type: 'microsoft.storage/storageaccounts', category: 'Data', weight: 12, namePrefix: 'st', exposable: true, holdsData: true, runsCode: false,
    keys: ['1c5de8e1', '3b363842', '45d313c3', 'ad4f3ff1', 'ca98bba7', 'cdc78c07'] }),
  k({ id: 'sqlServer', cloud: 'Azure', type: 'microsoft.sql/servers', category: 'Data', weight: 6, namePrefix: 'sql', exposable: true, holdsData: true, runsCode: false,
    keys: ['1db4f204', '22e93e92', '400a6682', '620671b8', '75396512', '82e20e14', '8e9a37b9', '94208a8b', 'f0553104', 'f7010359', '1a93e945'] }),
  k({ id: 'sqlDatabase', cloud: 'Azure', type: 'microsoft.sql/servers/databases', category: 'Data', weight: 5, namePrefix: 'sqldb', exposable: false, holdsData: true, runsCode: false,
    keys: ['651967bf', 'b0df6f56'] }),
  k({ id: 'aks', cloud: 'Azure', type: 'microsoft.containerservice/managedclusters', category: 'Containers', weight: 4, namePrefix: 'aks', exposable: true, holdsData: false, runsCode: true,
    keys: ['1a2b5b4c', '22e18b64', 'a3eee263', 'b0fdc63a'] }),
  k({ id: 'webApp', cloud: 'Azure', type: 'microsoft.web/sites', armKind: 'app', category: 'AppServices', weight: 9, namePrefix: 'app', exposable: true, holdsData: false, runsCode: true,
    keys: ['19beaa2a', '1b351b29', '2a54c352', '4a3d7cd3', '64b8637e', 'ca4e6a5a', 'df4d1739'] }),
  k({ id: 'functionApp', cloud: 'Azure', type: 'microsoft.web/sites', armKind: 'functionapp', category: 'AppServices', weight: 6, namePrefix: 'func', exposable: true, holdsData: false, runsCode: true,
    keys: ['093c685b', '15be5f3c', '23aa9cbe', '7b3d4796', '972a6579', 'c2ab4bea', 'cb0acdc6'] }),
  k({ id: 'keyVault', cloud: 'Azure', type: 'microsoft.keyvault/vaults', category: 'IdentityAndAccess', weight: 5, namePrefix: 'kv', exposable: false, holdsData: true, runsCode: false,
    keys: ['88bbc99c'] }),
  k({ id: 'containerRegistry', cloud: 'Azure', type: 'microsoft.containerregistry/registries', category: 'Containers', weight: 3, namePrefix: 'acr', exposable: false, holdsData: false, runsCode: true,
    keys: ['dbd0cb49'] }),
  k({ id: 'cosmosDb', cloud: 'Azure', type: 'microsoft.documentdb/databaseaccounts', category: 'Data', weight: 3, namePrefix: 'cosmos', exposable: true, holdsData: true, runsCode: false,
    keys: ['276b1952', '334a182c', '80dc29d6', '814df446'] }),
  k({ id: 'vnet', cloud: 'Azure', type: 'microsoft.network/virtualnetworks', category: 'Networking', weight: 5, namePrefix: 'vnet', exposable: false, holdsData: false, runsCode: false,
    keys: ['e3de1cc0', 'f1f2f7dc', 'f67fb4ed'] }),
  k({ id: 'nsg', cloud: 'Azure', type: 'microsoft.network/networksecuritygroups', category: 'Networking', weight: 5, namePrefix: 'nsg', exposable: false, holdsData: false, runsCode: false,
    keys: [] }),
  k({ id: 'appGateway', cloud: 'Azure', type: 'microsoft.network/applicationgateways', category: 'Networking', weight: 2, namePrefix: 'agw', exposable: true, holdsData: false, runsCode: false,
    keys: ['efe75f01'] }),
  k({ id: 'postgres', cloud: 'Azure', type: 'microsoft.dbforpostgresql/servers', category: 'Data', weight: 3, namePrefix: 'psql', exposable: true, holdsData: true, runsCode: false,
    keys: ['1fde2073', '95592ab0', 'b20d1b00', 'b34f9fe7', 'c5b83aed', '19d45f8f'] }),
  k({ id: 'mysql', cloud: 'Azure', type: 'microsoft.dbformysql/servers', category: 'Data', weight: 2, namePrefix: 'mysql', exposable: true, holdsData: true, runsCode: false,
    keys: ['1f6d29f6', '8ad68a2f', 'd5d090f1', 'cec4922b', '8af8a87b'] }),
  k({ id: 'redis', cloud: 'Azure', type: 'microsoft.cache/redis', category: 'Data', weight: 2, namePrefix: 'redis', exposable: true, holdsData: true, runsCode: false,
    keys: ['35b25be2', 'be264018'] }),
  k({ id: 'cognitive', cloud: 'Azure', type: 'microsoft.cognitiveservices/accounts', category: 'AppServices', weight: 2, namePrefix: 'cog', exposable: true, holdsData: false, runsCode: false,
    keys: ['54f53ddf', '684a5b6d', 'f738efb8', 'cdcf4f71'] }),
  k({ id: 'eventHub', cloud: 'Azure', type: 'microsoft.eventhub/namespaces', category: 'Data', weight: 2, namePrefix: 'evh', exposable: false, holdsData: false, runsCode: false,
    keys: ['1597605a'] }),
  k({ id: 'serviceBus', cloud: 'Azure', type: 'microsoft.servicebus/namespaces', category: 'Data', weight: 2, namePrefix: 'sb', exposable: false, holdsData: false, runsCode: false,
    keys: ['f19ab7d9'] }),
  k({ id: 'awsEc2', cloud: 'AWS', type: 'microsoft.awsconnector/ec2instances', category: 'Compute', weight: 7, namePrefix: 'ec2', exposable: true, holdsData: false, runsCode: true,
    keys: ['1195afff', '4ab6e3c5', 'e700ddd4', '0bde343a'] }),
  k({ id: 'awsS3', cloud: 'AWS', type: 'microsoft.awsconnector/s3buckets', category: 'Data', weight: 4, namePrefix: 's3', exposable: true, holdsData: true, runsCode: false,
    keys: [] }),
  k({ id: 'awsRds', cloud: 'AWS', type: 'microsoft.awsconnector/rdsdbinstances', category: 'Data', weight: 3, namePrefix: 'rds', exposable: true, holdsData: true, runsCode: false,
    keys: ['894259c2', '9137f5de', 'ff4f3ab3'] }),
  k({ id: 'awsRedshift', cloud: 'AWS', type: 'microsoft.awsconnector/redshiftclusters', category: 'Data', weight: 1, namePrefix: 'redshift', exposable: true, holdsData: true, runsCode: false,
    keys: ['7f5ac036', '1ee72ceb', 'e2a0ec17', '7a152832', '176f9062'] }),
  k({ id: 'awsSqs', cloud: 'AWS', type: 'microsoft.awsconnector/sqsqueues', category: 'Data', weight: 1, namePrefix: 'sqs', exposable: false, holdsData: false, runsCode: false,
    keys: ['340a07a1'] }),
  k({ id: 'awsApiGateway', cloud: 'AWS', type: 'microsoft.awsconnector/apigatewayrestapis', category: 'Networking', weight: 1, namePrefix: 'apigw', exposable: true, holdsData: false, runsCode: false,
    keys: ['2cac0072', 'd69eb8b0', 'ec268d38', '1a0ce4e0', '5cbaff4f'] }),
  k({ id: 'awsElasticsearch', cloud: 'AWS', type: 'microsoft.awsconnector/elasticsearchdomains', category: 'Data', weight: 1, namePrefix: 'es', exposable: true, holdsData: true, runsCode: false,
    keys: ['9b63a099', 'cf747c91'] }),
];

export function kindById(id: KindId): ResourceKind {
  const kind = RESOURCE_KINDS.find((candidate) => candidate.id === id);
  if (!kind) throw new Error(`unknown resource kind ${id}`);
  return kind;
}

/** Recommendations Defender evaluates on the subscription itself (identity, plans, contacts). */
export const SUBSCRIPTION_KEYS: readonly string[] = [
  '94290b00', '57e98606', '151e82c5', '2c79b4af', '6f90a6d6', 'c3b6ae71', '04e7147b', 'a8c6a4ad', '1be22853', '0876ef51', '58d72d9d', '77758c9d', '3869fbd7',
];

/** Parent keys whose unhealthy rows carry sub-assessment findings. */
export const MACHINE_VULNERABILITY_KEY = '1195afff-c881-495e-9bc5-1486211ae03f';
export const SQL_VULNERABILITY_KEY = '82e20e14-edc5-4373-bfc4-f13121257c37';
export const REGISTRY_VULNERABILITY_KEY = 'dbd0cb49-b563-45e7-9724-889e799fa648';
