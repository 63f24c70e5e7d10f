import { assertValidKey, hasLoneSurrogate, MAX_KEY_LENGTH, prefixUpperBound } from '../../src/storage/recordKeys';

describe('prefixUpperBound', () => {
  // Code-point order, the same as SQLite's byte order for UTF-8 text.
  const compare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

  it.each([
    ['a', 'b'],
    ['a%', 'a&'],
    ['ab\u{10FFFF}', 'ac'],
    ['\u{D7FF}', '\u{E000}'],
    ['x\u{1F600}', 'x\u{1F601}'],
  ])('bounds %j by %j', (prefix, bound) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });

  it('has no bound for the empty prefix or one made only of the last code point', () => {
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
  });

  it('puts every extension of the prefix below the bound and every other string outside [prefix, bound)', () => {
    const prefix = 'ké\u{1F600}';
    const bound = prefixUpperBound(prefix) ?? '';
    const inside = [prefix, `${prefix}\u{10FFFF}\u{10FFFF}`, `${prefix}\u0000`, `${prefix}zzz`];
    const outside = ['ké', 'kf', 'ké\u{1F601}', 'ké\u{FFFF}', 'l'];
    for (const id of inside) expect(compare(prefix, id) <= 0 && compare(id, bound) < 0).toBe(true);
    for (const id of outside) expect(compare(prefix, id) <= 0 && compare(id, bound) < 0).toBe(false);
  });
});

describe('assertValidKey', () => {
  it.each([
    ['', /empty/],
    ['x'.repeat(MAX_KEY_LENGTH + 1), /longer than/],
    ['nul\u0000', /NUL/],
    ['\udc00 low alone', /unpaired surrogate/],
    ['high alone \ud800', /unpaired surrogate/],
  ])('refuses %j', (key, message) => {
    expect(() => assertValidKey('id', key)).toThrow(message);
  });

  it('accepts odd but well-formed keys, and an empty prefix', () => {
    for (const key of ["'; DROP TABLE records; --", '😀', 'x'.repeat(MAX_KEY_LENGTH), '%_*?[']) {
      expect(() => assertValidKey('id', key)).not.toThrow();
    }
    expect(() => assertValidKey('prefix', '')).not.toThrow();
    expect(() => assertValidKey('id', 42)).toThrow(/not a string/);
  });
});

describe('hasLoneSurrogate', () => {
  // The rule by hand: a high surrogate not followed by a low one, or a low one not preceded by a high one.
  const byHand = (text: string): boolean => {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const high = unit >= 0xd800 && unit <= 0xdbff;
      const low = unit >= 0xdc00 && unit <= 0xdfff;
      const next = text.charCodeAt(i + 1);
      if (high && !(next >= 0xdc00 && next <= 0xdfff)) return true;
      if (high) i += 1;
      else if (low) return true;
    }
    return false;
  };

  it('agrees with the rule on seeded strings of surrogates, ASCII and other BMP characters', () => {
    const units = [0x61, 0x7a, 0xe9, 0x4f1a, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00, 0xfffd];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let lone = 0;
    for (let n = 0; n < 2000; n++) {
      const text = String.fromCharCode(...Array.from({ length: Math.floor(random() * 6) }, () => units[Math.floor(random() * units.length)] ?? 0x61));
      const expected = byHand(text);
      if (expected) lone += 1;
      expect([text, hasLoneSurrogate(text)]).toEqual([text, expected]);
    }
    expect(lone).toBeGreaterThan(200);
    expect(lone).toBeLessThan(1800);
  });
});
