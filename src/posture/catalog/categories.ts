// Category from an ARM resource type, for recommendations whose metadata has none. Where Defender's own API
// category is known for a type (the 2020 metadata recording), the mapping follows it: Key Vault and
// subscription-level identity checks are IdentityAndAccess. The model's finer buckets (Containers, AppServices)
// are used for container and App Service types, as Defender's current reference pages group them.
import type { Category } from '../model';

const BY_NAMESPACE: ReadonlyArray<readonly [RegExp, Category]> = [
  [/^microsoft\.(containerservice|containerregistry|kubernetes|kubernetesconfiguration|containerinstance|redhatopenshift)\//, 'Containers'],
  [/^microsoft\.(web|appplatform|logic|apimanagement|app)\//, 'AppServices'],
  [/^microsoft\.(compute|classiccompute|hybridcompute|connectedvmwarevsphere|scvmm|azurestackhci|batch|servicefabric|virtualmachineimages|desktopvirtualization|automation)\//, 'Compute'],
  [/^microsoft\.(network|classicnetwork|cdn)\//, 'Networking'],
  [/^microsoft\.(storage|classicstorage|sql|documentdb|dbfor[a-z]+|cache|datalakestore|datalakeanalytics|synapse|datafactory|databricks|kusto|eventhub|servicebus|streamanalytics|search|cognitiveservices|machinelearningservices|purview|hdinsight|storagecache|netapp)\//, 'Data'],
  [/^microsoft\.(keyvault|managedidentity|authorization|aad|azureactivedirectory)\//, 'IdentityAndAccess'],
  [/^microsoft\.resources\/subscriptions$/, 'IdentityAndAccess'],
  [/^microsoft\.(devices|iotcentral|iotsecurity|deviceupdate)\//, 'IoT'],
  [/^microsoft\.(devops|visualstudio)\//, 'DevOps'],
  [/^microsoft\.security\/securityconnectors\/(devops|github|gitlab|azuredevops)/, 'DevOps'],
];

// AWS and GCP resources arrive with connector types (`microsoft.awsconnector/ec2instances`) or native names
// (`AwsEc2Snapshot`): their service words say the area.
const BY_SERVICE_WORD: ReadonlyArray<readonly [RegExp, Category]> = [
  [/eks|ecr|ecs|gke|container|kubernetes|artifactregistry/, 'Containers'],
  [/lambda|cloudfunction|cloudrun|appengine|apigateway|elasticbeanstalk/, 'AppServices'],
  [/iam|identity|user|role|accesskey|serviceaccount|kms|secretsmanager/, 'IdentityAndAccess'],
  [/vpc|subnet|securitygroup|firewall|loadbalanc|elb|cloudfront|route53|network|waf/, 'Networking'],
  [/s3|bucket|rds|redshift|dynamo|aurora|sqs|sns|kinesis|elasticsearch|opensearch|efs|glacier|bigquery|cloudsql|spanner|storage|database|sql|snapshot|backup/, 'Data'],
  [/ec2|instance|compute|vm|autoscaling|ssm/, 'Compute'],
];
const CONNECTOR_TYPE = /^(microsoft\.(aws|gcp)connector\/|aws|gcp)/;

/** The category for one resource type; 'Other' when the type says nothing we can rely on. */
export function categoryForResourceType(resourceType: string | undefined): Category {
  if (!resourceType) return 'Other';
  const lower = resourceType.trim().toLowerCase();
  for (const [pattern, category] of BY_NAMESPACE) if (pattern.test(lower)) return category;
  if (CONNECTOR_TYPE.test(lower)) {
    const service = lower.replace(CONNECTOR_TYPE, '');
    for (const [pattern, category] of BY_SERVICE_WORD) if (pattern.test(service)) return category;
  }
  return 'Other';
}

/** Distinct categories of several types, 'Other' dropped unless it is all there is. */
export function categoriesForResourceTypes(resourceTypes: readonly string[]): Category[] {
  const found = new Set<Category>();
  for (const type of resourceTypes) found.add(categoryForResourceType(type));
  if (found.size > 1) found.delete('Other');
  return [...found];
}
