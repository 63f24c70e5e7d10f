// Usage counters: calendar windows in UTC, the limit never passed, and exact counts when many turns charge at
// once, in one process and across two processes' stores on the same database (replicas).
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createUsageMeter, USAGE_COLLECTION, type UsageCounter } from '../../src/usage/usageMeter';
import { windowOf } from '../../src/usage/usageWindow';
import { USAGE_USERS_COLLECTION, type UserUsage } from '../../src/usage/usageRows';
import type { RecordUpdate } from '../../src/storage/turnCommit';
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
    expect(stored!.value.byUser).toBeUndefined();
    const rows = await createSqliteRecordsStore(a).list<UserUsage>(USAGE_USERS_COLLECTION, { prefix: 'race|' });
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 7 }, (_, i) => `race|2026-12|u${i}`));
    expect(rows.reduce((sum, { value }) => sum + value.units, 0)).toBe(150);
    expect(rows.reduce((sum, { value }) => sum + (value.byAction.analyze ?? 0), 0)).toBe(150);
    a.close();
    b.close();
  });
  it('with no limit, gives the charge as updates of the total and the person\'s row for the turn to commit with its state; with a limit, none (the charge is checked first)', async () => {
    const database = createSqliteDatabase(temp.dir, { fileName: 'deferred.sqlite' });
    const records = createSqliteRecordsStore(database);
    const now = () => Date.UTC(2026, 11, 4, 10);
    const limited = createUsageMeter({ records, usage: { limitUnits: 5, window: 'day' }, now });
    expect(await limited.chargeUpdates({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 })).toBeUndefined();
    const meter = createUsageMeter({ records, usage: { window: 'day' }, now });
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 });
    const [total, row] = (await meter.chargeUpdates({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 2 }))!;
    expect(total).toMatchObject({ collection: USAGE_COLLECTION, id: 't1|2026-12-04' });
    expect(row).toMatchObject({ collection: USAGE_USERS_COLLECTION, id: 't1|2026-12-04|ada' });
    const current = await records.get<UsageCounter>(total!.collection, total!.id);
    const next = total!.update(current!.value);
    expect(next).toEqual({ tenantId: 't1', windowKey: '2026-12-04', start: Date.UTC(2026, 11, 4), end: Date.UTC(2026, 11, 5), units: 3 });
    expect(current!.value.units).toBe(1); // the stored value is not changed in place
    expect(total!.update(undefined)).toEqual({ tenantId: 't1', windowKey: '2026-12-04', start: Date.UTC(2026, 11, 4), end: Date.UTC(2026, 11, 5), units: 2 });
    const currentRow = await records.get<UserUsage>(row!.collection, row!.id);
    const nextRow = row!.update(currentRow!.value) as UserUsage;
    expect(nextRow).toEqual({ tenantId: 't1', windowKey: '2026-12-04', userId: 'ada', start: Date.UTC(2026, 11, 4), end: Date.UTC(2026, 11, 5), units: 3, byAction: { analyze: 1, summarize: 2 } });
    expect(currentRow!.value.units).toBe(1);
    expect(row!.update(undefined)).toEqual({ tenantId: 't1', windowKey: '2026-12-04', userId: 'ada', start: Date.UTC(2026, 11, 4), end: Date.UTC(2026, 11, 5), units: 2, byAction: { summarize: 2 } });
    await records.put(total!.collection, total!.id, next);
    await records.put(row!.collection, row!.id, nextRow);
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 3, byAction: { analyze: 1, summarize: 2 }, tenantUnits: 3 });
    database.close();
  });

  it('keeps fields a later version adds to the total and to a person\'s row', async () => {
    const database = createSqliteDatabase(temp.dir, { fileName: 'later.sqlite' });
    const records = createSqliteRecordsStore(database);
    const meter = createUsageMeter({ records, usage: { window: 'day' }, now: () => Date.UTC(2026, 11, 4, 10) });
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 });
    for (const [collection, id] of [[USAGE_COLLECTION, 't1|2026-12-04'], [USAGE_USERS_COLLECTION, 't1|2026-12-04|ada']] as const) {
      await records.put(collection, id, { ...(await records.get<object>(collection, id))!.value, later: { since: 2 } });
    }
    for (const u of (await meter.chargeUpdates({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 2 }))!) await records.put(u.collection, u.id, u.update((await records.get(u.collection, u.id))?.value));
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 1 });
    expect((await records.get(USAGE_COLLECTION, 't1|2026-12-04'))!.value).toMatchObject({ units: 4, later: { since: 2 } });
    expect((await records.get(USAGE_USERS_COLLECTION, 't1|2026-12-04|ada'))!.value).toMatchObject({ units: 4, byAction: { analyze: 3, summarize: 1 }, later: { since: 2 } });
    database.close();
  });

  it('with a limit, holds the person\'s row for the turn when the turn takes it, after the total is counted', async () => {
    const database = createSqliteDatabase(temp.dir, { fileName: 'held.sqlite' });
    const records = createSqliteRecordsStore(database);
    const meter = createUsageMeter({ records, usage: { limitUnits: 5, window: 'day' }, now: () => Date.UTC(2026, 11, 4, 10) });
    const held: RecordUpdate[] = [];
    expect(await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 2 }, (update) => held.push(update) > 0)).toMatchObject({ kind: 'charged', after: 2 });
    expect((await records.get<UsageCounter>(USAGE_COLLECTION, 't1|2026-12-04'))!.value.units).toBe(2);
    expect(await records.get(USAGE_USERS_COLLECTION, 't1|2026-12-04|ada')).toBeUndefined();
    expect(held.map((u) => u.id)).toEqual(['t1|2026-12-04|ada']);
    await records.put(held[0]!.collection, held[0]!.id, held[0]!.update(undefined));
    // A turn that cannot take it (already committed): written at once.
    expect(await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 }, () => false)).toMatchObject({ kind: 'charged', after: 3 });
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 3, byAction: { analyze: 3 }, tenantUnits: 3 });
    database.close();
  });
});
