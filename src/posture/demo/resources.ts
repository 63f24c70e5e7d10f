// Builds the tenant's resources one at a time (no whole-tenant arrays), each with the risk profile that later
// decides its assessments' status, risk level and attack paths.
import type { Prng } from './prng';
import { RESOURCE_KINDS, kindById, type KindId, type ResourceKind } from './resourceKinds';
import { AWKWARD, type DemoSubscription, type Environment, type TenantLayout } from './tenantLayout';

export interface RiskProfile {
  exposed: boolean;
  sensitive: boolean;
  critical: boolean;
  vulnerable: boolean;
  lateral: boolean;
}

export interface DemoResource {
  kind: ResourceKind;
  /** ARM id for Azure; the ARN for AWS (what `resourceDetails.Id` carries for connector resources). */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  environment: Environment;
  owner?: string;
  tags: Record<string, string>;
  profile: RiskProfile;
  /** AWS only. */
  aws?: { arn: string; region: string; nativeType: string; entityId: string };
  row: Record<string, unknown>;
}

/** How the ARM id spells each Azure kind's provider path. */
const PROVIDER_PATH: Partial<Record<KindId, string>> = {
  vm: 'Microsoft.Compute/virtualMachines', vmss: 'Microsoft.Compute/virtualMachineScaleSets',
  storage: 'Microsoft.Storage/storageAccounts', sqlServer: 'Microsoft.Sql/servers', aks: 'Microsoft.ContainerService/managedClusters',
  webApp: 'Microsoft.Web/sites', functionApp: 'Microsoft.Web/sites', keyVault: 'Microsoft.KeyVault/vaults',
  containerRegistry: 'Microsoft.ContainerRegistry/registries', cosmosDb: 'Microsoft.DocumentDB/databaseAccounts',
  vnet: 'Microsoft.Network/virtualNetworks', nsg: 'Microsoft.Network/networkSecurityGroups', appGateway: 'Microsoft.Network/applicationGateways',
  postgres: 'Microsoft.DBforPostgreSQL/servers', mysql: 'Microsoft.DBforMySQL/servers', redis: 'Microsoft.Cache/Redis',
  cognitive: 'Microsoft.CognitiveServices/accounts', eventHub: 'Microsoft.EventHub/namespaces', serviceBus: 'Microsoft.ServiceBus/namespaces',
};

/** A resource the layout fixes so every tenant has the awkward names and the attack paths the demo talks about. */
export interface ResourceOverride {
  kind: KindId;
  name?: string;
  resourceGroup?: string;
  subscriptionIndex?: number;
  profile?: Partial<RiskProfile>;
  criticality?: 'high' | 'medium' | 'low';
  extraTags?: Record<string, string>;
}

/** Targets first, then the entry points that reach them. */
export const FIXED_RESOURCES: readonly ResourceOverride[] = [
  { kind: 'storage', name: AWKWARD.unicodeName, resourceGroup: AWKWARD.unicodeGroup, subscriptionIndex: 0, criticality: 'high', profile: { sensitive: true, exposed: true } },
  { kind: 'keyVault', name: 'kv-payments-prod', resourceGroup: 'rg-payments-prod', subscriptionIndex: 0, criticality: 'high', profile: { sensitive: true } },
  { kind: 'sqlServer', name: 'sql-billing-prod', resourceGroup: 'rg-data-prod', subscriptionIndex: 0, criticality: 'high', profile: { sensitive: true, vulnerable: true } },
  { kind: 'awsS3', name: 'alderbrook-customer-exports', criticality: 'high', profile: { sensitive: true, exposed: true } },
  { kind: 'vm', name: AWKWARD.commandLookingName, resourceGroup: AWKWARD.legacyGroup, subscriptionIndex: 0, criticality: 'high', profile: { exposed: true, vulnerable: true, lateral: true } },
  { kind: 'aks', name: 'aks-tracking-prod', resourceGroup: 'rg-tracking-prod', subscriptionIndex: 0, criticality: 'high', profile: { exposed: true, vulnerable: true, lateral: true } },
  { kind: 'webApp', name: 'app-portal-prod', resourceGroup: 'rg-portal-prod', subscriptionIndex: 0, criticality: 'medium', profile: { exposed: true, lateral: true, vulnerable: false },
    extraTags: { notes: AWKWARD.injectionTag } },
  { kind: 'awsEc2', name: 'web-tracking-edge-01', criticality: 'high', profile: { exposed: true, vulnerable: true, lateral: true } },
  { kind: 'vm', name: 'vm-warehouse-scan-01', resourceGroup: 'rg-warehouse-prod', subscriptionIndex: 0, criticality: 'medium', profile: { exposed: true, vulnerable: true, lateral: true } },
  { kind: 'containerRegistry', name: 'acralderbrookprod', resourceGroup: 'rg-tracking-prod', subscriptionIndex: 0, criticality: 'medium', profile: { vulnerable: true } },
];

