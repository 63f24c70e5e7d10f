import { allowedEdits, editDistance, isSpellingOf } from '../../src/planner/spelling';

describe('spelling tolerance', () => {
  it('counts a swapped pair of letters as one edit', () => {
    expect(editDistance('critcial', 'critical', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });

  it('allows no edit under five letters, one from five, two from eight', () => {
    expect([allowedEdits(4), allowedEdits(5), allowedEdits(7), allowedEdits(8)]).toEqual([0, 1, 1, 2]);
  });

  it('accepts plausible typos of concept words', () => {
    expect(isSpellingOf('critcal', 'critical')).toBe(true);
    expect(isSpellingOf('publically', 'publicly')).toBe(true);
    expect(isSpellingOf('exposd', 'exposed')).toBe(true);
    expect(isSpellingOf('vulnerabilites', 'vulnerabilities')).toBe(true);
  });

  it('rejects short words, other first letters, digits and distant words', () => {
    expect(isSpellingOf('hgh', 'high')).toBe(false);
    expect(isSpellingOf('mnay', 'many')).toBe(true);
    expect(isSpellingOf('mnya', 'many')).toBe(false);
    expect(isSpellingOf('late', 'lane')).toBe(false);
    expect(isSpellingOf('xritical', 'critical')).toBe(false);
    expect(isSpellingOf('vm02', 'vm01')).toBe(false);
    expect(isSpellingOf('server', 'severe')).toBe(false);
  });
});
