import { createCatalog, type CatalogEntry } from '../../../src/posture/catalog/catalog';
import { createRowNormalizer } from '../../../src/posture/load/normalizeRow';
import type { PostureRecord } from '../../../src/posture/model';
import { AWS_KEY, SUB, VM, VM_ASSESSMENT, VM_KEY, attackPathRow, awsAssessment, azureAssessment, gcpAssessment, governanceRow, subAssessmentRow } from './rowFixtures';

const entry: CatalogEntry = {
  key: VM_KEY,
  displayName: 'Catalog name for the VM check',
  severity: 'Medium',
  categories: ['Compute'],
  categorySource: 'api',
  resourceTypes: ['Microsoft.Compute/virtualMachines'],
  cloud: 'Azure',
  threats: ['DataExfiltration'],
  source: ['test'],
  policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/p',
};
const normalize = createRowNormalizer({ catalog: createCatalog({ entries: [entry] }) });
const record = (row: unknown): PostureRecord => {
  const result = normalize(row);
  if (result.kind !== 'record') throw new Error(`ignored ${result.type}`);
  return result.record;
};
const withProps = (props: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...azureAssessment(), ...extra, properties: props });

describe('assessment rows', () => {
  it('takes severity, name and categories from the row metadata when present', () => {
    expect(record(azureAssessment())).toMatchObject({ severity: 'High', metadataSource: 'row', categories: ['Compute'], threats: ['dataExfiltration'] });
  });

  it('falls back to the catalog without metadata, and says so', () => {
    const rec = record(withProps({ status: { code: 'Unhealthy' }, resourceDetails: { id: VM } }));
    expect(rec).toMatchObject({ displayName: 'Catalog name for the VM check', severity: 'Medium', categories: ['Compute'], metadataSource: 'catalog', policyDefinitionId: entry.policyDefinitionId, threats: ['DataExfiltration'] });
  });

  it('uses Low with metadataSource none when neither the row nor the catalog knows the severity', () => {
    const key = '99999999-9999-9999-9999-999999999999';
    const rec = record({ id: `${VM}/providers/Microsoft.Security/assessments/${key}`, type: 'microsoft.security/assessments', properties: { status: { code: 'Healthy' } } });
    expect(rec).toMatchObject({ key, displayName: key, severity: 'Low', metadataSource: 'none', categories: ['Compute'], resourceId: VM, resourceType: 'Microsoft.Compute/virtualMachines' });
  });

  it('derives resource id, name, type, group and subscription from the assessment id when resourceDetails is missing', () => {
    const rec = record({ id: VM_ASSESSMENT, name: VM_KEY.toUpperCase(), type: 'Microsoft.Security/assessments', properties: { status: { code: 'unhealthy' } } });
    expect(rec).toMatchObject({ key: VM_KEY, status: 'Unhealthy', resourceId: VM, resourceName: 'vm-web-01', resourceType: 'Microsoft.Compute/virtualMachines', resourceGroup: 'rg-web', subscriptionId: SUB, cloud: 'Azure' });
  });

  it('strips an assessment id written into resourceDetails.id (seen in REST examples)', () => {
    expect(record(withProps({ status: { code: 'Healthy' }, resourceDetails: { source: 'Azure', id: VM_ASSESSMENT } }))).toMatchObject({ resourceId: VM });
  });

  it('AWS with a connector: resourceDetails.Id, native ARN, connector, catalog fallback', () => {
    expect(record(awsAssessment())).toMatchObject({ key: AWS_KEY, cloud: 'AWS', resourceName: 'snap-0abc', resourceType: 'AwsEc2Snapshot', connectorId: expect.stringContaining('aws-prod'), nativeResourceId: expect.stringMatching(/^arn:aws:ec2:/), metadataSource: 'none', categories: ['Data'] });
  });

  it('GCP without a connector: AzureResourceId, CloudNativeResourceName, native id', () => {
    expect(record(gcpAssessment())).toMatchObject({ cloud: 'GCP', resourceName: 'logs-bucket', nativeResourceId: '//storage.googleapis.com/logs-bucket', severity: 'Medium', metadataSource: 'row' });
  });

  it('canonicalises risk factors loosely and keeps every label as spelled', () => {
    const rec = record(withProps({ status: { code: 'Unhealthy' }, risk: { level: 'high', riskFactors: ['Exposed to the internet', 'Data sensitivity', 'has high severity vulnerabilities', 'Weak authorization'] } }));
    expect(rec).toMatchObject({ riskLevel: 'High', riskFactors: ['internetExposure', 'sensitiveData', 'vulnerabilities'], riskFactorLabels: ['Exposed to the internet', 'Data sensitivity', 'has high severity vulnerabilities', 'Weak authorization'] });
  });

  it('reads enum spellings with any case, spaces or underscores', () => {
    expect(record(withProps({ status: { code: 'Not Applicable' }, metadata: { severity: 'CRITICAL' } }))).toMatchObject({ status: 'NotApplicable', severity: 'Critical' });
    expect(record(withProps({ status: { code: 'not_applicable' } }))).toMatchObject({ status: 'NotApplicable' });
  });

  it('leaves riskLevel undefined without risk data or with level None', () => {
    expect(record(withProps({ status: { code: 'Unhealthy' } }))).not.toHaveProperty('riskLevel');
    expect(record(withProps({ status: { code: 'Unhealthy' }, risk: { level: 'None' } }))).not.toHaveProperty('riskLevel');
  });

  it('reads the portal link under either name and dates as epoch ms', () => {
    const rec = record(withProps({ status: { code: 'Healthy', statusChangeDate: '2026-02-01T00:00:00Z' }, links: { azurePortalUri: 'https://portal/x' } }));
    expect(rec).toMatchObject({ portalLink: 'https://portal/x', statusChangeDate: Date.parse('2026-02-01T00:00:00Z') });
  });
});

