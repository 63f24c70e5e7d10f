// Usage counters: calendar windows in UTC, the limit never passed, and exact counts when many turns charge at
// once, in one process and across two processes' stores on the same database (replicas).
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createUsageMeter, USAGE_COLLECTION, type UsageCounter } from '../../src/usage/usageMeter';
import { windowOf } from '../../src/usage/usageWindow';
import { costOf } from '../../src/usage/meteredRegistry';
import { createTempDataDir } from '../support/tempDataDir';

describe('usage windows', () => {
  const at = Date.UTC(2026, 11, 31, 23, 59, 59, 999);
  it('are calendar hours, days and months in UTC, end exclusive', () => {
    expect(windowOf(at, 'hour')).toEqual({ key: '2026-12-31T23', start: Date.UTC(2026, 11, 31, 23), end: Date.UTC(2027, 0, 1, 0) });
    expect(windowOf(at, 'day')).toEqual({ key: '2026-12-31', start: Date.UTC(2026, 11, 31), end: Date.UTC(2027, 0, 1) });
    expect(windowOf(at, 'month')).toEqual({ key: '2026-12', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
    expect(windowOf(at + 1, 'month').key).toBe('2027-01');
  });
});

describe('unit costs', () => {
  const usage = { unitCosts: { summarize: 2, help: 5 }, defaultCost: 1 };
  it('come from the table, 1 by default, and help, feedback, usage and privacy requests are free whatever the table says', () => {
    expect(costOf('analyze', usage)).toBe(1);
    expect(costOf('summarize', usage)).toBe(2);
    for (const free of ['help', 'rateAnswer', 'usage', 'feedbackReport', 'myData', 'deleteMyData']) expect(costOf(free, usage)).toBe(0);
  });
});

describe('usage meter', () => {
  const temp = createTempDataDir();
  afterAll(() => temp.cleanup());

  it('charges until the limit, declines beyond it, and keeps per-person, per-action counts', async () => {
    const database = createSqliteDatabase(temp.dir, { fileName: 'one.sqlite' });
    const records = createSqliteRecordsStore(database);
    let now = Date.UTC(2026, 11, 4, 10);
    const meter = createUsageMeter({ records, usage: { limitUnits: 5, window: 'day' }, now: () => now });
    expect(await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 })).toMatchObject({ kind: 'charged', before: 0, after: 1, limit: 5 });
    expect(await meter.charge({ tenantId: 't1', userId: 'bob', action: 'summarize', units: 2 })).toMatchObject({ kind: 'charged', before: 1, after: 3 });
    expect(await meter.charge({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 3 })).toMatchObject({ kind: 'declined', used: 3, limit: 5 });
    expect(await meter.charge({ tenantId: 't2', userId: 'eve', action: 'analyze', units: 5 })).toMatchObject({ kind: 'charged', after: 5 });
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 1, byAction: { analyze: 1 }, tenantUnits: 3, limit: 5 });
    now += 24 * 60 * 60 * 1000; // the next day starts from zero
    expect(await meter.charge({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 3 })).toMatchObject({ kind: 'charged', before: 0, after: 3 });
    expect(await meter.tenant('t1', 0)).toEqual({ units: 6, byUser: { ada: { units: 4, byAction: { analyze: 1, summarize: 3 } }, bob: { units: 2, byAction: { summarize: 2 } } } });
    database.close();
  });

  it('counts exactly under concurrent charges from two stores on one database, and never passes the limit', async () => {
    const a = createSqliteDatabase(temp.dir);
    const b = createSqliteDatabase(temp.dir);
    const now = () => Date.UTC(2026, 11, 4, 10);
    const meters = [a, b].map((db) => createUsageMeter({ records: createSqliteRecordsStore(db), usage: { limitUnits: 150, window: 'month' }, now }));
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => meters[i % 2]!.charge({ tenantId: 'race', userId: `u${i % 7}`, action: 'analyze', units: 1 })));
    expect(outcomes.filter((o) => o.kind === 'charged')).toHaveLength(150);
    expect(outcomes.filter((o) => o.kind === 'declined')).toHaveLength(50);
    // Each charge saw a distinct count: no two turns counted the same unit.
    const afters = outcomes.flatMap((o) => (o.kind === 'charged' ? [o.after] : [])).sort((x, y) => x - y);
    expect(afters).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const stored = await createSqliteRecordsStore(a).get<UsageCounter>(USAGE_COLLECTION, 'race|2026-12');
    expect(stored!.value.units).toBe(150);
    expect(Object.values(stored!.value.byUser).reduce((sum, actions) => sum + (actions.analyze ?? 0), 0)).toBe(150);
    a.close();
    b.close();
  });
  it('with no limit, gives the charge as an update for the turn to commit with its state; with a limit, none (the charge is checked first)', async () => {
    const database = createSqliteDatabase(temp.dir, { fileName: 'deferred.sqlite' });
    const records = createSqliteRecordsStore(database);
    const now = () => Date.UTC(2026, 11, 4, 10);
    const limited = createUsageMeter({ records, usage: { limitUnits: 5, window: 'day' }, now });
    expect(limited.chargeUpdate({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 })).toBeUndefined();
    const meter = createUsageMeter({ records, usage: { window: 'day' }, now });
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 });
    const update = meter.chargeUpdate({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 2 })!;
    expect(update).toMatchObject({ collection: USAGE_COLLECTION, id: 't1|2026-12-04' });
    const current = await records.get<UsageCounter>(update.collection, update.id);
    const next = update.update(current!.value);
    expect(next).toMatchObject({ units: 3, byUser: { ada: { analyze: 1, summarize: 2 } } });
    expect(current!.value.units).toBe(1); // the stored value is not changed in place
    expect(update.update(undefined)).toEqual({ tenantId: 't1', windowKey: '2026-12-04', start: Date.UTC(2026, 11, 4), end: Date.UTC(2026, 11, 5), units: 2, byUser: { ada: { summarize: 2 } } });
    await records.put(update.collection, update.id, next);
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 3, byAction: { analyze: 1, summarize: 2 }, tenantUnits: 3 });
    database.close();
  });
});