const ENV_SHORT: Record<Environment, string> = { production: 'prod', staging: 'stg', dev: 'dev' };
const CRITICALITY_BY_ENV: Record<Environment, readonly (readonly ['high' | 'medium' | 'low', number])[]> = {
  production: [['high', 5], ['medium', 4], ['low', 1]],
  staging: [['high', 1], ['medium', 5], ['low', 4]],
  dev: [['high', 0.3], ['medium', 3], ['low', 6]],
};
const AWS_NATIVE: Partial<Record<KindId, string>> = {
  awsEc2: 'ec2-instance', awsS3: 's3-bucket', awsRds: 'rds-dbinstance', awsRedshift: 'redshift-cluster', awsSqs: 'sqs-queue',
  awsApiGateway: 'apigateway-restapi', awsElasticsearch: 'es-domain',
};

export interface ResourceFactory {
  /** The next resource: fixed ones first, then drawn by kind weight. */
  next(): DemoResource;
  /** The SQL server a database belongs to (the last one made in that subscription). */
  sqlServerFor(subscriptionId: string): string | undefined;
}

export function createResourceFactory(layout: TenantLayout, prng: Prng): ResourceFactory {
  const counters = new Map<string, number>();
  const sqlServers = new Map<string, string>();
  let fixedIndex = 0;
  // After the fixed resources, one of every kind, so even a small tenant shows each type at least once.
  let coverIndex = 0;
  const kindWeights = RESOURCE_KINDS.map((kind) => [kind, kind.weight] as const);

  const seq = (key: string): number => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  const build = (override: ResourceOverride | undefined): DemoResource => {
    let kind = override ? kindById(override.kind) : prng.weighted(kindWeights);
    const subscription: DemoSubscription = override?.subscriptionIndex !== undefined
      ? (layout.subscriptions[override.subscriptionIndex] as DemoSubscription)
      : prng.weighted(layout.subscriptions.slice(0, 3).map((s, i) => [s, [5, 2, 3][i] ?? 1] as const).concat([[layout.subscriptions[3] as DemoSubscription, 1]]));
    if (kind.id === 'sqlDatabase' && !sqlServers.has(subscription.subscriptionId)) kind = kindById('sqlServer');
    const environment = kind.cloud === 'AWS' ? 'production' : subscription.environment;
    const workload = prng.pick(layout.workloads);
    const n = seq(`${kind.namePrefix}-${workload}-${environment}`);
    const num = String(n).padStart(2, '0');
    const generated = kind.id === 'storage' || kind.id === 'containerRegistry'
      ? `${kind.namePrefix}${workload}${ENV_SHORT[environment]}${num}`
      : kind.cloud === 'AWS' && kind.id !== 'awsEc2'
        ? `alderbrook-${workload}-${num}`
        : `${kind.namePrefix}-${workload}-${ENV_SHORT[environment]}-${num}`;
    const name = override?.name ?? generated;
    const criticality = override?.criticality ?? prng.weighted(CRITICALITY_BY_ENV[environment]);
    const owner = prng.chance(0.93) ? prng.pick(layout.people) : undefined;
    const tags: Record<string, string> = {};
    const capitalised = prng.chance(0.1);
    if (owner) tags[capitalised ? 'Owner' : 'owner'] = owner;
    tags[capitalised ? 'Environment' : 'environment'] = environment;
    tags[capitalised ? 'Criticality' : 'criticality'] = criticality;
    if (prng.chance(0.5)) tags['costCenter'] = `CC-${prng.int(1000, 1999)}`;
    tags['app'] = workload;
    Object.assign(tags, override?.extraTags ?? {});

    const base = {
      exposed: kind.exposable && prng.chance(environment === 'production' ? 0.35 : 0.2),
      sensitive: kind.holdsData && prng.chance(0.5),
      critical: criticality === 'high',
      vulnerable: kind.runsCode && prng.chance(0.55),
      lateral: ['vm', 'vmss', 'aks', 'webApp', 'functionApp', 'awsEc2'].includes(kind.id) && prng.chance(0.4),
    };
    const profile: RiskProfile = { ...base, ...(override?.profile ?? {}) };

    if (kind.cloud === 'AWS') return buildAws(kind, name, owner, tags, environment, profile);
    const resourceGroup = override?.resourceGroup ?? prng.pick(subscription.resourceGroups.filter((rg) => rg !== 'rg-multicloud'));
    const location = prng.pick(layout.azureRegions);
    const rgPath = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${resourceGroup}/providers`;
    const server = sqlServers.get(subscription.subscriptionId);
    const id = kind.id === 'sqlDatabase' && server ? `${server}/databases/${name}` : `${rgPath}/${PROVIDER_PATH[kind.id] ?? kind.type}/${name}`;
    if (kind.id === 'sqlServer') sqlServers.set(subscription.subscriptionId, id);
    const row: Record<string, unknown> = {
      id, name, type: kind.type, tenantId: layout.tenantId, kind: kind.armKind ?? '', location, resourceGroup,
      subscriptionId: subscription.subscriptionId, tags,
    };
    return { kind, id, name, subscriptionId: subscription.subscriptionId, resourceGroup, location, environment, ...(owner ? { owner } : {}), tags, profile, row };
  };

  const buildAws = (kind: ResourceKind, name: string, owner: string | undefined, tags: Record<string, string>, environment: Environment, profile: RiskProfile): DemoResource => {
    const { aws } = layout;
    const region = prng.pick(aws.regions);
    const native = AWS_NATIVE[kind.id] ?? kind.namePrefix;
    const instanceId = `i-0${prng.guid().replace(/-/g, '').slice(0, 16)}`;
    const arn = kind.id === 'awsEc2' ? `arn:aws:ec2:${region}:${aws.accountId}:instance/${instanceId}`
      : kind.id === 'awsS3' ? `arn:aws:s3:::${name}`
        : kind.id === 'awsRds' ? `arn:aws:rds:${region}:${aws.accountId}:db:${name}`
          : kind.id === 'awsRedshift' ? `arn:aws:redshift:${region}:${aws.accountId}:cluster:${name}`
            : kind.id === 'awsSqs' ? `arn:aws:sqs:${region}:${aws.accountId}:${name}`
              : kind.id === 'awsApiGateway' ? `arn:aws:apigateway:${region}::/restapis/${prng.guid().slice(0, 10)}`
                : `arn:aws:es:${region}:${aws.accountId}:domain/${name}`;
    const nativeId = kind.id === 'awsEc2' ? instanceId : name;
    const entityId = `${aws.connectorId}/securityentitydata/aws-${native}-${nativeId}-${region}`;
    const row: Record<string, unknown> = {
      id: arn, name, type: kind.type, tenantId: layout.tenantId, kind: '', location: region, resourceGroup: aws.resourceGroup,
      subscriptionId: aws.subscriptionId, tags,
      properties: { arn, awsAccountId: aws.accountId, awsRegion: region, awsSourceSchema: native },
    };
    return {
      kind, id: arn, name, subscriptionId: aws.subscriptionId, resourceGroup: aws.resourceGroup, location: region, environment,
      ...(owner ? { owner } : {}), tags, profile, aws: { arn, region, nativeType: native, entityId }, row,
    };
  };

  return {
    next: () => {
      const fixed = FIXED_RESOURCES[fixedIndex];
      if (fixed) {
        fixedIndex++;
        return build(fixed);
      }
      const cover = RESOURCE_KINDS[coverIndex];
      if (cover) {
        coverIndex++;
        return build({ kind: cover.id });
      }
      return build(undefined);
    },
    sqlServerFor: (subscriptionId) => sqlServers.get(subscriptionId),
  };
}
