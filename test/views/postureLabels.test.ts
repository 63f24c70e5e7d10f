import { pluralLabel, resourceTypeLabel } from '../../src/views/postureLabels';

describe('resource type labels', () => {
  it.each([
    ['Microsoft.Compute/virtualMachines', 'Virtual machine'],
    ['microsoft.storage/storageaccounts', 'Storage account'],
    ['microsoft.awsconnector/ec2instances', 'EC2 instance'],
    ['Microsoft.EventHub/namespaces', 'Event Hubs namespace'],
    ['Microsoft.Relay/namespaces', 'Namespace'],
    ['Microsoft.Web/sites/slots', 'Slot'],
    ['Microsoft.Insights/dataCollectionRules', 'Data collection rule'],
    ['AWS::S3::Bucket', 'S3 bucket'],
    ['', 'Resource'],
  ])('%s -> %s', (type, label) => {
    expect(resourceTypeLabel(type)).toBe(label);
  });

  it.each([
    ['Virtual machine', 'Virtual machines'],
    ['Key vault', 'Key vaults'],
    ['Redis cache', 'Redis caches'],
    ['ECR repository', 'ECR repositories'],
    ['SQL database', 'SQL databases'],
  ])('plural of %s', (label, plural) => {
    expect(pluralLabel(label)).toBe(plural);
  });
});
