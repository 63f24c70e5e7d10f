// A turn's held writes (reply records, the delivery's done mark) are committed with its state: on SQLite in one
// transaction, on other backends one call after another. Both commits run the same cases here.
import { createActivityDeduper } from '../../src/storage/activityDeduper';
import type { ConversationStorage } from '../../src/storage/conversationStorage';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createSqliteConversations } from '../../src/storage/sqliteConversationStorage';
import { createSqliteRecords } from '../../src/storage/sqliteRecordsStore';
import { createSqliteTurnCommit } from '../../src/storage/sqliteTurnCommit';
import { createSequentialTurnCommit, type TurnCommit } from '../../src/storage/turnCommit';
import { createTurnWrites } from '../../src/storage/turnWrites';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

interface Backend {
  records: RecordsStore;
  state: ConversationStorage;
  commit: TurnCommit;
}

const BACKENDS: Array<[string, (dir: TempDataDir) => Backend]> = [
  [
    'sqlite, one transaction',
    (dir) => {
      const database = dir.open();
      const records = createSqliteRecords(database);
      const state = createSqliteConversations(database);
      return { records: records.store, state: state.storage, commit: createSqliteTurnCommit(database, records, state.stageWrite) };
    },
  ],
  [
    'one call after another',
    (dir) => {
      const database = dir.open();
      const records = createSqliteRecords(database).store;
      const state = createSqliteConversations(database).storage;
      return { records, state, commit: createSequentialTurnCommit(records, state) };
    },
  ],
];

