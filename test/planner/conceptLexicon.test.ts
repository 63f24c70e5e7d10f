// Pools of concept entries a typed word may start, with misspellings allowed: kept per typed word once found.
import { createConceptLexicon, entriesNear, MAX_NEAR_TYPED } from '../../src/planner/conceptLexicon';

describe('entriesNear', () => {
  it('keeps the pool of a word that is no first token, the same pool a fresh lexicon finds', () => {
    const lexicon = createConceptLexicon();
    const fresh = createConceptLexicon();
    for (const typed of ['critcal', 'zzzz', 'recomendations', 'vulnerabilites']) {
      expect(lexicon.nearFirst.has(typed)).toBe(false);
      const first = entriesNear(lexicon, typed);
      expect(lexicon.nearTyped.get(typed)).toBe(first);
      expect(entriesNear(lexicon, typed)).toBe(first);
      expect(first).toEqual(entriesNear(fresh, typed));
    }
    // A misspelling finds the entries of the word it misspells.
    expect(entriesNear(lexicon, 'critcal').some((e) => e.tokens[0] === 'critical')).toBe(true);
  });

  it('keeps at most MAX_NEAR_TYPED words, dropping the oldest', () => {
    const lexicon = createConceptLexicon();
    for (let i = 0; i <= MAX_NEAR_TYPED; i += 1) entriesNear(lexicon, `w${i}x`);
    expect(lexicon.nearTyped.size).toBe(MAX_NEAR_TYPED);
    expect(lexicon.nearTyped.has('w0x')).toBe(false);
    expect(lexicon.nearTyped.has(`w${MAX_NEAR_TYPED}x`)).toBe(true);
  });
});
