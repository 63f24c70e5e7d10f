// The same planner on tenants unlike the demo: no Defender CSPM (no risk data), other clouds' types, other names.
import { createFakeVocabulary } from './support/fakeVocabulary';
import { filterOf, planWith } from './support/planWith';

describe('a tenant without risk data', () => {
  const noCspm = createFakeVocabulary({ resourceType: ['microsoft.compute/virtualmachines'] }, { hasRiskData: false });

  it('reads bare level words as severity', () => {
    expect(filterOf(planWith(noCspm, 'show critical recommendations'))).toEqual({ severities: ['Critical'] });
    expect(filterOf(planWith(noCspm, 'high risk VMs'))).toEqual({ riskLevels: ['High'], resourceTypes: ['microsoft.compute/virtualmachines'] });
  });

  it('reads "vulnerable" as having findings of any severity instead of a risk factor', () => {
    expect(filterOf(planWith(noCspm, 'show vulnerable machines'))).toEqual({
      findingSeverities: ['Low', 'Medium', 'High', 'Critical'],
      resourceTypes: ['microsoft.compute/virtualmachines'],
    });
    expect(filterOf(planWith(noCspm, 'critical vulnerabilities'))).toEqual({ findingSeverities: ['Critical'] });
  });
});

describe('a multicloud tenant with its own type names', () => {
  const multicloud = createFakeVocabulary({
    subscription: ['Tailspin AWS 1234', 'Tailspin GCP project'],
    resourceType: [
      'microsoft.awsconnector/s3buckets',
      'microsoft.awsconnector/ec2instances',
      'microsoft.gcpconnector/computeinstances',
      'microsoft.gcpconnector/gkeclusters',
      'microsoft.storage/storageaccounts',
      'microsoft.compute/virtualmachines',
    ],
  });

  it('reaches the other clouds through everyday words', () => {
    expect(filterOf(planWith(multicloud, 'show VMs'))).toEqual({
      resourceTypes: ['microsoft.awsconnector/ec2instances', 'microsoft.gcpconnector/computeinstances', 'microsoft.compute/virtualmachines'],
    });
    expect(filterOf(planWith(multicloud, 'storage with sensitive data'))).toEqual({
      resourceTypes: ['microsoft.awsconnector/s3buckets', 'microsoft.storage/storageaccounts'],
      riskFactors: ['sensitiveData'],
    });
  });

  it('keeps a product name to that product', () => {
    expect(filterOf(planWith(multicloud, 's3 buckets'))).toEqual({ resourceTypes: ['microsoft.awsconnector/s3buckets'] });
    expect(filterOf(planWith(multicloud, 'gke clusters'))).toEqual({ resourceTypes: ['microsoft.gcpconnector/gkeclusters'] });
  });

  it('matches subscription names made of several words and numbers', () => {
    expect(filterOf(planWith(multicloud, 'issues in tailspin aws 1234'))).toEqual({ subscriptions: ['Tailspin AWS 1234'] });
  });
});
