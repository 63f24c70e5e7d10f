// The refs a conversation was shown: remembered newest last, resolved back to their assessments, and anything
// malformed in stored state (an earlier version, another process) counts as nothing shown rather than failing.
import type { ConversationMemory } from '../../../src/actions/registry';
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
    const kept = conversation.bag[SHOWN_REFS_KEY] as Array<[string, string]>;
    expect(kept).toHaveLength(MAX_SHOWN_REFS);
    expect(kept.slice(-2).map(([, id]) => id)).toEqual(['/r/0', '/r/new']);
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
    expect(conversation.bag[SHOWN_REFS_KEY]).toEqual([[recommendationRef('/b/1'), '/b/1']]);
  });

  it('reads well-formed stored pairs, at the limits', () => {
    const conversation = memory({ [SHOWN_REFS_KEY]: [['r'.repeat(64), 'a'.repeat(2000)]] });
    expect(resolveShown(conversation, 'r'.repeat(64))).toBe('a'.repeat(2000));
  });
});
