// Group commit on SQLite (src/storage/sqliteWriteGroup.ts): the writes concurrent turns issue in one event-loop
// iteration (delivery marks, closing commits) share one transaction, each keeping the outcome it would have alone.
import type Database from 'better-sqlite3';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteConversations } from '../../src/storage/sqliteConversationStorage';
import { createSqliteRecords } from '../../src/storage/sqliteRecordsStore';
import { createSqliteWriteGroup } from '../../src/storage/sqliteWriteGroup';
import { createSqliteTurnCommit } from '../../src/storage/sqliteTurnCommit';
import type { RecordUpdate, TurnCommit } from '../../src/storage/turnCommit';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { expectAppError } from './recordsStore.contract';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

/** Every statement run on the connection, by its SQL, and whether it threw. */
function watchStatements(db: Database.Database): { ran: Array<{ sql: string; failed: boolean }>; restore(): void } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as { run(this: Database.Statement, ...args: unknown[]): unknown };
  const original = proto.run;
  const ran: Array<{ sql: string; failed: boolean }> = [];
  const spy = jest.spyOn(proto, 'run').mockImplementation(function (this: Database.Statement, ...args: unknown[]) {
    const entry = { sql: this.source, failed: true };
    ran.push(entry);
    const result = original.apply(this, args);
    entry.failed = false;
    return result;
  });
  return { ran, restore: () => spy.mockRestore() };
}

const commitsIn = (ran: Array<{ sql: string; failed: boolean }>) => ran.filter((r) => r.sql === 'COMMIT');

/** A usage-style counter every turn increments: applied twice would show. */
const bump: RecordUpdate<number> = { collection: 'counters', id: 'turns', update: (n) => (n ?? 0) + 1 };

