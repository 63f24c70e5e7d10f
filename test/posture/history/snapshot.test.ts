// A history snapshot reads every row once, in storage order, from the engine's row reader: the same statuses and
// names as paging through search, past the largest search page, with superseded rows left out.
import type { PostureEngine } from '../../../src/posture/engine';
import { idsOf, snapshotOf } from '../../../src/posture/history/snapshot';
import { codeOfStatus, hashOf } from '../../../src/posture/history/stateCodes';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, engineOf } from '../store/records';

const ROWS = 12_345; // more than one search page (10,000) and many engine reads (1,000 rows each)
const statuses = ['Unhealthy', 'Healthy', 'NotApplicable'] as const;
const records = Array.from({ length: ROWS }, (_, i) =>
  assessment({ resourceName: `vm-${i}`, key: `k${i % 7}`, status: statuses[i % 3], displayName: `Rec ${i % 7}` }),
);
// A later row with the same id supersedes the earlier one: only the later status counts.
records.push(assessment({ resourceName: 'vm-0', key: 'k0', status: 'Healthy', displayName: 'Rec 0' }));
const engine = engineOf(records);

function viaSearch(e: PostureEngine) {
  const rows = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = e.search(SYSTEM_VIEWER, { filter: {}, sort: 'severity', offset, limit: 10_000 });
    rows.push(...page.items);
    if (page.items.length < 10_000) return rows;
  }
}

describe('history snapshot', () => {
  it('records every live row once, with the status and label search shows', async () => {
    const snapshot = await snapshotOf(engine);
    const expected = viaSearch(engine);
    expect(expected).toHaveLength(ROWS);
    expect(snapshot.state.size).toBe(ROWS);
    for (const row of expected) {
      const hash = hashOf(row.assessmentId);
      expect(snapshot.state.get(hash)).toBe(codeOfStatus(row.status));
      expect(snapshot.ids.get(hash)).toBe(row.assessmentId);
      expect(snapshot.label(hash)).toBe(`${row.displayName} · ${row.resourceName}`);
    }
    expect(snapshot.state.get(hashOf(records[0]!.id))).toBe(codeOfStatus('Healthy'));
  });

  it('reads pages of rows in storage order, the last without a next', () => {
    const first = engine.statusRows!(0, 10_000);
    expect(first.next).toBe(10_000);
    const rest = engine.statusRows!(first.next!, 10_000);
    expect(rest.next).toBeUndefined();
    expect(first.items.length + rest.items.length).toBe(ROWS);
  });

  it('finds ids of hashes, from an engine without a row reader too (search pages)', async () => {
    const wanted = new Set([hashOf(records[5]!.id), hashOf(records[ROWS - 1]!.id)]);
    const { statusRows: _unused, ...withoutReader } = engine;
    for (const e of [engine, withoutReader as PostureEngine]) {
      const ids = await idsOf(e, wanted);
      expect([...ids.values()].sort()).toEqual([records[5]!.id, records[ROWS - 1]!.id].sort());
    }
    const fallback = await snapshotOf(withoutReader as PostureEngine);
    expect(fallback.state.size).toBe(ROWS);
  });
});
