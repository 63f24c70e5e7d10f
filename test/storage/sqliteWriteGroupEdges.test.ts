// Edges of the SQLite group commit (src/storage/sqliteWriteGroup.ts) found in review: what a queued write stores is
// what it was given when issued (as when writes ran at once), and a queue whose connection went away settles.
import { createPersonalData } from '../../src/privacy/personalData';
import { REPLY_RECORDS_COLLECTION, replyRecordWrite, type ReplyRecord } from '../../src/storage/replyRecordStore';
import { createSqliteConversationEraser } from '../../src/storage/sqliteConversationEraser';
import { createSqliteConversationPruner, createSqliteConversations } from '../../src/storage/sqliteConversationStorage';
import type { SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecords } from '../../src/storage/sqliteRecordsStore';
import { createSqliteTurnCommit } from '../../src/storage/sqliteTurnCommit';
import { createSqliteWriteGroup } from '../../src/storage/sqliteWriteGroup';
import type { RecordsStore } from '../../src/storage/recordsStore';
import type { TurnCommit } from '../../src/storage/turnCommit';
import { expectAppError } from './recordsStore.contract';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

describe('SQLite group commit: edges', () => {
  let dir: TempDataDir;
  let database: SqliteDatabase;
  let store: RecordsStore;
  let commit: TurnCommit;

  const stateOf = (key: string) =>
    database.connection.prepare('SELECT value FROM conversation_items WHERE key = ?').get(key) as { value: string } | undefined;

  beforeEach(async () => {
    dir = await createTempDataDir();
    database = dir.open();
    const records = createSqliteRecords(database);
    store = records.store;
    commit = createSqliteTurnCommit(database, records, createSqliteConversations(database).stageWrite);
  });

  afterEach(async () => {
    await dir.cleanup();
  });

  it('stores the value a put was given, not the object as changed before its group ran', async () => {
    const value = { n: 1 };
    const other = { n: 1 };
    const puts = [store.put('c', 'a', value), store.put('c', 'b', other)];
    value.n = 2;
    other.n = 2;
    const written = await Promise.all(puts);
    expect(written.map((r) => r.value)).toEqual([{ n: 1 }, { n: 1 }]);
    expect((await store.get('c', 'a'))?.value).toEqual({ n: 1 });
    expect((await store.get('c', 'b'))?.value).toEqual({ n: 1 });
  });

  it('stores the state and records a closing commit was given, not the objects as changed before its group ran', async () => {
    const state = { n: 1 };
    const reply = { n: 1 };
    const done = commit.commit({ 'conv/x': state }, [{ collection: 'replies', id: 'r', value: reply }]);
    state.n = 2;
    reply.n = 2;
    const [outcome] = await done;
    expect(outcome?.ok && outcome.record.value).toEqual({ n: 1 });
    expect(stateOf('conv/x')?.value).toBe('{"n":1}');
    expect((await store.get('replies', 'r'))?.value).toEqual({ n: 1 });
  });

  it('rejects the queued writes when the connection closed before their group ran (nothing thrown out of the hop)', async () => {
    const connection = database.connection;
    const group = createSqliteWriteGroup(connection);
    const first = group.join(() => connection.prepare('SELECT 1').get());
    const second = group.join(() => connection.prepare('SELECT 2').get());
    connection.close();
    const settled = await Promise.race([
      Promise.allSettled([first, second]),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 500)),
    ]);
    expect(settled).not.toBe('hung');
    expect((settled as PromiseSettledResult<unknown>[]).map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });

  it('rejects puts queued on a store whose connection closed before their group ran with STORAGE_FAILURE', async () => {
    const puts = [store.put('c', 'a', { n: 1 }), store.put('c', 'b', { n: 1 })];
    database.connection.close();
    const hung = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), 500));
    for (const put of puts) await expectAppError(Promise.race([put, hung]), 'STORAGE_FAILURE');
  });

  it('erases a conversation whose closing commit is still queued: the erase runs after it, nothing comes back', async () => {
    const key = 'msteams/bot/conversations/c1';
    const committed = commit.commit({ [key]: { n: 1 } }, [{ collection: 'replies', id: 'r', value: { n: 1 } }]);
    expect(createSqliteConversationEraser(database).erase(['c1'], [])).toBe(1);
    await committed;
    expect(stateOf(key)).toBeUndefined();
  });

  it('runs the queued writes before a prune, in the order issued', async () => {
    const key = 'msteams/bot/conversations/c2';
    const committed = commit.commit({ [key]: { n: 1 } }, []);
    expect(createSqliteConversationPruner(database)(Date.now() + 60_000, 10)).toBe(1);
    await committed;
    expect(stateOf(key)).toBeUndefined();
  });

  it('lists after the writes queued before it, so a list sees every write issued before it', async () => {
    const put = store.put('replies', 'c1|a', { n: 1 });
    const listed = await store.list('replies', { prefix: 'c1|' });
    expect(listed.map((r) => r.id)).toEqual(['c1|a']);
    await put;
  });

  it("erases a person's reply record whose turn committed just before the erasure began (same event-loop turn)", async () => {
    const reply: ReplyRecord = {
      channelId: 'msteams',
      conversationId: 'c1',
      activityId: 'a1',
      delivery: 'connector',
      recommendationIds: [],
      content: 'text',
      viewer: { userId: 'p1', conversationType: 'personal' },
      at: 1,
    };
    const committed = commit.commit(undefined, [replyRecordWrite(reply)]);
    const data = createPersonalData({ records: store, eraseConversations: createSqliteConversationEraser(database).erase });
    const report = await data.erase('p1');
    await committed;
    expect(report.answers).toBe(1);
    expect(await store.get(REPLY_RECORDS_COLLECTION, 'c1|a1')).toBeUndefined();
  });
});

describe('SQLite group commit: a transaction it did not begin', () => {
  /** A connection whose COMMIT and ROLLBACK fail (when told to): enough of better-sqlite3's surface for the group. */
  const fakeConnection = (failEnd: boolean) => {
    const db = {
      open: true,
      inTransaction: false,
      prepare(sql: string) {
        return {
          run() {
            if (/^BEGIN/.test(sql)) db.inTransaction = true;
            else if (failEnd) throw new Error(`disk I/O error (${sql})`);
            else db.inTransaction = false;
          },
        };
      },
    };
    return db;
  };

  it('rejects queued writes flushed inside an open transaction instead of reporting them done before its commit', async () => {
    const db = fakeConnection(false);
    const group = createSqliteWriteGroup(db as never);
    const writes = [group.join(() => 'a'), group.join(() => 'b')];
    db.inTransaction = true; // someone else's transaction, open when the queue runs
    group.flush();
    for (const write of writes) await expect(write).rejects.toThrow(/transaction is still open/);
  });

  it('rejects the writes of a group whose COMMIT and ROLLBACK both failed instead of running them in the open transaction', async () => {
    const db = fakeConnection(true);
    const group = createSqliteWriteGroup(db as never);
    const writes = [group.join(() => 'a'), group.join(() => 'b')];
    for (const write of writes) await expect(write).rejects.toThrow(/transaction is still open/);
  });
});
