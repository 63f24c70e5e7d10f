// The active list and the recent ones behind it: a new list retires the active one without its rows, recent lists
// ride along (at most MAX_LISTS in all, each once), and findList still finds a recent one by id to page it.
import type { ConversationMemory } from '../../../src/actions/registry';
import { ACTIVE_LIST_KEY, activateList, findList, MAX_LISTS, parseActiveList, RECENT_LISTS_KEY, type ActiveList } from '../../../src/actions/contracts/activeList';

function memory(initial: Record<string, unknown> = {}): ConversationMemory & { bag: Record<string, unknown> } {
  const bag = { ...initial };
  return { bag, get: <T>(key: string) => bag[key] as T | undefined, set: (key, value) => void (bag[key] = value), delete: (key) => void delete bag[key] };
}

const list = (listId: string, refs: string[] = ['/a/1', '/a/2']): ActiveList => ({ listId, filter: {}, view: 'list', pageSize: 10, total: refs.length, refs, createdAt: 1 });
const ids = (conversation: ReturnType<typeof memory>) => (conversation.bag[RECENT_LISTS_KEY] as Array<{ listId: string }>).map((l) => l.listId);

describe('active list', () => {
  it('retires the active list without its rows, keeping how many were shown, and finds it again by id', () => {
    const conversation = memory();
    activateList(conversation, list('aaaaaa'));
    activateList(conversation, list('bbbbbb', ['/b/1']));
    expect(parseActiveList(conversation.bag[ACTIVE_LIST_KEY])?.listId).toBe('bbbbbb');
    expect(conversation.bag[RECENT_LISTS_KEY]).toEqual([{ ...list('aaaaaa'), shown: 2, refs: [] }]);
    expect(findList(conversation, 'aaaaaa')).toMatchObject({ active: false, list: { listId: 'aaaaaa', shown: 2, refs: [] } });
  });

  it(`keeps at most ${MAX_LISTS - 1} recent lists, newest first, each once`, () => {
    const conversation = memory();
    for (const id of ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd', 'eeeeee', 'ffffff']) activateList(conversation, list(id));
    expect(ids(conversation)).toEqual(['eeeeee', 'dddddd', 'cccccc', 'bbbbbb']);
    activateList(conversation, list('cccccc'));
    expect(ids(conversation)).toEqual(['ffffff', 'eeeeee', 'dddddd', 'bbbbbb']);
  });

  it('drops stored recent entries that are not lists, and clears rows an older version left on one', () => {
    const conversation = memory({ [ACTIVE_LIST_KEY]: list('aaaaaa'), [RECENT_LISTS_KEY]: ['junk', null, { listId: 7 }, { ...list('bbbbbb', ['/b/1', '/b/2', '/b/3']) }] });
    activateList(conversation, list('cccccc'));
    expect(conversation.bag[RECENT_LISTS_KEY]).toEqual([
      { ...list('aaaaaa'), shown: 2, refs: [] },
      { ...list('bbbbbb', ['/b/1', '/b/2', '/b/3']), shown: 3, refs: [] },
    ]);
  });

  it('parses a stored list once and shares the frozen result; malformed state is no list', () => {
    const stored = JSON.parse(JSON.stringify(list('aaaaaa'))) as unknown;
    const first = parseActiveList(stored);
    expect(parseActiveList(stored)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first?.refs)).toBe(true);
    expect(parseActiveList({ ...list('aaaaaa'), pageSize: 0 })).toBeUndefined();
    expect(parseActiveList('aaaaaa')).toBeUndefined();
  });
});
