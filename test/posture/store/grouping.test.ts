import type { GroupBy } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { engineOf, NOW, SUB_A, SUB_B } from './records';
import { STORAGE, tenantRecords } from './tenant';

const engine = engineOf(tenantRecords(), { now: NOW });
const groups = (by: GroupBy, filter = {}) => engine.group(SYSTEM_VIEWER, filter, by);
const counts = (by: GroupBy, filter = {}) => groups(by, filter).groups.map((g) => [g.key, g.count]);

describe('group by', () => {
  it('severity, by rank (highest first), not by count', () => {
    expect(counts('severity')).toEqual([['Critical', 1], ['High', 3], ['Medium', 1], ['Low', 2]]);
  });

  it('risk level by rank, rows without one in their own group last', () => {
    expect(counts('riskLevel')).toEqual([['Critical', 2], ['High', 1], ['Medium', 1], ['Low', 1], ['none', 2]]);
  });

  it('resource type: key lower-cased, label as the data spells it, by count', () => {
    expect(groups('resourceType').groups).toEqual([
      { key: 'microsoft.compute/virtualmachines', label: 'Microsoft.Compute/virtualMachines', count: 4 },
      { key: STORAGE.toLowerCase(), label: STORAGE, count: 2 },
      { key: 'aws::s3::bucket', label: 'AWS::S3::Bucket', count: 1 },
    ]);
  });

  it('subscription: labelled by display name, the id when there is none', () => {
    expect(groups('subscription').groups).toEqual([
      { key: SUB_A, label: 'Contoso Production', count: 4 },
      { key: SUB_B, label: 'Contoso Dev', count: 2 },
      { key: '123456789012', label: '123456789012', count: 1 },
    ]);
  });

  it('owner: case variants are one owner; no owner is its own group', () => {
    expect(counts('owner', { statuses: ['Unhealthy'] })).toEqual([['alice@contoso.com', 2], ['', 2], ['bob@contoso.com', 1]]);
  });

  it('category and risk factor count a row once per value', () => {
    expect(counts('category')).toEqual([['Compute', 4], ['Data', 3]]);
    expect(counts('riskFactor')).toEqual([['internetExposure', 3], ['sensitiveData', 2], ['vulnerabilities', 2]]);
    expect(groups('riskFactor').total).toBe(7);
  });

  it('cloud, recommendation and governance', () => {
    expect(counts('cloud')).toEqual([['Azure', 6], ['AWS', 1]]);
    expect(groups('recommendation').groups[0]).toEqual({ key: 'k-vuln', label: 'Machines should have vulnerability findings resolved', count: 2 });
    expect(counts('governance')).toEqual([['completed', 2], ['onTime', 2], ['unassigned', 2], ['overdue', 1]]);
  });

  it('respects the filter; total is the number of matching rows', () => {
    const result = groups('severity', { statuses: ['Unhealthy'], clouds: ['Azure'] });
    expect(result.total).toBe(4);
    expect(result.groups.map((g) => g.count).reduce((a, b) => a + b, 0)).toBe(4);
    expect(groups('owner', { owners: ['nobody'] })).toEqual({ by: 'owner', total: 0, groups: [] });
  });
});
