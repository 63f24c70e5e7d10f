// A small hand-written tenant shared by the store tests: three Azure resources in two subscriptions and an
// AWS bucket, with risk, governance, findings, tags and attack paths varied across rows.
import type { PostureRecord } from '../../../src/posture/model';
import type { PostureEngine, PostureFilter } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, attackPath, DAY, finding, governance, NOW, resource, resourceIdOf, SUB_A, SUB_B, subscription } from './records';

export const STORAGE = 'Microsoft.Storage/storageAccounts';
export const WEB = resourceIdOf('vm-web-01');
export const DB = resourceIdOf('vm-db-01', undefined, 'rg-data', SUB_B);
export const STG = resourceIdOf('stgprodlogs', STORAGE);
const todayStart = Math.floor(NOW / DAY) * DAY;

export const webVuln = assessment({
  resourceName: 'vm-web-01', key: 'k-vuln', displayName: 'Machines should have vulnerability findings resolved',
  severity: 'High', riskLevel: 'Critical', riskFactors: ['internetExposure', 'vulnerabilities'],
  riskFactorLabels: ['Internet exposure', 'Vulnerabilities'], attackPathIds: ['ap1', 'ap2'],
  description: 'Vulnerabilities found on machines', statusCause: 'FindingsFound',
});
export const webEndpoint = assessment({
  resourceName: 'vm-web-01', key: 'k-edr', displayName: 'Endpoint protection should be installed',
  severity: 'Medium', riskLevel: 'High', riskFactors: ['internetExposure'], attackPathIds: ['ap1'],
});
export const dbVuln = assessment({
  resourceName: 'vm-db-01', resourceGroup: 'rg-data', subscriptionId: SUB_B, key: 'k-vuln',
  displayName: 'Machines should have vulnerability findings resolved',
  severity: 'High', riskLevel: 'Medium', riskFactors: ['vulnerabilities', 'sensitiveData'],
});
export const dbDisk = assessment({
  resourceName: 'vm-db-01', resourceGroup: 'rg-data', subscriptionId: SUB_B, key: 'k-disk',
  displayName: 'Disk encryption should be enabled', status: 'Healthy', severity: 'Low',
});
export const stgNetwork = assessment({
  resourceName: 'stgprodlogs', resourceType: STORAGE, key: 'k-stg', displayName: 'Storage accounts should restrict network access',
  severity: 'Critical', riskLevel: 'Critical', riskFactors: ['internetExposure', 'sensitiveData'], attackPathIds: ['ap3'], categories: ['Data'],
});
export const stgPublic = assessment({
  resourceName: 'stgprodlogs', resourceType: STORAGE, key: 'k-stg2', displayName: 'Storage account public access should be disallowed',
  status: 'NotApplicable', severity: 'High', categories: ['Data'],
});
export const s3 = assessment({
  resourceName: 'my-bucket', key: 'k-s3', displayName: 'S3 buckets should block public access',
  resourceId: 'arn:aws:s3:::my-bucket', resourceType: 'AWS::S3::Bucket', resourceGroup: undefined, subscriptionId: '123456789012',
  severity: 'Low', riskLevel: 'Low', cloud: 'AWS', categories: ['Data'], nativeResourceId: 'arn:aws:s3:::my-bucket',
});

export const ALL = [webVuln, webEndpoint, dbVuln, dbDisk, stgNetwork, stgPublic, s3];

export function tenantRecords(): PostureRecord[] {
  return [
    // Governance and findings before their assessments: the builder must not care about order.
    governance(webVuln.id, { owner: 'alice@contoso.com', dueDate: NOW - 2 * DAY, ticketNumber: 'T-1' }),
    governance(webEndpoint.id.toUpperCase(), { owner: 'bob@contoso.com', dueDate: todayStart }),
    finding(WEB, 'k-vuln', { findingId: 'cve-1', severity: 'High', cves: ['CVE-2024-0001'], cvssScore: 8.1 }),
    finding(WEB, 'k-vuln', { findingId: 'cve-2', severity: 'Critical', cves: ['CVE-2024-0002'], cvssScore: 9.8 }),
    finding(WEB, 'k-vuln', { findingId: 'cve-3', severity: 'Low', status: 'Healthy' }),
    finding(DB, 'k-vuln', { findingId: 'cve-4', severity: 'Medium' }),
    ...ALL,
    governance(dbVuln.id, {}),
    governance(stgNetwork.id, { owner: 'Alice@Contoso.com', dueDate: NOW + 5 * DAY }),
    governance(dbDisk.id, { owner: 'carol@contoso.com', dueDate: NOW - 30 * DAY }),
    resource(WEB, 'vm-web-01', { tags: { env: 'prod', team: 'web' }, location: 'westeurope' }),
    resource(DB, 'vm-db-01', { tags: { Env: 'Dev' } }),
    resource(STG, 'stgprodlogs', { type: STORAGE, tags: { env: 'prod', costcenter: 'dev' } }),
    subscription(SUB_A, 'Contoso Production'),
    subscription(SUB_B, 'Contoso Dev'),
    attackPath('ap1', { displayName: 'Internet to VM', riskLevel: 'Critical', assessmentRefs: [webVuln.id.toLowerCase()] }),
    attackPath('ap3', { displayName: 'Exposed storage', resourceIds: [STG.toUpperCase()] }),
    attackPath('ap9', { displayName: 'Unrelated', resourceIds: ['/subscriptions/x/other'] }),
  ];
}

/** "resourceName/key" of every match, sorted: easy to compare with the expected rows. */
export function matches(engine: PostureEngine, filter: PostureFilter): string[] {
  const result = engine.search(SYSTEM_VIEWER, { filter, limit: 100 });
  expect(result.total).toBe(result.items.length);
  expect(engine.count(SYSTEM_VIEWER, filter)).toBe(result.total);
  return result.items.map((row) => `${row.resourceName}/${row.key}`).sort();
}

export const label = (...records: Array<{ resourceName: string; key: string }>): string[] =>
  records.map((r) => `${r.resourceName}/${r.key}`).sort();
