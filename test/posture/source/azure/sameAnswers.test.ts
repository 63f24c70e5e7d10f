// Same rows, same answers: the demo tenant's rows loaded from an export file and read live from a loopback Resource
// Graph (pages of 1,000 through the real SDK client) give engines that answer every question the skills ask alike.
import type { GroupBy, PostureEngine } from '../../../../src/posture/engine';
import { demoTenantRows } from '../../../../src/posture/demo/generator';
import { loadPosture } from '../../../../src/posture/loadPosture';
import { createAzurePostureSource } from '../../../../src/posture/source/azure/azureSource';
import { createExportFileSource } from '../../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../../src/posture/viewer';
import { writeExport } from '../exportWriters';
import { queryFilter, startFakeResourceGraph, tableOf, type Table } from '../../../../bench/servers/fakeResourceGraph';
import { POSTURE_QUERIES } from '../../../../src/posture/source/azure/queries';
import { loopbackOptions } from './loopbackClient';

const GROUPS: GroupBy[] = ['severity', 'riskLevel', 'resourceType', 'subscription', 'owner', 'category', 'cloud', 'recommendation', 'governance', 'riskFactor'];
const NOW = Date.parse('2026-06-02T00:00:00Z');

function answers(engine: PostureEngine) {
  const v = SYSTEM_VIEWER;
  const all = engine.search(v, { filter: {}, limit: 100_000 });
  const open = engine.search(v, { filter: { statuses: ['Unhealthy'] }, limit: 100_000, sort: 'severity' });
  const ids = all.items.map((row) => row.assessmentId).sort();
  return {
    capabilities: engine.capabilities(v),
    groups: GROUPS.map((by) => engine.group(v, {}, by)),
    // Rows of equal rank may come in either order: compare each list as a set and its ranking keys in order.
    all: { total: all.total, ids },
    openOrder: open.items.map((row) => `${row.severity}`),
    openIds: open.items.map((row) => row.assessmentId).sort(),
    details: ids.map((id) => engine.details(v, id)),
    secureScore: engine.secureScore(v),
    vulnerabilities: engine.vulnerabilities(v, { filter: { statuses: ['Unhealthy'] }, limit: 50 }).total,
    resources: engine.resources(v, { filter: {}, limit: 100_000 }).total,
    attackPaths: engine.attackPaths(v, { limit: 1000 }).total,
    vocabulary: (['subscription', 'resourceGroup', 'resourceName', 'resourceType', 'recommendation', 'owner', 'tagKey', 'tagValue'] as const).map((field) => [...engine.vocabulary(v, field)].sort()),
  };
}

/** Rows one of the source's queries selects (the fake applies the same filters). */
const selected = (row: unknown): boolean => POSTURE_QUERIES.some((query) => tableOf(row) === query.table && queryFilter(query.query)(row));
const TABLE_ORDER: Table[] = ['resourcecontainers', 'securityresources', 'resources'];
const idOf = (row: Record<string, unknown>): string => String(row.id ?? '').toLowerCase();

/**
 * The rows as `az graph query` gives them for the source's queries: table by table, sorted by id. The order
 * matters: where rows disagree (one recommendation key with different metadata on different rows, a risk factor
 * spelled two ways) the store keeps one of them by load order, so an export in another order can differ there.
 */
function inQueryOrder(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return TABLE_ORDER.flatMap((table) => rows.filter((row) => tableOf(row) === table && selected(row)).sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)));
}

describe('same rows through the export and the live Azure source', () => {
  it('give the same answers', async () => {
    const rows = [...demoTenantRows()];
    expect(rows.length).toBeGreaterThan(1000);
    const fromExport = await loadPosture({ source: createExportFileSource({ path: writeExport('azGraph', inQueryOrder(rows)) }), builder: createPostureStoreBuilder({ now: () => NOW }), now: () => NOW });
    const fake = await startFakeResourceGraph({ rows });
    try {
      const live = createAzurePostureSource({ scopes: [{ kind: 'tenant' }], cloud: 'AzurePublicCloud', ...loopbackOptions(fake.port) });
      const fromAzure = await loadPosture({ source: live, builder: createPostureStoreBuilder({ now: () => NOW }), now: () => NOW });
      expect(fromAzure.report.rows).toBe(inQueryOrder(rows).length);
      expect(fromAzure.report.records).toBe(fromExport.report.records);
      expect(fromAzure.report.ignoredTypes).toEqual(fromExport.report.ignoredTypes);
      expect(fake.requests.filter((request) => request.skipToken !== undefined).length).toBeGreaterThan(0);
      const expected = answers(fromExport.engine);
      const actual = answers(fromAzure.engine);
      expect(actual.all.total).toBeGreaterThan(500);
      expect(actual).toEqual(expected);
    } finally {
      await fake.close();
    }
  });
});