describe('SQLite group commit', () => {
  let dir: TempDataDir;
  let database: SqliteDatabase;
  let store: RecordsStore;
  let commit: TurnCommit;
  let watch: ReturnType<typeof watchStatements>;

  const turn = (n: string, eTag?: string, recordId = `r-${n}`) =>
    commit.commit({ [`conv/${n}`]: { n, ...(eTag ? { eTag } : {}) } }, [{ collection: 'replies', id: recordId, value: { n } }, bump]);
  const stateOf = (n: string) => database.connection.prepare('SELECT value FROM conversation_items WHERE key = ?').get(`conv/${n}`) as { value: string } | undefined;
  const counter = async () => (await store.get<number>('counters', 'turns'))?.value;

  beforeEach(async () => {
    dir = await createTempDataDir();
    database = dir.open();
    const records = createSqliteRecords(database);
    const conversations = createSqliteConversations(database);
    store = records.store;
    commit = createSqliteTurnCommit(database, records, conversations.stageWrite);
    watch = watchStatements(database.connection);
  });

  afterEach(async () => {
    watch.restore();
    await dir.cleanup();
  });

  it('commits the delivery marks and closing commits issued together in one transaction', async () => {
    const marks = ['1', '2', '3'].map((n) => store.put('activity-dedup', `k-${n}`, { state: 'inProgress' }, { ifMatch: '*' }));
    const turns = ['1', '2', '3'].map((n) => turn(n));
    await Promise.all([...marks, ...turns]);

    expect(commitsIn(watch.ran)).toEqual([{ sql: 'COMMIT', failed: false }]);
    expect(watch.ran.filter((r) => r.sql.startsWith('BEGIN'))).toHaveLength(1);
    for (const n of ['1', '2', '3']) {
      expect((await store.get('activity-dedup', `k-${n}`))?.value).toEqual({ state: 'inProgress' });
      expect((await store.get('replies', `r-${n}`))?.value).toEqual({ n });
      expect(JSON.parse(stateOf(n)!.value)).toEqual({ n });
    }
    expect(await counter()).toBe(3);
  });

  it("rolls back only the conflicting turn's part: the others in the same transaction are committed", async () => {
    await turn('2');
    await store.put('activity-dedup', 'taken', { state: 'done' });
    const stale = 'not-the-stored-etag';
    watch.ran.length = 0;

    const results = await Promise.allSettled([
      turn('1'),
      turn('2', stale, 'r-2-retry'),
      store.put('activity-dedup', 'taken', { state: 'inProgress' }, { ifMatch: '*' }),
      turn('3'),
    ]);

    expect(commitsIn(watch.ran)).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/eTag conflict/);
    await expectAppError(Promise.reject((results[2] as PromiseRejectedResult).reason), 'STORAGE_CONFLICT');
    expect(await store.get('replies', 'r-2-retry')).toBeUndefined();
    expect(JSON.parse(stateOf('2')!.value)).toEqual({ n: '2' });
    expect((await store.get('activity-dedup', 'taken'))?.value).toEqual({ state: 'done' });
    expect((await store.get('replies', 'r-1'))?.value).toEqual({ n: '1' });
    expect((await store.get('replies', 'r-3'))?.value).toEqual({ n: '3' });
    expect(await counter()).toBe(3); // turn 2 before, then turns 1 and 3
  });

  it('tells no write it succeeded when the shared COMMIT fails: each runs again alone, once', async () => {
    // A deferred foreign key broken by one write fails the COMMIT (the transaction stays open), as SQLITE_BUSY would.
    database.connection.exec(`
      PRAGMA foreign_keys = ON;
      CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
      CREATE TABLE poison (parent INTEGER REFERENCES poison_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER poison_on_write AFTER INSERT ON records WHEN NEW.id = 'poison' BEGIN INSERT INTO poison VALUES (1); END;
    `);

    const results = await Promise.allSettled([turn('1'), store.put('marks', 'poison', 1), turn('2')]);

    expect(commitsIn(watch.ran).map((c) => c.failed)).toEqual([true, false, false]); // the group's, then turns 1 and 2 alone
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expectAppError(Promise.reject((results[1] as PromiseRejectedResult).reason), 'STORAGE_FAILURE');
    expect(await store.get('marks', 'poison')).toBeUndefined();
    expect(stateOf('1')).toBeDefined();
    expect(stateOf('2')).toBeDefined();
    expect(await counter()).toBe(2);
  });

  it('runs every write again alone when one write ended the shared transaction', async () => {
    database.connection.exec(`CREATE TRIGGER ends_transaction AFTER INSERT ON records WHEN NEW.id = 'fatal' BEGIN SELECT RAISE(ROLLBACK, 'gone'); END;`);

    const results = await Promise.allSettled([turn('1'), store.put('marks', 'fatal', 1), turn('2')]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(watch.ran.filter((r) => r.sql.startsWith('BEGIN IMMEDIATE'))).toHaveLength(1);
    expect(await store.get('marks', 'fatal')).toBeUndefined();
    expect(stateOf('1')).toBeDefined();
    expect(stateOf('2')).toBeDefined();
    expect(await counter()).toBe(2);
  });

  it('commits a turn alone, without a group transaction, within one event-loop hop', async () => {
    let done = false;
    const single = turn('1').then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.resolve();
    expect(done).toBe(true);
    await single;
    expect(watch.ran.filter((r) => r.sql.startsWith('BEGIN IMMEDIATE'))).toHaveLength(0);
    expect(commitsIn(watch.ran)).toHaveLength(1);
  });

  it('runs queued writes before a write that does not join, so writes apply in the order issued', async () => {
    const put = store.put('c', 'x', 1);
    expect(await store.delete('c', 'x')).toBe(true);
    await put;
    expect(await store.get('c', 'x')).toBeUndefined();
  });

  it('runs queued writes when the database closes', async () => {
    const put = store.put('c', 'x', 1);
    database.close();
    await expect(put).resolves.toMatchObject({ value: 1 });
    const again = dir.open();
    expect(createSqliteRecords(again).getNow('c', 'x')?.value).toBe(1);
  });

  it('splits a group larger than its bound into transactions run one after the other, in issue order', async () => {
    const bounded = createSqliteDatabase(dir.dir, { maxGroupWrites: 2 });
    try {
      const records = createSqliteRecords(bounded);
      watch.ran.length = 0; // the migration's own transaction at open
      const puts = ['1', '2', '3', '4', '5'].map((n) => records.store.put('c', 'x', n));
      const written = await Promise.all(puts);
      expect(written.map((record) => record.value)).toEqual(['1', '2', '3', '4', '5']);
      // Two groups of two and the fifth alone (a write alone runs without a group transaction).
      expect(watch.ran.filter((r) => r.sql.startsWith('BEGIN IMMEDIATE'))).toHaveLength(2);
      expect(commitsIn(watch.ran)).toHaveLength(2);
      expect(records.getNow('c', 'x')?.value).toBe('5');
    } finally {
      bounded.close();
    }
  });

  it('refuses a group bound that is not a whole number of 1 or more', () => {
    for (const bound of [0, 1.5, Number.NaN]) expect(() => createSqliteWriteGroup(database.connection, bound)).toThrow(RangeError);
  });
});
