// The turn state compares what it saves with the text the storage read it from, instead of serializing every scope
// when it loads: the same changes are seen (and written) as teams-ai's own hash finds, with one serialization less.
import { TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { MergingTurnState } from '../../src/teams/mergingTurnState';
import { TurnState } from '../../src/teams/teamsAi';
import { message } from '../support/activities';
import { createTempDataDir } from '../storage/sqliteHarness';

type Bag = Record<string, unknown>;
const KEY = 'msteams/28:posture-bot/conversations/a:stored-text';
const contextFor = () => new TurnContext(new TestAdapter(), message('hi', { conversationId: 'a:stored-text' }));

const SEED: Bag = {
  activeList: { listId: 'l1', filter: { severities: ['High'] }, refs: ['r1', 'r2'], total: 2 },
  recentLists: [{ listId: 'l0', refs: [] }],
  '2': 'an index-like key',
  note: 'caf\u00e9 \ud83d\ude00',
};

async function seeded(): Promise<Storage> {
  const storage = createSqliteConversationStorage(harness.open());
  await storage.write({ [KEY]: SEED });
  return storage;
}

/** What each scope says about a change, for teams-ai's own TurnState and ours, loaded from the same stored item. */
async function changedBoth(change: (state: Bag) => void): Promise<{ ours: boolean; teamsAi: boolean }> {
  const storage = await seeded();
  const context = contextFor();
  const ours = new MergingTurnState();
  const stock = new TurnState();
  await ours.load(context, storage);
  await stock.load(context, storage);
  change(ours.conversation as Bag);
  change(stock.conversation as Bag);
  return { ours: ours.getScope('conversation')!.hasChanged, teamsAi: stock.getScope('conversation')!.hasChanged };
}

describe('turn state compared with the stored text', () => {
  it.each<[string, (state: Bag) => void, boolean]>([
    ['nothing', () => undefined, false],
    ['a value set to an equal copy', (s) => void (s.activeList = structuredClone(s.activeList)), false],
    ['a key read and put back', (s) => void (s.note = `${s.note as string}`), false],
    ['a new key', (s) => void (s.page = 2), true],
    ['a nested value', (s) => void ((s.activeList as { refs: string[] }).refs.push('r3')), true],
    ['a key deleted', (s) => void delete s.recentLists, true],
    ['a key set to undefined', (s) => void (s.note = undefined), true],
    ['the eTag', (s) => void (s.eTag = '*'), true],
    ['the eTag deleted', (s) => void delete s.eTag, true],
    ['the keys reordered', (s) => { const list = s.activeList; delete s.activeList; s.activeList = list; }, true],
  ])('sees the same change as teams-ai\'s hash: %s', async (_name, change, expected) => {
    const { ours, teamsAi } = await changedBoth(change);
    expect(teamsAi).toBe(expected);
    expect(ours).toBe(teamsAi);
  });

  it('does not serialize the stored state when it loads it', async () => {
    const storage = await seeded();
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await new MergingTurnState().load(contextFor(), storage);
      const serialized = stringify.mock.calls.map(([value]) => value as unknown);
      expect(serialized.filter((value) => typeof value === 'object' && value !== null && 'activeList' in value)).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
  });

  it('serializes a changed state once at save, and writes what it serialized', async () => {
    const storage = await seeded();
    const state = new MergingTurnState();
    await state.load(contextFor(), storage);
    (state.conversation as Bag).page = 4;
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await state.save(contextFor(), storage);
      const serialized = stringify.mock.calls.map(([value]) => value as unknown);
      expect(serialized.filter((value) => typeof value === 'object' && value !== null && 'activeList' in value)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ ...SEED, page: 4 });
  });

  it('serializes afresh a state written again after the write that took its checked text', async () => {
    const storage = await seeded();
    const state = new MergingTurnState();
    await state.load(contextFor(), storage);
    const value = state.conversation as Bag;
    value.page = 5;
    expect(state.getScope('conversation')!.hasChanged).toBe(true);
    value.eTag = '*'; // unconditional writes from here on
    await storage.write({ [KEY]: value }); // takes the text checked above
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ page: 5 });
    value.page = 6;
    await storage.write({ [KEY]: value }); // no check since: serialized now
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ page: 6 });
  });

  it('writes a changed state and leaves an unchanged one as stored', async () => {
    const storage = await seeded();
    const etagOf = async () => ((await storage.read([KEY]))[KEY] as Bag).eTag;
    const before = await etagOf();
    const unchanged = new MergingTurnState();
    await unchanged.load(contextFor(), storage);
    await unchanged.save(contextFor(), storage);
    expect(await etagOf()).toBe(before);

    const changed = new MergingTurnState();
    await changed.load(contextFor(), storage);
    (changed.conversation as Bag).page = 3;
    await changed.save(contextFor(), storage);
    const stored = (await storage.read([KEY]))[KEY] as Bag;
    expect(stored.eTag).not.toBe(before);
    expect(stored).toMatchObject({ ...SEED, page: 3 });
  });

  it('still writes a state that was replaced, and saves none of a deleted one', async () => {
    const storage = await seeded();
    const replaced = new MergingTurnState();
    await replaced.load(contextFor(), storage);
    replaced.getScope('conversation')!.replace({ ...(replaced.conversation as Bag), fresh: true });
    await replaced.save(contextFor(), storage);
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ fresh: true });

    const deleted = new MergingTurnState();
    await deleted.load(contextFor(), storage);
    deleted.deleteConversationState();
    await deleted.save(contextFor(), storage);
    expect((await storage.read([KEY]))[KEY]).toBeUndefined();
  });
});

let harness: Awaited<ReturnType<typeof createTempDataDir>>;
beforeAll(async () => {
  harness = await createTempDataDir();
});
afterAll(async () => harness.cleanup());
