import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, DAY, engineOf, governance, NOW } from './records';
import { tenantRecords } from './tenant';

const keysOf = (items: Array<{ resourceName: string; key: string }>) => items.map((r) => `${r.resourceName}/${r.key}`);

describe('sort by risk', () => {
  const rows = [
    assessment({ resourceName: 'a', key: 'k1', severity: 'Critical', riskLevel: 'High' }),
    assessment({ resourceName: 'b', key: 'k2', severity: 'Low', riskLevel: 'Critical' }),
    assessment({ resourceName: 'c', key: 'k3', severity: 'Low', riskLevel: 'Critical', attackPathIds: ['p1', 'p2'] }),
    assessment({ resourceName: 'd', key: 'k4', severity: 'High', riskLevel: 'Critical', attackPathIds: ['p1', 'p2'] }),
    assessment({ resourceName: 'e', key: 'k5', severity: 'Critical' }),
  ];
  const engine = engineOf(rows);

  it('orders by risk level, then attack paths, then severity; rows without risk last', () => {
    const result = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 10 });
    expect(keysOf(result.items)).toEqual(['d/k4', 'c/k3', 'b/k2', 'a/k1', 'e/k5']);
    expect(result.total).toBe(5);
  });

  it('is the default and equals sort: risk', () => {
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 10, sort: 'risk' })).toEqual(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 10 }));
  });

  it('sort by severity puts severity first, risk next', () => {
    const result = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 10, sort: 'severity' });
    expect(keysOf(result.items)).toEqual(['a/k1', 'e/k5', 'd/k4', 'c/k3', 'b/k2']);
  });
});

describe('tie-breaks and paging', () => {
  // Same rank everywhere: order must come from display name, then resource name, and be stable across pages.
  const rows = ['delta', 'alpha', 'charlie', 'bravo', 'echo', 'foxtrot'].flatMap((resourceName) => [
    assessment({ resourceName, key: 'kb', displayName: 'Beta rule' }),
    assessment({ resourceName, key: 'ka', displayName: 'alpha rule' }),
  ]);
  const engine = engineOf(rows);
  const all = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 100 });

  it('breaks ties by display name (case-insensitive), then resource name', () => {
    expect(keysOf(all.items).slice(0, 3)).toEqual(['alpha/ka', 'bravo/ka', 'charlie/ka']);
    expect(keysOf(all.items).slice(6, 8)).toEqual(['alpha/kb', 'bravo/kb']);
  });

  it('pages with offset and limit concatenate to the full list, total unchanged', () => {
    const pages = [0, 5, 10].map((offset) => engine.search(SYSTEM_VIEWER, { filter: {}, offset, limit: 5 }));
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.map((p) => p.offset)).toEqual([0, 5, 10]);
    expect(pages.flatMap((p) => keysOf(p.items))).toEqual(keysOf(all.items));
    expect(pages[2]?.items).toHaveLength(2);
  });

  it('offset past the end gives no items but the true total; bad numbers are clamped', () => {
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, offset: 50, limit: 5 })).toEqual({ total: 12, offset: 50, items: [] });
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, offset: -3, limit: 2 }).items).toHaveLength(2);
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 0 }).total).toBe(12);
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: Number.NaN }).items).toEqual([]);
  });

  it('top-k selection matches a full sort at every page size', () => {
    for (const limit of [1, 3, 7, 12]) {
      expect(keysOf(engine.search(SYSTEM_VIEWER, { filter: {}, limit }).items)).toEqual(keysOf(all.items).slice(0, limit));
    }
  });
});

describe('sort by due date', () => {
  const rows = [
    assessment({ resourceName: 'late', key: 'k1' }),
    assessment({ resourceName: 'soon', key: 'k1' }),
    assessment({ resourceName: 'none', key: 'k1', severity: 'Critical' }),
    assessment({ resourceName: 'later', key: 'k1' }),
  ];
  const engine = engineOf([
    ...rows,
    governance(rows[0]!.id, { owner: 'x', dueDate: NOW - 3 * DAY }),
    governance(rows[1]!.id, { owner: 'x', dueDate: NOW + DAY }),
    governance(rows[3]!.id, { owner: 'x', dueDate: NOW + 9 * DAY }),
  ]);
  it('earliest due first, rows without a due date last', () => {
    expect(keysOf(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 10, sort: 'dueDate' }).items)).toEqual(['late/k1', 'soon/k1', 'later/k1', 'none/k1']);
  });
});

it('rows carry everything the card shows', () => {
  const engine = engineOf(tenantRecords());
  const [top] = engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 1 }).items;
  expect(top).toMatchObject({
    key: 'k-vuln',
    displayName: 'Machines should have vulnerability findings resolved',
    severity: 'High',
    riskLevel: 'Critical',
    riskFactors: ['internetExposure', 'vulnerabilities'],
    attackPathCount: 2,
    cloud: 'Azure',
    resourceName: 'vm-web-01',
    resourceGroup: 'rg-prod',
    subscriptionName: 'Contoso Production',
    owner: 'alice@contoso.com',
    governance: 'overdue',
    findingCount: 2,
  });
});
