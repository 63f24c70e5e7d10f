// Shown refs kept beside the conversation state on SQLite (src/storage/sqliteShownRefs.ts), driven through the
// contract that skills use (rememberShown / resolveShown) on state read and written the way a turn does: read the
// state, attach the storage's log, change it, write it. Covers state written before the log existed (shape 1 pairs
// in the state, as an existing DATA_DIR holds them), the newest-300 rule across pruning, conflicts and removal.
import type { ConversationMemory } from '../../src/actions/registry';
import { MAX_SHOWN_REFS, recommendationRef, rememberShown, resolveShown, SHOWN_REFS_KEY } from '../../src/actions/contracts/shownRefs';
import type { ConversationStorage, StoreItems } from '../../src/storage/conversationStorage';
import { attachShownRefLog, shownRefLogOf } from '../../src/storage/shownRefLog';
import { createSqliteConversationEraser } from '../../src/storage/sqliteConversationEraser';
import { createSqliteConversationPruner, createSqliteConversations } from '../../src/storage/sqliteConversationStorage';
import type { SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { INSERT_PAGE, SHOWN_REFS_COLLECTION } from '../../src/storage/sqliteShownRefs';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

const KEY = 'msteams/bot/conversations/a:one';

/** A turn's view of one conversation's state: read with its log attached, as MergingTurnState.load does. */
async function load(storage: ConversationStorage, key = KEY): Promise<{ bag: Record<string, unknown>; memory: ConversationMemory }> {
  const bag = ((await storage.read([key]))[key] as Record<string, unknown> | undefined) ?? {};
  attachShownRefLog(bag, storage.shownRefLog!(key));
  const memory: ConversationMemory = { get: <T>(k: string) => bag[k] as T | undefined, set: (k, v) => void (bag[k] = v), delete: (k) => void delete bag[k] };
  return { bag, memory };
}

async function turn(storage: ConversationStorage, ids: readonly string[], key = KEY): Promise<string[]> {
  const { bag, memory } = await load(storage, key);
  const refs = rememberShown(memory, ids);
  await storage.write({ [key]: bag } as StoreItems);
  return refs;
}

const resolve = async (storage: ConversationStorage, ref: string, key = KEY) => resolveShown((await load(storage, key)).memory, ref);
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `/subscriptions/s/resourceGroups/rg/providers/x/${prefix}/${i}`);
const pageCount = (db: SqliteDatabase) => (db.connection.prepare('SELECT count(*) AS n FROM records WHERE collection = ?').get(SHOWN_REFS_COLLECTION) as { n: number }).n;

