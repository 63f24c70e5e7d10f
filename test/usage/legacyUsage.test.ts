// Usage written before per-person rows (one tenant record with everyone's counts in `byUser`, stored here as literal
// JSON, the way that code wrote it) stays counted: the person's own usage, the tenant report, privacy inventory,
// export and erasure; a charge splits it into rows without losing or doubling a unit, also when a split stopped
// half way or two run at once.
import { createPersonalData, pseudonymOf } from '../../src/privacy/personalData';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createUsageMeter, USAGE_COLLECTION, type UsageCounter } from '../../src/usage/usageMeter';
import { splitLegacyCounter, USAGE_USERS_COLLECTION, type UserUsage } from '../../src/usage/usageRows';
import { createTempDataDir } from '../support/tempDataDir';

const NOW = Date.UTC(2026, 11, 4, 10);
// As src/usage/usageMeter.ts wrote it until per-person rows (December, and a November window of the same tenant).
const DECEMBER = '{"tenantId":"t1","windowKey":"2026-12","start":1796083200000,"end":1798761600000,"units":9,"byUser":{"ada":{"analyze":2,"summarize":3},"bob":{"analyze":4}}}';
const NOVEMBER = '{"tenantId":"t1","windowKey":"2026-11","start":1793491200000,"end":1796083200000,"units":5,"byUser":{"ada":{"analyze":1},"erased-0000000000000000":{"analyze":4}}}';

