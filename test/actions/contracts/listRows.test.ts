// The active list's rows as stored: card refs resolved through the refs the conversation was shown, or (lists stored
// by earlier versions) the assessment ids themselves; and what a target by ordinal says when a row cannot be found.
import type { ConversationMemory } from '../../../src/actions/registry';
import type { ActiveList } from '../../../src/actions/contracts/activeList';
import { ACTIVE_LIST_KEY } from '../../../src/actions/contracts/activeList';
import { isCardRef, isListRow, listRowId, listRowPosition } from '../../../src/actions/contracts/listRows';
import { MAX_SHOWN_REFS, recommendationRef, rememberShown, SHOWN_REFS_KEY } from '../../../src/actions/contracts/shownRefs';
import { forgottenRowReason, resolveCardRef, resolveTarget } from '../../../src/actions/contracts/target';

function memory(initial: Record<string, unknown> = {}): ConversationMemory & { bag: Record<string, unknown> } {
  const bag = { ...initial };
  return { bag, get: <T>(key: string) => bag[key] as T | undefined, set: (key, value) => void (bag[key] = value), delete: (key) => void delete bag[key] };
}

const ID = (n: number) => `/subscriptions/0000/resourceGroups/rg-${n}/providers/Microsoft.Compute/virtualMachines/vm-${n}/providers/Microsoft.Security/assessments/k-${n}`;
const list = (refs: string[], extra: Partial<ActiveList> = {}): ActiveList => ({ listId: 'aaaaaa', filter: {}, view: 'list', pageSize: 10, total: refs.length, refs, shown: refs.length, createdAt: 1, ...extra });

/** A conversation that was shown ids 1..n and whose active list remembers them as this version stores them. */
function shownList(n: number): ReturnType<typeof memory> {
  const conversation = memory();
  const refs = rememberShown(conversation, Array.from({ length: n }, (_, i) => ID(i + 1)));
  conversation.set(ACTIVE_LIST_KEY, list(refs));
  return conversation;
}

describe('list rows', () => {
  it('tells card refs from assessment ids', () => {
    expect(isCardRef(recommendationRef(ID(1)))).toBe(true);
    expect(isCardRef(ID(1))).toBe(false);
    expect(isCardRef('/a/1')).toBe(false);
    expect(isCardRef('r' + 'a'.repeat(14))).toBe(false);
    expect(isCardRef('r' + 'a'.repeat(16))).toBe(false);
    expect(isCardRef('r' + 'a'.repeat(14) + '/')).toBe(false);
  });

  it('resolves rows stored as card refs through the shown refs, and rows stored as ids (earlier versions) as they are', () => {
    const conversation = shownList(3);
    const stored = conversation.bag[ACTIVE_LIST_KEY] as ActiveList;
    expect(stored.refs.every(isCardRef)).toBe(true);
    expect([0, 1, 2, 3].map((i) => listRowId(conversation, stored, i))).toEqual([ID(1), ID(2), ID(3), undefined]);
    const old = list([ID(7), ID(8)]);
    expect([0, 1, 2].map((i) => listRowId(memory(), old, i))).toEqual([ID(7), ID(8), undefined]);
    // A "Show more" on a list an earlier version stored: its ids, then this version's refs.
    const mixed = list([ID(7), ...stored.refs]);
    expect([0, 1, 3].map((i) => listRowId(conversation, mixed, i))).toEqual([ID(7), ID(1), ID(3)]);
    expect([ID(7), ID(1), ID(3), ID(9)].map((id) => listRowPosition(mixed, id))).toEqual([1, 2, 4, 0]);
    expect([isListRow(mixed, 0, ID(7)), isListRow(mixed, 1, ID(1)), isListRow(mixed, 1, ID(2)), isListRow(mixed, 0, ID(1)), isListRow(mixed, 9, ID(1))]).toEqual([true, true, false, false, false]);
  });

  it('resolves on another process that reads the same stored state (refs are hashes of the ids, kept with the state)', () => {
    const stored = JSON.parse(JSON.stringify(shownList(2).bag)) as Record<string, unknown>;
    const elsewhere = memory(stored);
    expect(resolveTarget({ conversation: elsewhere }, { ordinal: 2 })).toEqual({ ok: true, assessmentId: ID(2) });
  });

  it('a target by ordinal: rows by ref, rows by id, rows not remembered, and rows whose ref was forgotten', () => {
    const conversation = shownList(2);
    expect(resolveTarget({ conversation }, { ordinal: 1 })).toEqual({ ok: true, assessmentId: ID(1) });
    expect(resolveTarget({ conversation }, { ordinal: 3 })).toEqual({ ok: false, reason: expect.stringContaining('Row 3 is not on screen: the list shows 2.') });
    // The list's first card used `<listId>_<index>` refs (cards from before refs named recommendations).
    expect(resolveCardRef(conversation, 'aaaaaa_1')).toBe(ID(2));
    const old = memory({ [ACTIVE_LIST_KEY]: list([ID(7), ID(8)]) });
    expect(resolveTarget({ conversation: old }, { ordinal: 2 })).toEqual({ ok: true, assessmentId: ID(8) });
    expect(resolveCardRef(old, 'aaaaaa_0')).toBe(ID(7));
    // MAX_SHOWN_REFS other recommendations shown since: the row's ref is no longer remembered.
    rememberShown(conversation, Array.from({ length: MAX_SHOWN_REFS }, (_, i) => ID(100 + i)));
    expect(resolveTarget({ conversation }, { ordinal: 1 })).toEqual({ ok: false, reason: forgottenRowReason(1) });
    expect(forgottenRowReason(1)).toBe('Row 1 was shown too long ago for me to find it again. Open it with "details of 1" first.');
  });

  it('"this" on a list of one row is that row, by ref or by id', () => {
    const one = shownList(1);
    expect(resolveTarget({ conversation: one }, {})).toEqual({ ok: true, assessmentId: ID(1) });
    expect(resolveTarget({ conversation: memory({ [ACTIVE_LIST_KEY]: list([ID(5)]) }) }, {})).toEqual({ ok: true, assessmentId: ID(5) });
    one.delete(SHOWN_REFS_KEY);
    expect(resolveTarget({ conversation: one }, {})).toMatchObject({ ok: false, reason: expect.stringMatching(/^Which recommendation\?/) });
  });
});
