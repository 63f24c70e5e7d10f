// The viewer seam: a scope that hides rows must hide them from every query (the access-scoping issue plugs in here).
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { UNHEALTHY } from '../../../src/posture/store/codecs';
import { createColumnarEngine } from '../../../src/posture/store/engine';
import { compileFilter } from '../../../src/posture/store/filter';
import { rowsOf } from '../../../src/posture/store/rowSet';
import { buildTable } from '../../../src/posture/store/join';
import type { Viewer } from '../../../src/posture/viewer';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { DAY, NOW } from './records';
import { dbVuln, tenantRecords, webEndpoint, webVuln } from './tenant';

const state = createBuilderState();
for (const record of tenantRecords()) addRecord(state, record);
const table = buildTable(state);
const alice: Viewer = { userId: 'alice' };
// Alice may not see the web VM's rows; everyone else sees everything.
const engine = createColumnarEngine(table, {
  now: () => NOW,
  scope: (t, viewer) => {
    if (viewer.userId !== 'alice') return undefined;
    const visible = new Uint8Array(t.rowCount).fill(1);
    const web = t.dict.resource.find(webVuln.resourceId);
    for (let row = 0; row < t.rowCount; row++) if (t.columns.resource[row] === web) visible[row] = 0;
    return visible;
  },
});

describe('viewer scope', () => {
  it('hides rows from search, count, group, details and capabilities', () => {
    expect(engine.count(SYSTEM_VIEWER, {})).toBe(7);
    expect(engine.count(alice, {})).toBe(5);
    expect(engine.search(alice, { filter: { hasAttackPaths: true }, limit: 10 }).items.map((r) => r.key)).toEqual(['k-stg']);
    expect(engine.group(alice, {}, 'severity').total).toBe(5);
    expect(engine.details(alice, webEndpoint.id)).toBeUndefined();
    expect(engine.details(SYSTEM_VIEWER, webEndpoint.id)).toBeDefined();
    expect(engine.capabilities(alice).assessmentCount).toBe(5);
  });
});

describe('a scope in the query plan', () => {
  const todayStart = Math.floor(NOW / DAY) * DAY;
  const db = table.dict.resource.find(dbVuln.resourceId);
  const visible = new Uint8Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row++) if (table.columns.resource[row] === db) visible[row] = 1;
  const visibleRows = [...visible.keys()].filter((row) => visible[row] === 1 && table.live[row] === 1);
  const unhealthy = visibleRows.filter((row) => table.columns.status[row] === UNHEALTHY);

  it('is intersected with the indexed conditions as rows, leaving no visibility test per row', () => {
    const compiled = compileFilter(table, { statuses: ['Unhealthy'] }, todayStart, visible, 'bitmaps');
    expect(compiled.residual).toBeUndefined();
    expect(rowsOf(compiled.rows!)).toEqual(unhealthy);
    expect(unhealthy.length).toBeGreaterThan(0);
    expect(unhealthy.length).toBeLessThan(visibleRows.length);
  });

  it('is walked alone when it holds the fewest rows, and kept per visible-row array', () => {
    const compiled = compileFilter(table, {}, todayStart, visible, 'index');
    expect([...compiled.source.index.rows]).toEqual(visibleRows);
    expect(compileFilter(table, { statuses: ['Unhealthy'] }, todayStart, visible, 'index').source).toBe(compiled.source);
  });
});
