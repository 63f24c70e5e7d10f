// The joined-text "contains" search against the per-value test it replaces: same codes for strange, unicode and
// adjacent names, for needles at value boundaries, and after the dictionary grows.
import { StringDictionary } from '../../../src/posture/store/dictionary';
import { valuesContaining } from '../../../src/posture/store/textSearch';

const STRANGE = ['rg-(legacy)', '$(rm -rf /)', 'vm-prod-01', 'VM-PROD-02', 'Ärchiv-prod', 'İstanbul-db', 'straße', '日本-prod', '🚀-rocket', 'a', 'b', 'ab', 'nul\u0000inside', 'prod', 'x'.repeat(300), '  spaced  name '];

function dictOf(values: readonly string[]): StringDictionary {
  const dict = new StringDictionary();
  for (const value of values) dict.encode(value);
  return dict;
}

const expected = (dict: StringDictionary, needle: string) => dict.matching((lower) => lower.includes(needle));

// Above 4,096 values the search also goes through the words of the values: both sizes are checked.
const FILLER = Array.from({ length: 5000 }, (_, i) => `${['kv', 'vm', 'sql', 'app'][i % 4]}-${(i * 7919).toString(36)}-${i % 3 ? 'prod' : 'dev'}${i % 11 ? '' : 'uction'}`);

describe.each([
  ['a small dictionary', STRANGE],
  ['a large dictionary (word index)', [...STRANGE, ...FILLER]],
])('valuesContaining on %s', (_, values) => {
  const dict = dictOf(values);

  it.each(['prod', 'production', 'uct', 'vm', 'kv-', '9', '(legacy)', '$(', 'ärch', 'i̇stanbul', 'ß', '日本', '🚀', 'a', 'b', 'ab', 'ba', 'x'.repeat(301), 'x'.repeat(300), 'nul', '\u0000', 'd\u0000', ' name ', 'zzz', '-', 'ea'])('finds the same values as a per-value test for %j', (needle) => {
    const got = valuesContaining(dict, needle);
    const want = expected(dict, needle);
    expect(got.codes).toEqual(want.codes);
    expect(Array.from(got.table)).toEqual(Array.from(want.table));
  });

  it('never matches across two neighbouring values', () => {
    // "a" then "b" are adjacent codes: "ab" is one value of its own, not the pair.
    const found = valuesContaining(dict, 'ab').codes.map((code) => dict.value(code));
    expect(found).toContain('ab');
    expect(found).not.toContain('a');
    expect(found).not.toContain('b');
  });

  it('agrees on random names and needles, and after the dictionary grows', () => {
    let state = 7;
    const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'abcprodvm-_.()$Äß日 ';
    const word = (length: number) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const growing = dictOf(Array.from({ length: values.length }, () => word(1 + Math.floor(next() * 12))));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 200; i++) {
        const needle = (i % 2 ? word(1 + Math.floor(next() * 4)) : word(1 + Math.floor(next() * 3)).replace(/[^a-z]/g, 'p')).toLowerCase();
        expect({ needle, codes: valuesContaining(growing, needle).codes }).toEqual({ needle, codes: expected(growing, needle).codes });
      }
      for (let i = 0; i < 500; i++) growing.encode(word(1 + Math.floor(next() * 12)));
    }
  });

});

it('takes a word index over only from a dictionary with the same values in the same order', () => {
  const base = FILLER.map((value) => `${value}-x`);
  const needles = ['prod', 'uction', 'kv', 'x', 'zz9', 'dev'];
  const first = dictOf(base);
  for (const needle of needles) expect(valuesContaining(first, needle).codes).toEqual(expected(first, needle).codes);
  // Same size, one value renamed (in the middle), two swapped, and the same values again: each answers for its own values.
  const renamed = [...base];
  renamed[2500] = 'vm-renamed-prod-zz9';
  const swapped = [...base];
  [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
  for (const values of [renamed, swapped, base]) {
    const dict = dictOf(values);
    for (const needle of needles) expect({ needle, codes: valuesContaining(dict, needle).codes }).toEqual({ needle, codes: expected(dict, needle).codes });
  }
});

it('handles an empty dictionary', () => {
  expect(valuesContaining(new StringDictionary(), 'x').codes).toEqual([]);
});
