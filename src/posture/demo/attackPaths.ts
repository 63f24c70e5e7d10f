// `microsoft.security/attackpaths` rows: an internet-facing entry point with a weakness that can reach a resource
// holding sensitive data. The entry point's unhealthy assessments reference the path by its name.
import type { Prng } from './prng';
import type { DemoResource } from './resources';
import { factorsOf, spell, type FactorId, type RiskLevelName } from './riskFactors';

export const ENTRY_KINDS = new Set(['vm', 'vmss', 'aks', 'webApp', 'functionApp', 'awsEc2']);

const LABEL: Record<string, string> = {
  vm: 'virtual machine', vmss: 'VM scale set', aks: 'Kubernetes cluster', webApp: 'web app', functionApp: 'function app', awsEc2: 'EC2 instance',
  storage: 'storage account', keyVault: 'key vault', sqlServer: 'SQL server', sqlDatabase: 'SQL database', cosmosDb: 'Cosmos DB account',
  postgres: 'PostgreSQL server', mysql: 'MySQL server', redis: 'Redis cache', awsS3: 'S3 bucket', awsRds: 'RDS database',
  awsRedshift: 'Redshift cluster', awsElasticsearch: 'Elasticsearch domain', containerRegistry: 'container registry', vnet: 'virtual network',
  nsg: 'network security group', appGateway: 'application gateway', cognitive: 'Cognitive Services account', eventHub: 'Event Hubs namespace',
  serviceBus: 'Service Bus namespace', awsSqs: 'SQS queue', awsApiGateway: 'API Gateway REST API',
};

export const kindLabel = (kindId: string): string => LABEL[kindId] ?? kindId;

/** "an S3 bucket", "a key vault": by the sound of the first letter as usually read aloud. */
const withArticle = (label: string): string => (/^([aeiou]|S3|RDS|SQS)/i.test(label) ? `an ${label}` : `a ${label}`);

export interface PathPlan {
  name: string;
  entry: DemoResource;
  target: DemoResource;
  level: RiskLevelName;
  factors: FactorId[];
}

export function planPath(prng: Prng, entry: DemoResource, target: DemoResource): PathPlan {
  const factors = factorsOf(entry.profile);
  if (!factors.includes('sensitiveData')) factors.push('sensitiveData');
  const level: RiskLevelName = entry.profile.vulnerable && (target.profile.critical || entry.profile.critical) ? 'Critical' : 'High';
  return { name: prng.guid(), entry, target, level, factors };
}

export function attackPathRow(prng: Prng, tenantId: string, plan: PathPlan, assessmentIds: readonly string[]): Record<string, unknown> {
  const { entry, target } = plan;
  const entryLabel = kindLabel(entry.kind.id);
  const targetLabel = kindLabel(target.kind.id);
  const weakness = entry.profile.vulnerable ? 'high-severity vulnerabilities' : 'an over-privileged managed identity';
  const entity = (r: DemoResource) => ({
    entityInternalID: r.id,
    entityName: r.name,
    entityType: r.kind.type,
    entityIdentifiers: r.aws ? { awsArn: r.aws.arn } : { azureResourceId: r.id },
  });
  return {
    id: `/subscriptions/${entry.subscriptionId}/providers/Microsoft.Security/attackPaths/${plan.name}`,
    name: plan.name,
    type: 'microsoft.security/attackpaths',
    tenantId,
    kind: '',
    location: 'global',
    resourceGroup: '',
    subscriptionId: entry.subscriptionId,
    properties: {
      displayName: `Internet-exposed ${entryLabel} with ${weakness} can reach ${withArticle(targetLabel)} holding sensitive data`,
      description: `${entry.name} accepts traffic from the internet and has ${weakness}. It can reach ${target.name}, so whoever takes over ${entry.name} could read or change the data there.`,
      attackStory: `An attacker reaches ${entry.name} from the internet, exploits it, then uses its network access or identity to get to ${target.name}.`,
      riskLevel: plan.level,
      riskFactors: plan.factors.map((factor) => spell(prng, factor)),
      potentialImpact: `Data in ${target.name} could be stolen or altered.`,
      entryPointEntityInternalID: entry.id,
      targetEntityInternalID: target.id,
      // The assessments that make the entry point weak, listed flat as well as in the graph's insights.
      assessments: assessmentIds.map((assessmentId) => ({ assessmentId, assessmentKey: assessmentId.slice(assessmentId.lastIndexOf('/') + 1) })),
      graphComponent: {
        entities: [entity(entry), entity(target)],
        connections: [{ sourceEntityInternalID: entry.id, targetEntityInternalID: target.id, title: entry.profile.lateral ? 'Has permission to' : 'Can reach' }],
        insights: assessmentIds.map((assessmentId) => ({ entityInternalID: entry.id, assessmentId })),
      },
    },
  };
}
