// Saving turn state after another writer saved first: the turn's own changes are re-applied to what is stored
// now, keys given a merge are combined, and the retries are bounded.
import { MemoryStorage, TestAdapter, TurnContext, type Storage, type StoreItems } from 'botbuilder';
import { rememberShown, resolveShown, SHOWN_REFS_KEY } from '../../src/actions/contracts/shownRefs';
import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { isETagConflict, mergeState, MergingTurnState } from '../../src/teams/mergingTurnState';
import { message } from '../support/activities';
import { createTempDataDir } from '../storage/sqliteHarness';

const contextFor = (conversationId = 'a:merge') => new TurnContext(new TestAdapter(), message('hi', { conversationId }));
type Bag = Record<string, unknown>;
const conversationOf = (state: MergingTurnState) => state.conversation as Bag;
const union = (base: unknown, mine: unknown, fresh: unknown) => {
  const added = (mine as string[]).filter((x) => !((base as string[] | undefined) ?? []).includes(x));
  return [...((fresh as string[] | undefined) ?? []), ...added.filter((x) => !((fresh as string[] | undefined) ?? []).includes(x))];
};

async function twoTurns(storage: Storage) {
  const context = contextFor();
  const first = new MergingTurnState();
  const second = new MergingTurnState();
  await first.load(context, storage);
  await second.load(context, storage);
  return { context, first, second };
}

describe('merging turn state', () => {
  it.each([
    ['MemoryStorage', () => new MemoryStorage()],
    ['SQLite conversation storage', () => createSqliteConversationStorage(harness.open())],
  ])('keeps both turns\' changes when the second saves after the first (%s)', async (_name, makeStorage) => {
    const storage = makeStorage();
    const seed = await twoTurns(storage);
    conversationOf(seed.first).seen = ['a'];
    await seed.first.save(seed.context, storage);

    const { context, first, second } = await twoTurns(storage);
    conversationOf(first).page = 2;
    conversationOf(first).seen = ['a', 'b'];
    second.mergeConversationKey('seen', union);
    conversationOf(second).selected = 'x';
    conversationOf(second).seen = ['a', 'c'];
    await first.save(context, storage);
    await second.save(context, storage);

    const key = 'msteams/28:posture-bot/conversations/a:merge';
    const stored = (await storage.read([key]))[key] as Bag;
    expect(stored).toMatchObject({ page: 2, selected: 'x', seen: ['a', 'b', 'c'] });
  });

  it('gives the conversation state the storage\'s shown-refs log, and keeps the pages of both turns when the second rebases', async () => {
    const storage = createSqliteConversationStorage(harness.open());
    const { context, first, second } = await twoTurns(storage);
    const memoryOf = (state: MergingTurnState) => {
      const bag = conversationOf(state);
      return { get: <T>(k: string) => bag[k] as T | undefined, set: (k: string, v: unknown) => void (bag[k] = v), delete: (k: string) => void delete bag[k] };
    };
    const [mine] = rememberShown(memoryOf(first), ['/first/1']);
    const [theirs] = rememberShown(memoryOf(second), ['/second/1']);
    second.mergeConversationKey(SHOWN_REFS_KEY, (base, m, fresh) => ({ schemaVersion: 2, shown: ((fresh as { shown?: number })?.shown ?? 0) + ((m as { shown: number }).shown - ((base as { shown?: number })?.shown ?? 0)) }));
    await first.save(context, storage);
    await second.save(context, storage); // conflicts, rebases, saves with its page
    const after = new MergingTurnState();
    await after.load(context, storage);
    expect(resolveShown(memoryOf(after), mine!)).toBe('/first/1');
    expect(resolveShown(memoryOf(after), theirs!)).toBe('/second/1');
    expect(conversationOf(after)[SHOWN_REFS_KEY]).toEqual({ schemaVersion: 2, shown: 2 });
  });

  it('a key the second turn changed without a merge takes its value; one it did not change keeps the stored one', () => {
    const merged = mergeState({ list: 'L1', eTag: 'e1' }, { list: 'L3', eTag: 'e1' }, { list: 'L2', other: 1, eTag: 'e2' });
    expect(merged).toEqual({ list: 'L3', other: 1, eTag: 'e2' });
    expect(mergeState({ a: 1, b: 2 }, { a: 1 }, { a: 5, b: 2, eTag: 'e3' })).toEqual({ a: 5, eTag: 'e3' });
  });

  it('gives up after a bounded number of tries and rethrows the conflict', async () => {
    const inner = new MemoryStorage();
    let writes = 0;
    const alwaysConflicting: Storage = {
      read: (keys) => inner.read(keys),
      delete: (keys) => inner.delete(keys),
      write: async (_changes: StoreItems) => {
        writes += 1;
        throw new Error('Storage: error writing "k" due to eTag conflict.');
      },
    };
    const context = contextFor();
    const state = new MergingTurnState(3);
    await state.load(context, alwaysConflicting);
    conversationOf(state).x = 1;
    await expect(state.save(context, alwaysConflicting)).rejects.toThrow(/eTag conflict/);
    expect(writes).toBe(3);
  });

  it('does not retry other failures', async () => {
    const inner = new MemoryStorage();
    let writes = 0;
    const failing: Storage = {
      read: (keys) => inner.read(keys),
      delete: (keys) => inner.delete(keys),
      write: async () => {
        writes += 1;
        throw new Error('disk full');
      },
    };
    const context = contextFor();
    const state = new MergingTurnState();
    await state.load(context, failing);
    conversationOf(state).x = 1;
    await expect(state.save(context, failing)).rejects.toThrow('disk full');
    expect(writes).toBe(1);
  });

  it('recognises the conflicts botbuilder storages report', () => {
    expect(isETagConflict(new Error('Storage: error writing "k" due to eTag conflict.'))).toBe(true);
    expect(isETagConflict(Object.assign(new Error('precondition failed'), { statusCode: 412 }))).toBe(true);
    expect(isETagConflict(new Error('disk full'))).toBe(false);
  });
});

let harness: Awaited<ReturnType<typeof createTempDataDir>>;
beforeAll(async () => {
  harness = await createTempDataDir();
});
afterAll(async () => harness.cleanup());