describe('usage written before per-person rows', () => {
  const temp = createTempDataDir();
  let database: SqliteDatabase;
  let records: RecordsStore;
  let file = 0;
  beforeEach(async () => {
    database = createSqliteDatabase(temp.dir, { fileName: `legacy-${(file += 1)}.sqlite` });
    records = createSqliteRecordsStore(database);
    await records.put(USAGE_COLLECTION, 't1|2026-12', JSON.parse(DECEMBER));
    await records.put(USAGE_COLLECTION, 't1|2026-11', JSON.parse(NOVEMBER));
  });
  afterEach(() => database.close());
  afterAll(() => temp.cleanup());

  const meterWith = (limitUnits?: number) => createUsageMeter({ records, usage: { window: 'month', ...(limitUnits === undefined ? {} : { limitUnits }) }, now: () => NOW });
  const privacy = () => createPersonalData({ records, eraseConversations: () => 0 });
  const rows = async () => Object.fromEntries((await records.list<UserUsage>(USAGE_USERS_COLLECTION)).map((r) => [r.id, r.value.byAction]));

  it('checks the windows are the ones the literal records name', () => {
    expect([JSON.parse(DECEMBER).start, JSON.parse(DECEMBER).end, JSON.parse(NOVEMBER).start]).toEqual([Date.UTC(2026, 11, 1), Date.UTC(2027, 0, 1), Date.UTC(2026, 10, 1)]);
  });

  it('is read as it is before any charge', async () => {
    const meter = meterWith();
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 5, byAction: { analyze: 2, summarize: 3 }, tenantUnits: 9 });
    expect(await meter.tenant('t1', 0)).toEqual({
      units: 14,
      byUser: { ada: { units: 6, byAction: { analyze: 3, summarize: 3 } }, bob: { units: 4, byAction: { analyze: 4 } }, 'erased-0000000000000000': { units: 4, byAction: { analyze: 4 } } },
    });
    expect((await privacy().inventory('ada')).usageUnits).toBe(6);
    expect((await privacy().collect('ada')).usage).toEqual([
      { window: '2026-11', start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1), byAction: { analyze: 1 } },
      { window: '2026-12', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1), byAction: { analyze: 2, summarize: 3 } },
    ]);
  });

  it.each([['no limit', undefined], ['a limit', 100]])('is split on the first charge (%s) and every reader counts the same, plus the charge', async (_name, limit) => {
    const meter = meterWith(limit);
    const charge = { tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 };
    const updates = await meter.chargeUpdates(charge);
    if (updates) {
      // As the turn's closing commit would: each update from the current value.
      for (const u of updates) await records.put(u.collection, u.id, u.update((await records.get(u.collection, u.id))?.value));
    } else {
      expect(await meter.charge(charge)).toMatchObject({ kind: 'charged', before: 9, after: 10 });
    }
    expect((await records.get<UsageCounter>(USAGE_COLLECTION, 't1|2026-12'))!.value).toEqual({ tenantId: 't1', windowKey: '2026-12', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1), units: 10 });
    // November was not charged: left as it is (still read below).
    expect((await records.get<UsageCounter>(USAGE_COLLECTION, 't1|2026-11'))!.value.byUser).toEqual({ ada: { analyze: 1 }, 'erased-0000000000000000': { analyze: 4 } });
    expect(await rows()).toEqual({ 't1|2026-12|ada': { analyze: 3, summarize: 3 }, 't1|2026-12|bob': { analyze: 4 } });
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 6, byAction: { analyze: 3, summarize: 3 }, tenantUnits: 10 });
    expect(await meter.own('t1', 'bob')).toMatchObject({ units: 4, byAction: { analyze: 4 } });
    expect(await meter.tenant('t1', 0)).toEqual({
      units: 15,
      byUser: { ada: { units: 7, byAction: { analyze: 4, summarize: 3 } }, bob: { units: 4, byAction: { analyze: 4 } }, 'erased-0000000000000000': { units: 4, byAction: { analyze: 4 } } },
    });
    expect((await privacy().inventory('ada')).usageUnits).toBe(7);
    expect((await privacy().collect('ada')).usage.map((u) => [u.window, u.byAction])).toEqual([
      ['2026-11', { analyze: 1 }],
      ['2026-12', { analyze: 3, summarize: 3 }],
    ]);
  });

  it('counts nothing twice when a split stopped after the rows were written, and finishes on the next charge', async () => {
    const stored = (await records.get<UsageCounter>(USAGE_COLLECTION, 't1|2026-12'))!;
    // The rows as a split writes them, then a crash before the tenant record lost its byUser.
    await records.put(USAGE_USERS_COLLECTION, 't1|2026-12|ada', { tenantId: 't1', windowKey: '2026-12', userId: 'ada', start: stored.value.start, end: stored.value.end, units: 5, byAction: { analyze: 2, summarize: 3 }, legacy: { analyze: 2, summarize: 3 } });
    const meter = meterWith();
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 5, byAction: { analyze: 2, summarize: 3 } });
    expect((await meter.tenant('t1', Date.UTC(2026, 11, 1))).byUser).toEqual({ ada: { units: 5, byAction: { analyze: 2, summarize: 3 } }, bob: { units: 4, byAction: { analyze: 4 } } });
    expect((await privacy().inventory('ada')).usageUnits).toBe(6);
    await Promise.all([splitLegacyCounter(records, USAGE_COLLECTION, 't1|2026-12'), splitLegacyCounter(records, USAGE_COLLECTION, 't1|2026-12')]);
    expect(await rows()).toEqual({ 't1|2026-12|ada': { analyze: 2, summarize: 3 }, 't1|2026-12|bob': { analyze: 4 } });
    expect((await records.get<UsageCounter>(USAGE_COLLECTION, 't1|2026-12'))!.value).not.toHaveProperty('byUser');
    expect((await meter.tenant('t1', 0)).units).toBe(14);
  });

  it('is pseudonymised on erasure: the legacy windows split, the person\'s rows moved under the pseudonym and merged', async () => {
    const meter = meterWith();
    const pseudonym = pseudonymOf('ada');
    // The pseudonym already has units in December (an earlier erasure under the same id, in the old shape).
    const december = JSON.parse(DECEMBER) as UsageCounter;
    december.byUser![pseudonym] = { analyze: 10 };
    december.units += 10;
    await records.put(USAGE_COLLECTION, 't1|2026-12', december);
    const report = await privacy().erase('ada');
    expect(report.pseudonymisedUsageWindows).toBe(2);
    expect(await rows()).toEqual({
      't1|2026-11|erased-0000000000000000': { analyze: 4 },
      [`t1|2026-11|${pseudonym}`]: { analyze: 1 },
      't1|2026-12|bob': { analyze: 4 },
      [`t1|2026-12|${pseudonym}`]: { analyze: 12, summarize: 3 },
    });
    for (const id of ['t1|2026-11', 't1|2026-12']) expect((await records.get<UsageCounter>(USAGE_COLLECTION, id))!.value).not.toHaveProperty('byUser');
    expect((await privacy().inventory('ada')).usageUnits).toBe(0);
    expect((await privacy().collect('ada')).usage).toEqual([]);
    expect(await meter.own('t1', 'ada')).toMatchObject({ units: 0, tenantUnits: 19 });
    const tenant = await meter.tenant('t1', 0);
    expect(tenant.units).toBe(24);
    expect(tenant.byUser[pseudonym]).toEqual({ units: 16, byAction: { analyze: 13, summarize: 3 } });
    expect(tenant.byUser.ada).toBeUndefined();
  });
});
