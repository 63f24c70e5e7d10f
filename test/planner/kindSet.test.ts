// Meaning kinds as one number per lexicon entry (kindSet.ts): the set must answer as the entry's meanings do, for
// kinds past bit 31 too (where a plain `&` on the number would read the wrong bit).
import { createConceptLexicon } from '../../src/planner/conceptLexicon';
import { hasKind, KIND, kindSetOf, kindSetOfKinds, NO_KINDS, sharesKind, unionKinds, withKind } from '../../src/planner/kindSet';
import type { MeaningKind } from '../../src/planner/lexicon/meanings';
import { seededRandom } from '../support/seededRandom';

const KINDS = Object.keys(KIND) as MeaningKind[];

describe('KindSet', () => {
  it('gives every kind its own bit within a double exact range', () => {
    const bits = KINDS.map((k) => KIND[k]);
    expect(new Set(bits).size).toBe(bits.length);
    for (const bit of bits) expect(Number.isInteger(Math.log2(bit)) && bit <= 2 ** 52).toBe(true);
  });

  it('answers for every lexicon entry and every kind as a walk of its meanings does', () => {
    const lexicon = createConceptLexicon();
    let high = 0;
    for (const entry of lexicon.entries) {
      for (const k of KINDS) expect([entry.tokens.join(' '), k, hasKind(entry.kinds, KIND[k])]).toEqual([entry.tokens.join(' '), k, entry.meanings.some((m) => m.k === k)]);
      if (entry.kinds >= 2 ** 32) high += 1;
    }
    // The table really has entries whose kinds sit past 32 bits (questions, off-topic words, name cues).
    expect(high).toBeGreaterThan(10);
  });

  it('adds, joins and intersects sets as Set<MeaningKind> does, over random sets', () => {
    const random = seededRandom(16);
    // Sparse and dense sets, so that some pairs share no kind.
    const pick = (share: number) => {
      const kinds = KINDS.filter(() => random.next() < share);
      return { kinds: new Set(kinds), set: kinds.reduce((set, k) => withKind(set, KIND[k]), NO_KINDS) };
    };
    for (let round = 0; round < 300; round += 1) {
      const a = pick(round % 2 === 0 ? 0.05 : 0.4);
      const b = pick(round % 3 === 0 ? 0.05 : 0.4);
      const union = unionKinds(a.set, b.set);
      expect(kindSetOfKinds([...a.kinds])).toBe(a.set);
      expect(sharesKind(a.set, b.set)).toBe([...a.kinds].some((k) => b.kinds.has(k)));
      for (const k of KINDS) {
        expect(hasKind(a.set, KIND[k])).toBe(a.kinds.has(k));
        expect(hasKind(union, KIND[k])).toBe(a.kinds.has(k) || b.kinds.has(k));
      }
      expect(withKind(a.set, KIND[KINDS[round % KINDS.length] as MeaningKind])).toBe(kindSetOf([...a.kinds, KINDS[round % KINDS.length] as MeaningKind].map((k) => ({ k }) as never)));
    }
  });
});