describe('related rows', () => {
  it('governance: joined on the lower-cased assignedResourceId, owner and dates read', () => {
    expect(record(governanceRow())).toEqual({
      kind: 'governance',
      id: expect.any(String),
      assessmentId: VM_ASSESSMENT.toLowerCase(),
      owner: 'alice@contoso.com',
      dueDate: Date.parse('2026-03-01T00:00:00Z'),
      isGracePeriod: true,
      etaDate: Date.parse('2026-03-10T00:00:00Z'),
      etaJustification: 'waiting for patch window',
      ticketNumber: '4711',
      ticketLink: 'https://tickets.example/4711',
      ticketStatus: 'Active',
    });
  });

  it('governance without assignedResourceId (REST): the assessment is the parent of the row id; empty owner is no owner', () => {
    const row = governanceRow();
    row.properties = { owner: '', remediationDueDate: '2026-03-01T00:00:00Z' };
    const rec = record(row);
    expect(rec).toMatchObject({ assessmentId: VM_ASSESSMENT.toLowerCase() });
    expect(rec).not.toHaveProperty('owner');
  });

  it('sub-assessment: parent key lower-cased, resource id before /providers/Microsoft.Security, CVEs and best CVSS', () => {
    expect(record(subAssessmentRow())).toMatchObject({ kind: 'finding', parentKey: '1195afff-c881-495e-9bc5-1486211ae03f', resourceId: VM, findingId: 'CVE-2024-0001', cves: ['CVE-2024-0001'], cvssScore: 9.8, patchable: true, severity: 'Critical', status: 'Unhealthy' });
  });

  it('attack path in the Exposure Management shape', () => {
    expect(record(attackPathRow())).toMatchObject({ riskLevel: 'High', riskFactors: ['internetExposure', 'lateralMovement'], entryPoint: 'vm-web-01', target: 'kv-secrets', resourceIds: [VM], assessmentRefs: [VM_ASSESSMENT.toLowerCase()] });
  });

  it('attack path in the legacy Defender CSPM shape (potentialImpact, riskCategories, internal ids)', () => {
    const rec = record({ id: '/subscriptions/s/providers/Microsoft.Security/attackPaths/p2', type: 'microsoft.security/attackpaths', properties: { displayName: 'Legacy', potentialImpact: 'DataExposure', riskCategories: ['Exposed to the internet'], entryPointEntityInternalID: 'e1', targetEntityInternalID: 't1' } });
    expect(rec).toMatchObject({ displayName: 'Legacy', riskFactors: ['internetExposure'], entryPoint: 'e1', target: 't1' });
    expect(rec).not.toHaveProperty('riskLevel');
  });

  it('REST subscription rows without a type, and ignored bookkeeping types', () => {
    expect(record({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: 'Prod', state: 'Enabled' })).toEqual({ kind: 'subscription', subscriptionId: SUB, displayName: 'Prod', state: 'Enabled' });
    expect(normalize({ id: '/x', type: 'Microsoft.Security/pricings' })).toEqual({ kind: 'ignored', type: 'microsoft.security/pricings' });
    expect(normalize({ id: '/x', type: 'weird' })).toEqual({ kind: 'ignored', type: 'weird' });
  });
});

describe('resource tags', () => {
  it('keeps a tag named __proto__ as a tag (from JSON text), and odd values as text', () => {
    const row = JSON.parse(`{"id":"${VM}","type":"Microsoft.Compute/virtualMachines","name":"vm","tags":{"__proto__":"owner@contoso.com","env":"prod","n":3,"gone":null}}`) as unknown;
    const tags = (record(row) as { tags: Record<string, string> }).tags;
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(Object.keys(tags)).toEqual(['__proto__', 'env', 'n']);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('owner@contoso.com');
    expect(JSON.stringify(tags)).toBe('{"__proto__":"owner@contoso.com","env":"prod","n":"3"}');
  });
});
