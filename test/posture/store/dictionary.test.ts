import { StringDictionary } from '../../../src/posture/store/dictionary';
import { seededRandom } from '../../support/seededRandom';

describe('StringDictionary', () => {
  it('gives one code per value whatever its case, keeps the first spelling, and repeats cost nothing new', () => {
    const dict = new StringDictionary();
    const sequence = ['/Sub/A', '/Sub/A', '/sub/a', 'B', '/SUB/A', 'b', 'B', 'C', 'C', '/sub/a'];
    const codes = sequence.map((value) => dict.encode(value));
    expect(codes).toEqual([0, 0, 0, 1, 0, 1, 1, 2, 2, 0]);
    expect(dict.values()).toEqual(['/Sub/A', 'B', 'C']);
    expect(dict.lowerValues()).toEqual(['/sub/a', 'b', 'c']);
    expect(dict.encodeOptional('')).toBe(-1);
    expect(dict.encodeOptional(undefined)).toBe(-1);
    dict.seal();
    expect(dict.encode('c')).toBe(2);
    expect(dict.encode('D')).toBe(3);
    expect(dict.encode('d')).toBe(3);
    expect(dict.find('/SUB/a')).toBe(0);
  });

  it('encodes as a plain map from lower-cased value to first spelling would, in any order of spellings', () => {
    const bases = ['/Sub/A', 'vm-01', 'VM-01 ', 'İstanbul', 'istanbul', 'K', '\u212a', 'ß', 'SS', 'é', 'É', '😀', '', 'x', 'X'];
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const dict = new StringDictionary();
      const folded = new Map<string, number>();
      const display: string[] = [];
      const spell = (value: string) => value.split('').map((c) => (random.next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
      for (let i = 0; i < 600; i++) {
        // Fresh strings (not the same objects), repeated runs, and values seen once.
        const base = random.next() < 0.3 ? `once-${seed}-${i}` : random.pick(bases);
        const value = random.next() < 0.5 ? spell(base) : `${base}`;
        const runs = random.next() < 0.3 ? 3 : 1;
        for (let r = 0; r < runs; r++) {
          if (value === '') {
            expect(dict.encodeOptional(value)).toBe(-1);
            continue;
          }
          const lower = value.toLowerCase();
          let expected = folded.get(lower);
          if (expected === undefined) {
            expected = display.length;
            display.push(value);
            folded.set(lower, expected);
          }
          // A fresh copy, as each parsed row gives.
          expect(dict.encode((' ' + value).slice(1))).toBe(expected);
        }
        if (i === 400 && seed % 2 === 0) dict.seal();
      }
      expect(dict.values()).toEqual(display);
      expect(dict.lowerValues()).toEqual(display.map((value) => value.toLowerCase()));
      for (const value of display) {
        const respelled = spell(value);
        expect(dict.find(respelled)).toBe(folded.get(respelled.toLowerCase()));
      }
      // findLower right after an encode (the last value is tried first), for that value and for others.
      for (let i = 0; i < 50; i++) {
        const value = random.pick(display);
        dict.encode(spell(value));
        const asked = random.next() < 0.5 ? value : random.next() < 0.5 ? random.pick(display) : `never-${i}`;
        expect(dict.findLower(asked.toLowerCase())).toBe(folded.get(asked.toLowerCase()));
      }
    }
  });
});
