// The refs a conversation was shown: remembered newest last, resolved back to their assessments, and anything
// malformed in stored state (an earlier version, another process) counts as nothing shown rather than failing.
import type { ConversationMemory } from '../../../src/actions/registry';
import { decodeShown } from '../../../src/actions/contracts/shownRefsShape';
import { MAX_SHOWN_REFS, recommendationRef, rememberShown, resolveShown, SHOWN_REFS_KEY } from '../../../src/actions/contracts/shownRefs';

function memory(initial: Record<string, unknown> = {}): ConversationMemory & { bag: Record<string, unknown> } {
  const bag = { ...initial };
  return { bag, get: <T>(key: string) => bag[key] as T | undefined, set: (key, value) => void (bag[key] = value), delete: (key) => void delete bag[key] };
}

describe('shown refs', () => {
  it('remembers what was shown and resolves its refs; a ref never shown resolves to nothing', () => {
    const conversation = memory();
    const refs = rememberShown(conversation, ['/a/1', '/a/2']);
    expect(refs).toEqual([recommendationRef('/a/1'), recommendationRef('/a/2')]);
    expect(resolveShown(conversation, refs[1]!)).toBe('/a/2');
    expect(resolveShown(conversation, recommendationRef('/a/3'))).toBeUndefined();
  });

  it(`keeps the newest ${MAX_SHOWN_REFS} distinct refs, a re-shown one moving to the end`, () => {
    const conversation = memory();
    rememberShown(conversation, Array.from({ length: MAX_SHOWN_REFS }, (_, i) => `/r/${i}`));
    rememberShown(conversation, ['/r/0', '/r/new']);
    const kept = decodeShown(conversation.bag[SHOWN_REFS_KEY], MAX_SHOWN_REFS);
    expect(kept).toHaveLength(MAX_SHOWN_REFS);
    expect(kept.slice(-2).map(({ id }) => id)).toEqual(['/r/0', '/r/new']);
    expect(resolveShown(conversation, recommendationRef('/r/1'))).toBeUndefined();
    expect(resolveShown(conversation, recommendationRef('/r/2'))).toBe('/r/2');
  });

  it.each([
    ['not an array', { a: 1 }],
    ['a pair with a third element', [['r1', '/a/1', 'x']]],
    ['a pair of one', [['r1']]],
    ['a number for an id', [['r1', 7]]],
    ['a ref over 64 characters', [['r'.repeat(65), '/a/1']]],
    ['an id over 2000 characters', [['r1', 'a'.repeat(2001)]]],
    ['too many pairs', Array.from({ length: MAX_SHOWN_REFS * 2 + 1 }, (_, i) => [`r${i}`, `/a/${i}`])],
  ])('reads stored state that is %s as nothing shown', (_what, stored) => {
    const conversation = memory({ [SHOWN_REFS_KEY]: stored });
    expect(resolveShown(conversation, 'r1')).toBeUndefined();
    rememberShown(conversation, ['/b/1']);
    expect(decodeShown(conversation.bag[SHOWN_REFS_KEY], MAX_SHOWN_REFS)).toEqual([{ id: '/b/1' }]);
    expect(resolveShown(conversation, recommendationRef('/b/1'))).toBe('/b/1');
  });

  it('reads well-formed stored pairs, at the limits', () => {
    const conversation = memory({ [SHOWN_REFS_KEY]: [['r'.repeat(64), 'a'.repeat(2000)]] });
    expect(resolveShown(conversation, 'r'.repeat(64))).toBe('a'.repeat(2000));
  });
});