describe('shown refs beside the conversation state (SQLite)', () => {
  let data: TempDataDir;
  let db: SqliteDatabase;
  let storage: ConversationStorage;
  beforeEach(async () => {
    data = await createTempDataDir();
    db = data.open();
    storage = createSqliteConversations(db).storage;
  });
  afterEach(async () => data.cleanup());

  it('keeps the pairs out of the state (a marker only) and resolves them in a later turn; a ref never shown is unknown', async () => {
    const shown = ids('a', 10);
    const refs = await turn(storage, shown);
    const stored = (db.connection.prepare('SELECT value FROM conversation_items WHERE key = ?').get(KEY) as { value: string }).value;
    expect(JSON.parse(stored)).toEqual({ [SHOWN_REFS_KEY]: { schemaVersion: 2, shown: 10 } });
    expect(await resolve(storage, refs[3]!)).toBe(shown[3]);
    expect(await resolve(storage, recommendationRef('/never/shown'))).toBeUndefined();
    expect(await resolve(storage, 'r-tampered')).toBeUndefined();
  });

  it('resolves a ref shown earlier in the same turn, before the state is written', async () => {
    const { memory } = await load(storage);
    const [ref] = rememberShown(memory, ['/x/1']);
    expect(resolveShown(memory, ref!)).toBe('/x/1');
  });

  it('reads state written before the log existed (pairs in the state), then moves them into the log', async () => {
    // As an existing DATA_DIR holds it: shape 1, [ref, id] pairs in the conversation state.
    const old = ids('old', 5).map((id): [string, string] => [recommendationRef(id), id]);
    await storage.write({ [KEY]: { [SHOWN_REFS_KEY]: old, other: 'kept' } });
    expect(await resolve(storage, old[2]![0])).toBe(old[2]![1]);
    await turn(storage, ids('new', 3));
    const state = (await storage.read([KEY]))[KEY] as Record<string, unknown>;
    expect(state[SHOWN_REFS_KEY]).toEqual({ schemaVersion: 2, shown: 8 });
    expect(state.other).toBe('kept');
    expect(await resolve(storage, old[0]![0])).toBe(old[0]![1]);
    expect(await resolve(storage, recommendationRef(ids('new', 3)[2]!))).toBe(ids('new', 3)[2]);
  });

  it(`answers for the newest ${MAX_SHOWN_REFS} distinct refs only, across prunes, a re-shown ref counting as new`, async () => {
    const all = ids('r', MAX_SHOWN_REFS + 40);
    for (let i = 0; i < MAX_SHOWN_REFS; i += 10) await turn(storage, all.slice(i, i + 10));
    await turn(storage, [all[0]!, all[MAX_SHOWN_REFS]!]); // r0 re-shown, one new: r1 is now the 301st newest
    expect(await resolve(storage, recommendationRef(all[0]!))).toBe(all[0]);
    expect(await resolve(storage, recommendationRef(all[1]!))).toBeUndefined();
    expect(await resolve(storage, recommendationRef(all[2]!))).toBe(all[2]);
    expect(await resolve(storage, recommendationRef(all[MAX_SHOWN_REFS]!))).toBe(all[MAX_SHOWN_REFS]);
    for (let i = MAX_SHOWN_REFS + 1; i < all.length; i += 10) await turn(storage, all.slice(i, i + 10));
    expect(await resolve(storage, recommendationRef(all[2]!))).toBeUndefined();
    expect(await resolve(storage, recommendationRef(all[0]!))).toBe(all[0]);
    expect(await resolve(storage, recommendationRef(all[all.length - 1]!))).toBe(all[all.length - 1]);
    // Pruned as it goes: about the pages that hold the newest 300, not every page ever shown.
    expect(pageCount(db)).toBeLessThanOrEqual(MAX_SHOWN_REFS / 10 + 12);
  });

  it('keeps an older page while its refs are among the newest, however often another page is re-shown', async () => {
    const first = ids('first', 10);
    const again = ids('again', 10);
    await turn(storage, first);
    for (let i = 0; i < 60; i++) await turn(storage, again);
    expect(await resolve(storage, recommendationRef(first[9]!))).toBe(first[9]);
    expect(pageCount(db)).toBeLessThanOrEqual(12);
  });

  it('writes nothing of a turn whose state save conflicts, and the retry writes its page', async () => {
    await turn(storage, ids('a', 10));
    const { bag, memory } = await load(storage);
    const [ref] = rememberShown(memory, ['/late/1']);
    await turn(storage, ids('b', 10)); // another turn saved meanwhile
    await expect(storage.write({ [KEY]: bag })).rejects.toThrow(/eTag conflict/);
    expect(await resolve(storage, ref!)).toBeUndefined();
    const fresh = (await storage.read([KEY]))[KEY] as Record<string, unknown>;
    const retry = { ...fresh, [SHOWN_REFS_KEY]: { schemaVersion: 2, shown: 21 } };
    attachShownRefLog(retry, shownRefLogOf(bag)!);
    await storage.write({ [KEY]: retry });
    expect(await resolve(storage, ref!)).toBe('/late/1');
    expect(await resolve(storage, recommendationRef(ids('b', 10)[0]!))).toBe(ids('b', 10)[0]);
  });

  it('numbers a key\'s pages 1, 2, 3 in its id range, each insert one row without a temporary b-tree', async () => {
    for (let i = 0; i < 3; i++) await turn(storage, [`/page/${i}`]);
    const pageIds = (db.connection.prepare('SELECT id FROM records WHERE collection = ? ORDER BY id').all(SHOWN_REFS_COLLECTION) as Array<{ id: string }>).map((r) => r.id);
    expect(pageIds).toEqual([1, 2, 3].map((n) => `${KEY.length}:${KEY}#${String(n).padStart(10, '0')}`));
    // `INSERT .. SELECT` from the same table would copy its row into a temporary b-tree first, on every list turn.
    const ops = (db.connection.prepare(`EXPLAIN ${INSERT_PAGE}`).all({ c: '', low: '', high: '', value: '', etag: '', at: 0 }) as Array<{ opcode: string }>).map((r) => r.opcode);
    expect(ops).toContain('Insert');
    expect(ops).not.toContain('OpenEphemeral');
  });

  it('keeps the pages of two keys apart, even when one key is the other plus what a page id adds', async () => {
    const other = `${KEY}#0000000001`;
    const mine = await turn(storage, ['/mine/1']);
    const theirs = await turn(storage, ['/theirs/1'], other);
    expect(await resolve(storage, theirs[0]!)).toBeUndefined();
    expect(await resolve(storage, mine[0]!, other)).toBeUndefined();
    await storage.delete([KEY]);
    expect(await resolve(storage, theirs[0]!, other)).toBe('/theirs/1');
  });

  it('removes the pages with the state: delete, "forget me" erasure and idle pruning', async () => {
    await turn(storage, ['/a/1']);
    await storage.delete([KEY]);
    expect(pageCount(db)).toBe(0);

    const forgotten = 'msteams/bot/conversations/a:forget';
    const kept = 'msteams/bot/conversations/a:keep';
    await turn(storage, ['/f/1'], forgotten);
    const keptRefs = await turn(storage, ['/k/1'], kept);
    await createSqliteConversationEraser(db).erase(['a:forget'], []);
    expect(pageCount(db)).toBe(1);
    expect(await resolve(storage, keptRefs[0]!, kept)).toBe('/k/1');

    const prune = createSqliteConversationPruner(db);
    expect(prune(Date.now() + 1000, 10)).toBe(1); // the state, then (same call) its page
    expect(pageCount(db)).toBe(0);
  });
});
