// Usage in per-person rows (src/usage/usageRows.ts) for "what do you keep about me", "export my data" and "delete
// my data": the person's units per window, and on erasure their rows moved under the pseudonym (merged with what the
// pseudonym already has), others' rows untouched, and a charge that lands during the move moved too.
import { createPersonalData, pseudonymOf } from '../../src/privacy/personalData';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createUsageMeter, USAGE_COLLECTION } from '../../src/usage/usageMeter';
import { USAGE_USERS_COLLECTION, type UserUsage } from '../../src/usage/usageRows';
import { createTempDataDir } from '../support/tempDataDir';

describe('personal data: usage rows', () => {
  const temp = createTempDataDir();
  let database: SqliteDatabase;
  let records: RecordsStore;
  let file = 0;
  let now = Date.UTC(2026, 10, 20);
  beforeEach(async () => {
    database = createSqliteDatabase(temp.dir, { fileName: `rows-${(file += 1)}.sqlite` });
    records = createSqliteRecordsStore(database);
    now = Date.UTC(2026, 10, 20);
    const meter = createUsageMeter({ records, usage: { window: 'month', limitUnits: 1000 }, now: () => now });
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 1 });
    await meter.charge({ tenantId: 't1', userId: 'bob', action: 'analyze', units: 2 });
    now = Date.UTC(2026, 11, 4);
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 2 });
    await meter.charge({ tenantId: 't1', userId: 'ada', action: 'summarize', units: 3 });
    await meter.charge({ tenantId: 't1', userId: pseudonymOf('ada'), action: 'analyze', units: 7 });
  });
  afterEach(() => database.close());
  afterAll(() => temp.cleanup());

  const rows = async () => Object.fromEntries((await records.list<UserUsage>(USAGE_USERS_COLLECTION)).map((r) => [r.id, r.value.byAction]));

  it('counts and exports the person\'s units per window and action', async () => {
    const data = createPersonalData({ records, eraseConversations: () => 0 });
    expect((await data.inventory('ada')).usageUnits).toBe(6);
    expect((await data.collect('ada')).usage).toEqual([
      { window: '2026-11', start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1), byAction: { analyze: 1 } },
      { window: '2026-12', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1), byAction: { analyze: 2, summarize: 3 } },
    ]);
    expect((await data.inventory('carol')).usageUnits).toBe(0);
  });

  it('moves the person\'s rows under the pseudonym on erasure, merging, and moves a charge that lands in between', async () => {
    const pseudonym = pseudonymOf('ada');
    // A charge of Ada's lands between the read of her December row and its deletion (the first delete conflicts).
    let raced = false;
    const racing: RecordsStore = {
      ...records,
      delete: async (collection, id, options) => {
        if (!raced && id === 't1|2026-12|ada') {
          raced = true;
          await createUsageMeter({ records, usage: { window: 'month' }, now: () => now }).charge({ tenantId: 't1', userId: 'ada', action: 'analyze', units: 4 });
        }
        return records.delete(collection, id, options);
      },
    };
    const report = await createPersonalData({ records: racing, eraseConversations: () => 0 }).erase('ada');
    expect(raced).toBe(true);
    expect(report.pseudonymisedUsageWindows).toBe(2);
    expect(await rows()).toEqual({
      't1|2026-11|bob': { analyze: 2 },
      [`t1|2026-11|${pseudonym}`]: { analyze: 1 },
      [`t1|2026-12|${pseudonym}`]: { analyze: 13, summarize: 3 },
    });
    const december = (await records.get<UserUsage>(USAGE_USERS_COLLECTION, `t1|2026-12|${pseudonym}`))!.value;
    expect(december).toMatchObject({ userId: pseudonym, units: 16, start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
    const data = createPersonalData({ records, eraseConversations: () => 0 });
    expect((await data.inventory('ada')).usageUnits).toBe(0);
    expect((await data.collect('ada')).usage).toEqual([]);
    // The tenant's totals are the organisation's: unchanged by the erasure.
    expect((await records.list<{ units: number }>(USAGE_COLLECTION)).map((r) => r.value.units)).toEqual([3, 16]);
  });

  it('adds nothing twice when an erasure stopped after merging a row and before deleting it', async () => {
    const pseudonym = pseudonymOf('ada');
    const id = `t1|2026-12|${pseudonym}`;
    // As the move leaves it: Ada's December row (analyze 2, summarize 3) merged into the pseudonym's (analyze 7), not yet deleted.
    const target = (await records.get<UserUsage>(USAGE_USERS_COLLECTION, id))!.value;
    await records.put(USAGE_USERS_COLLECTION, id, { ...target, units: 12, byAction: { analyze: 9, summarize: 3 }, moved: { analyze: 2, summarize: 3 } });
    await createPersonalData({ records, eraseConversations: () => 0 }).erase('ada');
    const after = (await records.get<UserUsage>(USAGE_USERS_COLLECTION, id))!.value;
    expect(after).toMatchObject({ units: 12, byAction: { analyze: 9, summarize: 3 } });
    expect(after).not.toHaveProperty('moved');
    expect(await rows()).toEqual({ 't1|2026-11|bob': { analyze: 2 }, [`t1|2026-11|${pseudonym}`]: { analyze: 1 }, [id]: { analyze: 9, summarize: 3 } });
  });
});
