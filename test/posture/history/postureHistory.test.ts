// History kept as deltas in the real SQLite records store: what a diff tells apart, states at past times, the
// retention folding old loads into the base, and the demo seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffStates } from '../../../src/posture/history/diff';
import { seedDemoHistory } from '../../../src/posture/history/demoSeed';
import { createPostureHistory, HISTORY_COLLECTION } from '../../../src/posture/history/postureHistory';
import { hashOf, type State, type StateCode } from '../../../src/posture/history/stateCodes';
import { createSqliteDatabase, type SqliteDatabase } from '../../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../../src/storage/recordsStore';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T06:00:00Z');
const state = (entries: Record<string, StateCode>): State => new Map(Object.entries(entries).map(([id, c]) => [hashOf(id), c]));

describe('posture history', () => {
  let dir: string;
  let database: SqliteDatabase;
  let records: RecordsStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'history-'));
    database = createSqliteDatabase(dir);
    records = createSqliteRecordsStore(database);
  });
  afterEach(async () => {
    await records.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells fixed from deleted, exempted, newly assessed and newly open', () => {
    const before = state({ a: 'U', b: 'U', c: 'U', d: 'H' });
    const after = state({ a: 'H', c: 'N', d: 'U', e: 'U', f: 'H' });
    const changes = diffStates(before, after);
    expect(changes.fixed).toEqual([hashOf('a')]);
    expect(changes.deleted).toEqual([hashOf('b')]);
    expect(changes.exempted).toEqual([hashOf('c')]);
    expect(changes.new.sort()).toEqual([hashOf('d'), hashOf('e')].sort());
    expect(changes.newlyAssessed.sort()).toEqual([hashOf('e'), hashOf('f')].sort());
  });

  it('stores a base then only the changes of each load, and reads the state as of any time', async () => {
    const history = createPostureHistory(records);
    expect(await history.record(state({ a: 'U', b: 'U', c: 'H' }), T0)).toBe(3);
    expect(await history.record(state({ a: 'U', b: 'U', c: 'H' }), T0 + DAY)).toBe(0);
    expect(await history.record(state({ a: 'H', b: 'U', c: 'H' }), T0 + 2 * DAY)).toBe(1);
    expect(await history.record(state({ a: 'H', c: 'H', d: 'U' }), T0 + 3 * DAY, (h) => (h === hashOf('b') ? 'Old recommendation · vm-gone' : undefined))).toBe(2);
    const loads = await history.loads();
    expect(loads.map((l) => l.changes)).toEqual([3, 1, 2]);
    const asOf = await history.stateAt(T0 + 2.5 * DAY);
    expect(asOf?.loadedAt).toBe(T0 + 2 * DAY);
    expect(asOf?.state.get(hashOf('a'))).toBe('H');
    expect(asOf?.state.has(hashOf('d'))).toBe(false);
    // A time before the first load reads the base.
    expect((await history.stateAt(T0 - DAY))?.loadedAt).toBe(T0);
    expect((await history.labels()).get(hashOf('b'))).toBe('Old recommendation · vm-gone');
    // Records hold deltas: the per-load records are small, the base is written once.
    const stored = await records.list(HISTORY_COLLECTION);
    expect(stored.map((r) => r.id)).toEqual(['base', 'base/00000', `load/${new Date(T0 + 2 * DAY).toISOString()}`, `load/${new Date(T0 + 3 * DAY).toISOString()}`]);
  });

  it('folds loads older than the retention into the base and keeps the later states the same', async () => {
    const history = createPostureHistory(records);
    await history.record(state({ a: 'U', b: 'U' }), T0);
    await history.record(state({ a: 'H', b: 'U' }), T0 + DAY);
    await history.record(state({ a: 'H', b: 'H' }), T0 + 2 * DAY);
    const latestBefore = await history.latest();
    expect(await history.fold(T0 + 1.5 * DAY)).toBe(1);
    const loads = await history.loads();
    expect(loads[0]?.at).toBe(T0 + DAY);
    expect(loads).toHaveLength(2);
    expect((await history.latest())?.state).toEqual(latestBefore?.state);
    expect((await history.stateAt(T0))?.state.get(hashOf('a'))).toBe('H');
  });

  it('seeds the demo: the oldest day has every later change undone, the last load equals the data now', async () => {
    const history = createPostureHistory(records);
    const now = Date.parse('2026-12-04T12:00:00Z');
    const current = state({ a: 'H', c: 'N', d: 'U' });
    const file = {
      days: 3,
      loads: [
        { daysAgo: 2, changes: [{ id: 'a', from: 'U' as const, to: 'H' as const }, { id: 'gone', from: 'U' as const, to: '-' as const, label: 'Old · vm-x' }] },
        { daysAgo: 1, changes: [{ id: 'c', from: 'U' as const, to: 'N' as const }, { id: 'd', from: '-' as const, to: 'U' as const }] },
      ],
    };
    expect(await seedDemoHistory(history, file, current, now)).toBe(true);
    expect(await seedDemoHistory(history, file, current, now)).toBe(false);
    const oldest = await history.stateAt(now - 3 * DAY + 7 * 3_600_000);
    expect(diffStates(oldest?.state ?? new Map(), current)).toMatchObject({ fixed: [hashOf('a')], exempted: [hashOf('c')], deleted: [hashOf('gone')] });
    expect((await history.latest())?.state).toEqual(current);
    expect((await history.labels()).get(hashOf('gone'))).toBe('Old · vm-x');
  });
});