describe('shown refs: stored shapes', () => {
  function memory(initial: Record<string, unknown> = {}): ConversationMemory & { bag: Record<string, unknown> } {
    const bag = { ...initial };
    return { bag, get: <T>(key: string) => bag[key] as T | undefined, set: (key, value) => void (bag[key] = value), delete: (key) => void delete bag[key] };
  }
  const azureId = (resource: string, name: string) => `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${resource}/providers/Microsoft.Security/assessments/${name}`;

  it('reads state a version-1 bot stored ([ref, id] pairs), keeps its buttons working and rewrites it compactly', () => {
    const old = [azureId('vm-1', 'a1'), azureId('vm-2', 'a1')];
    // An odd stored ref (never written so, but stored) keeps resolving to its id after the rewrite.
    const conversation = memory({ [SHOWN_REFS_KEY]: [[recommendationRef(old[0]!), old[0]], [recommendationRef(old[1]!), old[1]], ['rOdd', '/odd/1']] });
    expect(resolveShown(conversation, recommendationRef(old[1]!))).toBe(old[1]);
    expect(resolveShown(conversation, 'rOdd')).toBe('/odd/1');
    rememberShown(conversation, [azureId('vm-3', 'a2'), old[0]!]);
    const stored = conversation.bag[SHOWN_REFS_KEY] as { schemaVersion: number };
    expect(stored.schemaVersion).toBe(2);
    expect(decodeShown(stored, MAX_SHOWN_REFS).map(({ id }) => id)).toEqual([old[1], '/odd/1', azureId('vm-3', 'a2'), old[0]]);
    expect(resolveShown(conversation, 'rOdd')).toBe('/odd/1');
    expect(resolveShown(conversation, recommendationRef('/odd/1'))).toBeUndefined();
    for (const id of [...old, azureId('vm-3', 'a2')]) expect(resolveShown(conversation, recommendationRef(id))).toBe(id);
  });

  it('stores each distinct head and tail once: a fraction of the [ref, id] pairs', () => {
    const ids = Array.from({ length: MAX_SHOWN_REFS }, (_, i) => azureId(`vm-${i % 30}`, `assessment-${Math.floor(i / 30)}`));
    const conversation = memory();
    rememberShown(conversation, ids);
    const compact = JSON.stringify(conversation.bag[SHOWN_REFS_KEY]).length;
    const pairs = JSON.stringify(ids.map((id) => [recommendationRef(id), id])).length;
    expect(compact).toBeLessThan(pairs / 5);
    expect(decodeShown(conversation.bag[SHOWN_REFS_KEY], MAX_SHOWN_REFS).map(({ id }) => id)).toEqual(ids);
  });

  it('treats ids that differ only in case as one recommendation (one ref), the newest kept', () => {
    const conversation = memory();
    rememberShown(conversation, ['/A/x', '/b/y']);
    rememberShown(conversation, ['/a/X']);
    expect(decodeShown(conversation.bag[SHOWN_REFS_KEY], MAX_SHOWN_REFS)).toEqual([{ id: '/b/y' }, { id: '/a/X' }]);
    expect(resolveShown(conversation, recommendationRef('/A/x'))).toBe('/a/X');
  });

  // '/a/1' is stored as the parts '/a', '' and '1': sorted '', '/a', '1'.
  const good = { schemaVersion: 2, parts: ['0:', '0:/a/', '0:1'], ids: [1, 0, 2] };
  it('reads a well-formed version-2 value (the base of the malformed ones below)', () => {
    expect(decodeShown(good, MAX_SHOWN_REFS)).toEqual([{ id: '/a/1' }]);
    expect(decodeShown({ ...good, parts: ['0:', '0:/a/', '3:1'] }, MAX_SHOWN_REFS)).toEqual([{ id: '/a//a/1' }]);
  });

  it.each([
    ['a part index out of range', { ...good, ids: [1, 0, 3] }],
    ['a number of indexes not a multiple of three', { ...good, ids: [1, 0, 2, 1] }],
    ['a negative index', { ...good, ids: [1, -1, 2] }],
    ['a fractional index', { ...good, ids: [1, 0.5, 2] }],
    ['a part that is not a string', { ...good, parts: ['0:', 1, '0:1'] }],
    ['a part without its shared length', { ...good, parts: ['0:', '/a/', '0:1'] }],
    ['a part sharing more than the part before has', { ...good, parts: ['0:', '1:/a/', '0:1'] }],
    ['an id over 2000 characters', { ...good, parts: ['0:', `0:${'a'.repeat(1000)}`, `0:${'b'.repeat(1001)}`] }],
    ['a ref for no entry', { ...good, refs: [[1, 'r1']] }],
    ['too many entries', { ...good, ids: Array.from({ length: (MAX_SHOWN_REFS * 2 + 1) * 3 }, (_, i) => [1, 0, 2][i % 3]) }],
    ['for newer readers only', { ...good, schemaVersion: 3, readableFrom: 3 }],
    ['no version', { parts: good.parts, ids: good.ids }],
  ])('reads version-2 state with %s as nothing shown', (_what, stored) => {
    const conversation = memory({ [SHOWN_REFS_KEY]: stored });
    expect(resolveShown(conversation, recommendationRef('/a/1'))).toBeUndefined();
  });

  it('reads version-2 state a newer version wrote with fields it added', () => {
    const conversation = memory({ [SHOWN_REFS_KEY]: { ...good, schemaVersion: 3, extra: true } });
    expect(resolveShown(conversation, recommendationRef('/a/1'))).toBe('/a/1');
  });
});

describe('shown refs: a concurrent writer', () => {
  it('merges what another process showed meanwhile with this turn\'s rows, whichever version stored them', () => {
    let merge: ((base: unknown, mine: unknown, fresh: unknown) => unknown) | undefined;
    const bag: Record<string, unknown> = { [SHOWN_REFS_KEY]: [[recommendationRef('/a/1'), '/a/1']] };
    const conversation: ConversationMemory = {
      get: <T>(key: string) => bag[key] as T | undefined,
      set: (key, value, m) => {
        bag[key] = value;
        merge = m as typeof merge;
      },
      delete: (key) => void delete bag[key],
    };
    const base = bag[SHOWN_REFS_KEY];
    rememberShown(conversation, ['/b/2']);
    // Meanwhile another process (an older version) stored '/a/1' and '/c/3'.
    const fresh = [[recommendationRef('/a/1'), '/a/1'], [recommendationRef('/c/3'), '/c/3']];
    const merged = merge?.(base, bag[SHOWN_REFS_KEY], fresh);
    expect(decodeShown(merged, MAX_SHOWN_REFS).map(({ id }) => id)).toEqual(['/a/1', '/c/3', '/b/2']);
  });
});
