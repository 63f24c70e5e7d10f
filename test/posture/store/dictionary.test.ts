import { StringDictionary } from '../../../src/posture/store/dictionary';

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
});
