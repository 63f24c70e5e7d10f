// A resource id of the right kind for each fix definition, with awkward but valid names.
import type { FixDefinition } from '../../src/remediation/fixes/model';

export const SAMPLE_SUBSCRIPTION = '89a9ac1f-3fe3-4250-b6ad-1a8747fb5de7';

/** A resource of the right type for a definition, with awkward but valid names. */
export function sampleResourceId(definition: FixDefinition): string {
  if (definition.cloud === 'aws') {
    const aws = definition.aws!;
    return `arn:aws:${aws.service}:eu-west-1:123456789012:${aws.resourcePrefix}sample-${aws.service}`;
  }
  if (definition.cloud === 'gcp') return '//storage.googleapis.com/projects/_/buckets/alder-sample';
  const [namespace, ...types] = definition.azureType!.split('/');
  const names: Record<string, string> = {
    storageaccounts: 'stalder01',
    servers: 'srv-alder-01',
    databases: 'db (legacy) $x',
    managedinstances: 'mi-alder',
    sites: 'app-émeraude',
    vaults: 'kv-alder-01',
    databaseaccounts: 'cosmos-alder',
    redis: 'redis-alder',
    accounts: 'ai-alder',
    registries: 'acralder01',
  };
  const provider = { 'microsoft.storage': 'Microsoft.Storage', 'microsoft.sql': 'Microsoft.Sql', 'microsoft.web': 'Microsoft.Web', 'microsoft.keyvault': 'Microsoft.KeyVault', 'microsoft.documentdb': 'Microsoft.DocumentDB', 'microsoft.dbforpostgresql': 'Microsoft.DBforPostgreSQL', 'microsoft.dbformysql': 'Microsoft.DBforMySQL', 'microsoft.dbformariadb': 'Microsoft.DBforMariaDB', 'microsoft.cache': 'Microsoft.Cache', 'microsoft.cognitiveservices': 'Microsoft.CognitiveServices', 'microsoft.containerregistry': 'Microsoft.ContainerRegistry' }[namespace!];
  if (!provider) throw new Error(`no sample provider for ${namespace}`);
  return `/subscriptions/${SAMPLE_SUBSCRIPTION}/resourceGroups/rg-(legacy)/providers/${provider}/${types.map((type) => `${type}/${names[type] ?? 'x'}`).join('/')}`;
}
