import { compareCodePoints } from '../../../src/storage/recordKeys';
import { decodeKeyText, encodeKeyText, GROUP_PREFIX, MAX_TABLE_KEY, rowKeyRange, sortGroupOf, tableKey } from '../../../src/storage/azure/tableKeys';

// A deterministic generator, so a failure names a reproducible case.
function* randomStrings(count: number, seed: number): Generator<string> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const pools = [
    () => 1 + next(0x7f), // ASCII incl. control characters and / \ # ?
    () => 0x80 + next(0x780), // Latin-1, Greek, Cyrillic...
    () => 0x4e00 + next(0x5000), // CJK
    () => 0xe000 + next(0x1ff0), // private use and U+F000-U+FFFF: where UTF-16 order differs
    () => 0x10000 + next(0x100000 - 1), // astral
  ];
  for (let i = 0; i < count; i++) {
    const length = 1 + next(12);
    let text = '';
    for (let j = 0; j < length; j++) {
      let cp = pools[next(pools.length)]!();
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
      text += String.fromCodePoint(cp);
    }
    yield text;
  }
}

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f%]/;

describe('Azure Table keys', () => {
  const samples = [...randomStrings(600, 7), 'a', 'ab', 'a/b', 'a\\b', '#', '?', '\u0001', '\u007f', '\u009f', 'Z', '~', '\uffff', '😀', '\u{10ffff}', 'A', '[', '`', '{'];

  it('round-trips every string and uses only URL-safe key characters', () => {
    for (const text of samples) {
      const encoded = encodeKeyText(text);
      expect(FORBIDDEN.test(encoded)).toBe(false);
      expect(/^[-.0-9A-Z_a-z~]*$/.test(encoded)).toBe(true);
      expect(decodeKeyText(encoded)).toBe(text);
    }
  });

  it('keeps code-point order (SQLite\'s order), also where UTF-16 order differs', () => {
    const sorted = [...samples].sort(compareCodePoints);
    const byEncoding = [...samples].sort((a, b) => (encodeKeyText(a) < encodeKeyText(b) ? -1 : encodeKeyText(a) > encodeKeyText(b) ? 1 : 0));
    expect(byEncoding).toEqual(sorted);
    expect(encodeKeyText('\uffff') < encodeKeyText('😀')).toBe(true);
  });

  it('keeps readable ids readable', () => {
    expect(encodeKeyText('3f2504e0-4f89-11d3')).toBe('3f2504e0-g4f89-g11d3');
    expect(encodeKeyText('abc')).toBe('abc');
  });

  it('keeps long keys within the Table limit, distinct, and grouped under their encoded prefix', () => {
    const long = 'x'.repeat(1000);
    const a = tableKey(`${long}a`);
    const b = tableKey(`${long}b`);
    expect(a.length).toBeLessThanOrEqual(MAX_TABLE_KEY);
    expect(a).not.toBe(b);
    expect(sortGroupOf(a)).toBe(sortGroupOf(b));
    expect(tableKey('日'.repeat(1024)).length).toBe(MAX_TABLE_KEY);
    expect(tableKey('short')).toBe('short');
    expect(sortGroupOf('short')).toBe('short');
  });

  it('gives a row-key range that holds every id with the prefix, at or after the cursor', () => {
    for (const prefix of ['', 'a', 'B', '~', '日', 'x'.repeat(600)]) {
      const { lower, upper } = rowKeyRange(prefix);
      for (const id of [...samples.map((s) => prefix + s), prefix + 'x'.repeat(900)]) {
        const key = tableKey(id);
        expect(key >= lower).toBe(true);
        if (upper !== undefined) expect(key < upper).toBe(true);
      }
    }
    const { lower } = rowKeyRange('', 'm');
    expect(tableKey('n') >= lower && tableKey('m') >= lower && tableKey('l') < lower).toBe(true);
    expect(GROUP_PREFIX).toBeGreaterThan(400);
  });

  it('refuses text it could not have produced', () => {
    expect(() => decodeKeyText('/')).toThrow(RangeError);
    expect(() => decodeKeyText('-')).toThrow(RangeError);
    expect(() => decodeKeyText('Ba')).toThrow(RangeError);
    expect(() => decodeKeyText('~z1')).toThrow(RangeError);
  });
});
