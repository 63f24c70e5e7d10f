// Resource rollups, attack path answers and per-CVE counts over hand-made records.
import type { AssessmentRecord } from '../../../src/posture/model';
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { createColumnarEngine } from '../../../src/posture/store/engine';
import { buildTable } from '../../../src/posture/store/join';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { NOW, SUB_A, assessment, attackPath, engineOf, governance } from './records';

const RG = `/subscriptions/${SUB_A}/resourceGroups/rg`;
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/vm-edge`;
const DB = `${RG}/providers/Microsoft.Sql/servers/sql-core`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stlogs`;

function on(resourceId: string, key: string, overrides: Partial<AssessmentRecord> = {}): AssessmentRecord {
  const name = resourceId.split('/').pop() as string;
  return assessment({ id: `${resourceId}/providers/Microsoft.Security/assessments/${key}`, key, resourceId, resourceName: name, ...overrides });
}

const records = [
  on(VM, 'a1', { displayName: 'Patch log4j', severity: 'High', riskLevel: 'Critical', attackPathIds: ['path-1'], vulnerability: { cves: [{ id: 'CVE-2021-44228', title: 'Log4Shell' }], software: 'log4j-core', detectedVersions: ['2.14.1'], fixedVersion: '2.17.1', fixAvailable: true }, recommendationCategory: 'SoftwareUpdate' }),
  on(VM, 'a2', { displayName: 'Close management ports', severity: 'Medium', riskLevel: 'High', attackPathIds: ['path-1'] }),
  on(VM, 'a3', { displayName: 'Healthy thing', status: 'Healthy', severity: 'High' }),
  on(DB, 'b1', { displayName: 'Enable auditing', severity: 'Low', riskLevel: 'Medium' }),
  on(DB, 'b2', { displayName: 'Encrypt data', severity: 'Medium', riskLevel: 'Medium' }),
  on(DB, 'b3', { displayName: 'Restrict firewall', severity: 'High', riskLevel: 'Medium', vulnerability: { cves: [{ id: 'CVE-2021-44228' }, { id: 'CVE-2014-0160', title: 'Heartbleed' }], detectedVersions: [], fixAvailable: false } }),
  on(ST, 'c1', { displayName: 'Restrict network access', severity: 'High', riskLevel: 'High' }),
  governance(`${VM}/providers/Microsoft.Security/assessments/a1`, { owner: 'ana@example.com' }),
  attackPath(`/subscriptions/${SUB_A}/providers/Microsoft.Security/attackPaths/path-1`, {
    displayName: 'Exposed VM reaches the SQL server',
    riskLevel: 'Critical',
    riskFactors: ['internetExposure', 'sensitiveData'],
    entryPointId: VM,
    targetId: DB,
    steps: [{ from: VM, to: DB, label: 'Can reach' }],
    entityNames: { [DB]: 'sql-core (billing)' },
    assessmentRefs: [`${VM}/providers/Microsoft.Security/assessments/a3`],
    resourceIds: [VM, DB],
  }),
  attackPath(`/subscriptions/${SUB_A}/providers/Microsoft.Security/attackPaths/path-2`, { displayName: 'Storage path', riskLevel: 'High', entryPointId: ST, targetId: ST, steps: [], resourceIds: [ST], assessmentRefs: [`${ST}/providers/Microsoft.Security/assessments/c1`] }),
];

describe('resources as the unit', () => {
  const engine = engineOf(records);
  const open = { statuses: ['Unhealthy' as const] };

  it('ranks resources by their riskiest recommendation, honours top N, and lists each one\'s recommendations ranked', () => {
    const top = engine.resources(SYSTEM_VIEWER, { filter: open, limit: 2, recommendationsPerResource: 5 });
    expect(top.total).toBe(3);
    expect(top.items.map((r) => r.resourceName)).toEqual(['vm-edge', 'stlogs']);
    expect(top.items[0]).toMatchObject({ riskLevel: 'Critical', highestSeverity: 'High', count: 2, cveCount: 1, attackPathCount: 1, owners: ['ana@example.com'], severityCounts: { High: 1, Medium: 1, Low: 0, Critical: 0 } });
    expect(top.items[0]?.recommendations.map((r) => r.displayName)).toEqual(['Patch log4j', 'Close management ports']);
    expect(engine.resources(SYSTEM_VIEWER, { filter: open, limit: 1, offset: 2 }).items.map((r) => r.resourceName)).toEqual(['sql-core']);
  });

  it('"what is wrong with <resource>": one resource, its open recommendations riskiest first, limited as asked', () => {
    const one = engine.resources(SYSTEM_VIEWER, { filter: { ...open, resourceText: 'sql-core' }, limit: 1, recommendationsPerResource: 2 });
    expect(one.total).toBe(1);
    expect(one.items[0]?.count).toBe(3);
    expect(one.items[0]?.recommendations.map((r) => r.displayName)).toEqual(['Restrict firewall', 'Encrypt data']);
  });

  it('applies the filter to the rollup (only rows with a CVE count)', () => {
    const withCves = engine.resources(SYSTEM_VIEWER, { filter: { ...open, vulnerabilityText: 'CVE-' }, limit: 10 });
    expect(withCves.items.map((r) => [r.resourceName, r.count])).toEqual([['vm-edge', 1], ['sql-core', 1]]);
  });
});

