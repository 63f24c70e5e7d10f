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

  it('gives the same ref for an id as every earlier version (refs on cards already sent must keep resolving)', () => {
    // Fixed values from the first sha256 implementation (createHash): lower-cased id, base64url, 15 characters.
    expect(recommendationRef('/subscriptions/0000/providers/Microsoft.Security/assessments/ABC')).toBe('rXZJ_PHiIeEsH8Hz');
    expect(recommendationRef('/Subscriptions/Ünïcode-ß/x')).toBe('rViGR5gTFuJjCclU');
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

  it('without a log (a storage that keeps none, or an older reader), refs kept in one read as nothing shown', () => {
    const conversation = memory({ [SHOWN_REFS_KEY]: { schemaVersion: 2, shown: 40 } });
    expect(resolveShown(conversation, recommendationRef('/a/1'))).toBeUndefined();
    const [ref] = rememberShown(conversation, ['/b/1']);
    expect(conversation.bag[SHOWN_REFS_KEY]).toEqual([[ref, '/b/1']]);
    expect(resolveShown(conversation, ref!)).toBe('/b/1');
  });

  it('with a log: pairs go to it, the state keeps a count that changes with every page; state pairs move over once', () => {
    const appended: Array<{ pairs: unknown; keep: unknown }> = [];
    const log = { append: (pairs: unknown, keep: unknown) => void appended.push({ pairs, keep }), lookup: (ref: string) => (ref === 'rx' ? '/x' : undefined) };
    const old: Array<[string, string]> = [['r1', '/a/1'], ['r2', '/a/2'], ['r1', '/a/1b']];
    const conversation = memory({ [SHOWN_REFS_KEY]: old, shownRefLog: log });
    expect(resolveShown(conversation, 'r2')).toBe('/a/2'); // not moved yet: read from the state
    const refs = rememberShown(conversation, ['/b/1']);
    expect(appended).toEqual([{ pairs: [['r2', '/a/2'], ['r1', '/a/1b'], [refs[0], '/b/1']], keep: { shownBefore: 0, limit: MAX_SHOWN_REFS } }]);
    expect(conversation.bag[SHOWN_REFS_KEY]).toEqual({ schemaVersion: 2, shown: 3 });
    rememberShown(conversation, ['/b/2', '/b/3']);
    expect(appended[1]).toEqual({ pairs: [[recommendationRef('/b/2'), '/b/2'], [recommendationRef('/b/3'), '/b/3']], keep: { shownBefore: 3, limit: MAX_SHOWN_REFS } });
    expect(conversation.bag[SHOWN_REFS_KEY]).toEqual({ schemaVersion: 2, shown: 5 });
    expect(resolveShown(conversation, 'rx')).toBe('/x');
    expect(resolveShown(conversation, 'r2')).toBeUndefined(); // the log answers now: it did not know r2
  });

  it('reads well-formed stored pairs, at the limits', () => {
    const conversation = memory({ [SHOWN_REFS_KEY]: [['r'.repeat(64), 'a'.repeat(2000)]] });
    expect(resolveShown(conversation, 'r'.repeat(64))).toBe('a'.repeat(2000));
  });
});