describe.each(BACKENDS)('turn writes (%s)', (_name, open) => {
  let dir: TempDataDir;
  let backend: Backend;
  beforeEach(async () => {
    dir = await createTempDataDir();
    backend = open(dir);
  });
  afterEach(async () => dir.cleanup());

  async function claimedTurn(key: string) {
    const deduper = createActivityDeduper(backend.records, { ttlMs: 60_000 });
    const claim = await deduper.begin(key);
    if (claim.kind !== 'claimed' || !claim.completion) throw new Error('expected a claim with a completion');
    const writes = createTurnWrites(backend.commit);
    writes.closeWith(claim.completion);
    return { deduper, writes };
  }

  it('writes the held records and the done mark with the state, and the delivery then reads as completed', async () => {
    const { deduper, writes } = await claimedTurn('k1');
    expect(writes.defer({ collection: 'reply-records', id: 'c|1', value: { n: 1 } })).toBe(true);
    expect(await backend.records.get('reply-records', 'c|1')).toBeUndefined();
    await writes.stateStorage(backend.state).write({ 'conv/1': { count: 1 } });
    expect((await backend.records.get('reply-records', 'c|1'))?.value).toEqual({ n: 1 });
    expect((await backend.state.read(['conv/1']))['conv/1']).toMatchObject({ count: 1 });
    expect(await deduper.begin('k1')).toEqual({ kind: 'completed' });
    await writes.finish(); // nothing left: no further write
    expect(writes.defer({ collection: 'reply-records', id: 'c|2', value: {} })).toBe(false);
  });

  it('writes nothing on a state eTag conflict, and the retry writes the held records once', async () => {
    await backend.state.write({ 'conv/2': { count: 1 } });
    const stale = (await backend.state.read(['conv/2']))['conv/2'] as { eTag: string };
    await backend.state.write({ 'conv/2': { count: 2 } });
    const { deduper, writes } = await claimedTurn('k2');
    writes.defer({ collection: 'reply-records', id: 'c|3', value: { n: 3 } });
    const through = writes.stateStorage(backend.state);
    await expect(through.write({ 'conv/2': { count: 9, eTag: stale.eTag } })).rejects.toThrow(/eTag conflict/);
    expect(await backend.records.get('reply-records', 'c|3')).toBeUndefined();
    expect((await deduper.begin('k2')).kind).toBe('inProgress');
    const fresh = (await backend.state.read(['conv/2']))['conv/2'] as { eTag: string };
    await through.write({ 'conv/2': { count: 3, eTag: fresh.eTag } });
    expect((await backend.records.get('reply-records', 'c|3'))?.value).toEqual({ n: 3 });
    expect(await deduper.begin('k2')).toEqual({ kind: 'completed' });
  });

  it('leaves every key as it was when one key of the state write conflicts', async () => {
    await backend.state.write({ 'conv/a': { count: 1 }, 'conv/b': { count: 1 } });
    const staleB = (await backend.state.read(['conv/b']))['conv/b'] as { eTag: string };
    await backend.state.write({ 'conv/b': { count: 2 } });
    const { writes } = await claimedTurn('k9');
    writes.defer({ collection: 'reply-records', id: 'c|9', value: { n: 9 } });
    const through = writes.stateStorage(backend.state);
    // conv/a is written first, then conv/b conflicts: conv/a must not stay written.
    await expect(through.write({ 'conv/a': { count: 5 }, 'conv/b': { count: 9, eTag: staleB.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await backend.state.read(['conv/a', 'conv/b']))).toMatchObject({ 'conv/a': { count: 1 }, 'conv/b': { count: 2 } });
    expect(await backend.records.get('reply-records', 'c|9')).toBeUndefined();
  });

  it('commits what is still held when the turn ends without saving state', async () => {
    const { deduper, writes } = await claimedTurn('k3');
    writes.defer({ collection: 'reply-records', id: 'c|4', value: { n: 4 } });
    await writes.finish();
    expect((await backend.records.get('reply-records', 'c|4'))?.value).toEqual({ n: 4 });
    expect(await deduper.begin('k3')).toEqual({ kind: 'completed' });
  });

  it('keeps the state and the records when the done mark conflicts (another attempt took the delivery over)', async () => {
    const { writes } = await claimedTurn('k4');
    // Another attempt rewrote the mark: our completion's etag no longer matches.
    await backend.records.put('activity-dedup', 'k4', { state: 'inProgress', seenAt: 1, leaseUntil: Date.now() + 60_000 });
    writes.defer({ collection: 'reply-records', id: 'c|5', value: { n: 5 } });
    await writes.stateStorage(backend.state).write({ 'conv/4': { count: 4 } });
    expect((await backend.records.get('reply-records', 'c|5'))?.value).toEqual({ n: 5 });
    expect((await backend.state.read(['conv/4']))['conv/4']).toMatchObject({ count: 4 });
    expect((await backend.records.get<{ state: string }>('activity-dedup', 'k4'))?.value.state).toBe('inProgress');
  });
  const increment = (id: string, by: number) => ({ collection: 'usage', id, update: (current: { n: number } | undefined) => ({ n: (current?.n ?? 0) + by }) });

  it('computes an update from the record as it is at the commit, so updates of concurrent turns all count', async () => {
    const first = await claimedTurn('k5');
    const second = await claimedTurn('k6');
    const told: boolean[] = [];
    expect(first.writes.defer(increment('t|day', 1), (o) => told.push(o.ok))).toBe(true);
    expect(second.writes.defer(increment('t|day', 2), (o) => told.push(o.ok))).toBe(true);
    expect(await backend.records.get('usage', 't|day')).toBeUndefined();
    await Promise.all([first.writes.stateStorage(backend.state).write({ 'conv/5': { count: 5 } }), second.writes.stateStorage(backend.state).write({ 'conv/6': { count: 6 } })]);
    expect((await backend.records.get('usage', 't|day'))?.value).toEqual({ n: 3 });
    expect(told).toEqual([true, true]);
    // A counter changed by someone else since: the update starts from that value.
    await backend.records.put('usage', 't|day', { n: 10 });
    const third = await claimedTurn('k7');
    third.writes.defer(increment('t|day', 1));
    await third.writes.finish();
    expect((await backend.records.get('usage', 't|day'))?.value).toEqual({ n: 11 });
  });

  it('fails only an update whose value cannot be stored, on a new record and on an existing one; the rest commits', async () => {
    await backend.records.put('usage', 't|bad', { n: 1 });
    const { writes } = await claimedTurn('k9');
    const outcomes: Array<{ ok: boolean; code?: unknown; value?: unknown }> = [];
    const note = (o: { ok: boolean; error?: unknown; record?: { value: unknown } }) =>
      outcomes.push({ ok: o.ok, ...(o.ok ? { value: o.record?.value } : { code: (o.error as { code?: unknown }).code }) });
    writes.defer({ collection: 'usage', id: 't|bad', update: () => ({ n: Number.NaN }) }, note);
    writes.defer({ collection: 'usage', id: 't|none', update: () => ({ n: Number.POSITIVE_INFINITY }) }, note);
    writes.defer(increment('t|ok', 5), note);
    await writes.stateStorage(backend.state).write({ 'conv/9': { count: 9 } });
    expect(outcomes).toEqual([
      { ok: false, code: 'STORAGE_FAILURE' },
      { ok: false, code: 'STORAGE_FAILURE' },
      { ok: true, value: { n: 5 } },
    ]);
    expect((await backend.records.get('usage', 't|bad'))?.value).toEqual({ n: 1 });
    expect(await backend.records.get('usage', 't|none')).toBeUndefined();
    expect((await backend.records.get('usage', 't|ok'))?.value).toEqual({ n: 5 });
    expect((await backend.state.read(['conv/9']))['conv/9']).toMatchObject({ count: 9 });
  });

  it('applies an update once, from the fresh record, when the state save is retried after an eTag conflict', async () => {
    await backend.state.write({ 'conv/8': { count: 1 } });
    const stale = (await backend.state.read(['conv/8']))['conv/8'] as { eTag: string };
    await backend.state.write({ 'conv/8': { count: 2 } });
    await backend.records.put('usage', 't|8', { n: 4 });
    const { writes } = await claimedTurn('k8');
    writes.defer(increment('t|8', 1));
    const through = writes.stateStorage(backend.state);
    await expect(through.write({ 'conv/8': { count: 9, eTag: stale.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await backend.records.get('usage', 't|8'))?.value).toEqual({ n: 4 });
    await backend.records.put('usage', 't|8', { n: 6 }); // another turn counted meanwhile
    const fresh = (await backend.state.read(['conv/8']))['conv/8'] as { eTag: string };
    await through.write({ 'conv/8': { count: 3, eTag: fresh.eTag } });
    expect((await backend.records.get('usage', 't|8'))?.value).toEqual({ n: 7 });
    await writes.finish();
    expect((await backend.records.get('usage', 't|8'))?.value).toEqual({ n: 7 });
  });
});