describe('attack paths as answers', () => {
  const engine = engineOf(records);

  it('shows entry point, steps and target by name, risk factors, and the open recommendations that break the path', () => {
    const result = engine.attackPaths(SYSTEM_VIEWER, { limit: 10 });
    expect(result.total).toBe(2);
    const [first] = result.items;
    expect(first).toMatchObject({
      displayName: 'Exposed VM reaches the SQL server',
      riskLevel: 'Critical',
      riskFactors: ['internetExposure', 'sensitiveData'],
      entryPoint: { id: VM, name: 'vm-edge' },
      target: { id: DB, name: 'sql-core (billing)' },
      steps: [{ from: { name: 'vm-edge' }, to: { name: 'sql-core (billing)' }, label: 'Can reach' }],
    });
    // a3 is referenced but healthy: it breaks nothing any more.
    expect(first?.recommendations.map((r) => r.displayName)).toEqual(['Patch log4j', 'Close management ports']);
  });

  it('finds the path for a resource by name or id, and honours top N', () => {
    expect(engine.attackPaths(SYSTEM_VIEWER, { resourceText: 'SQL-CORE', limit: 10 }).items.map((p) => p.displayName)).toEqual(['Exposed VM reaches the SQL server']);
    expect(engine.attackPaths(SYSTEM_VIEWER, { resourceIds: [ST.toUpperCase()], limit: 10 }).items.map((p) => p.displayName)).toEqual(['Storage path']);
    expect(engine.attackPaths(SYSTEM_VIEWER, { resourceText: 'nothing-like-this', limit: 10 }).total).toBe(0);
    expect(engine.attackPaths(SYSTEM_VIEWER, { limit: 1 }).items).toHaveLength(1);
  });

  it('under a narrowed scope, shows only paths with a recommendation the viewer may see', () => {
    const state = createBuilderState();
    for (const record of records) addRecord(state, record);
    const table = buildTable(state);
    // Alice sees only the storage account's rows.
    const scoped = createColumnarEngine(table, {
      now: () => NOW,
      scope: (t, viewer) => (viewer.userId === 'alice' ? Uint8Array.from({ length: t.rowCount }, (_, row) => Number(t.dict.resource.value(t.columns.resource[row] as number) === ST)) : undefined),
    });
    expect(scoped.attackPaths({ userId: 'alice' }, { limit: 10 }).items.map((p) => p.displayName)).toEqual(['Storage path']);
    expect(scoped.attackPaths(SYSTEM_VIEWER, { limit: 10 }).total).toBe(2);
  });
});

describe('vulnerabilities', () => {
  const engine = engineOf(records);

  it('counts resources per CVE, most affected first, and honours top N', () => {
    const all = engine.vulnerabilities(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 });
    expect(all.items.map((v) => [v.cveId, v.resourceCount])).toEqual([['CVE-2021-44228', 2], ['CVE-2014-0160', 1]]);
    expect(all.items[0]).toMatchObject({ title: 'Log4Shell', fixAvailable: true, software: ['log4j-core'] });
    expect(engine.vulnerabilities(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 1 }).items).toHaveLength(1);
  });

  it('filters by fix, category and software', () => {
    const names = (filter: object) => engine.search(SYSTEM_VIEWER, { filter, limit: 10 }).items.map((r) => r.displayName);
    expect(names({ fixAvailable: true })).toEqual(['Patch log4j']);
    expect(names({ fixAvailable: false })).toEqual(['Restrict firewall']);
    expect(names({ recommendationCategories: ['SoftwareUpdate'] })).toEqual(['Patch log4j']);
    expect(names({ software: 'log4j', fixAvailable: false })).toEqual([]);
    expect(names({ cves: ['CVE-2014-0160'] })).toEqual(['Restrict firewall']);
  });

  it('an individual recommendation is a finding of its own severity, with its CVEs as details', () => {
    expect(engine.count(SYSTEM_VIEWER, { findingSeverities: ['High'] })).toBe(2);
    const details = engine.details(SYSTEM_VIEWER, `${DB}/providers/Microsoft.Security/assessments/b3`);
    expect(details?.findings.map((f) => [f.findingId, f.displayName, f.patchable])).toEqual([['CVE-2021-44228', 'Log4Shell', false], ['CVE-2014-0160', 'Heartbleed', false]]);
  });
});
