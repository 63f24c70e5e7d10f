import { percentile, round } from '../../bench/stats';

describe('percentile (nearest rank)', () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

  it('takes the value at the rank, whatever the input order', () => {
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 10)).toBe(1);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(10);
  });

  it('does not sort the caller array', () => {
    const copy = [...samples];
    percentile(copy, 50);
    expect(copy).toEqual(samples);
  });

  it('is NaN without samples and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(samples, 101)).toThrow(RangeError);
    expect(() => percentile(samples, Number.NaN)).toThrow(RangeError);
  });

  it('rounds to the given digits', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1.5, 0)).toBe(2);
  });
});
