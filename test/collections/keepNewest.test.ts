import { dropOldest, keepNewest, keepNewestMember } from '../../src/collections/keepNewest';

describe('keepNewest', () => {
  it('keeps the newest `max` entries, dropping the first inserted', () => {
    const kept = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) keepNewest(kept, key, i, 3);
    expect([...kept]).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
  });

  it('moves a key set again to newest, with its new value, so it is dropped last', () => {
    const kept = new Map<string, number>();
    keepNewest(kept, 'a', 1, 2);
    keepNewest(kept, 'b', 2, 2);
    keepNewest(kept, 'a', 3, 2);
    expect([...kept]).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    keepNewest(kept, 'c', 4, 2);
    expect([...kept.keys()]).toEqual(['a', 'c']);
  });

  it('a key set again while full drops nothing', () => {
    const kept = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    keepNewest(kept, 'a', 1, 2);
    expect([...kept.keys()]).toEqual(['b', 'a']);
  });

  it('keeps nothing with max 0', () => {
    const kept = new Map<string, number>();
    keepNewest(kept, 'a', 1, 0);
    expect(kept.size).toBe(0);
  });

  it('keeps the newest members of a Set the same way', () => {
    const kept = new Set<string>();
    for (const value of ['a', 'b', 'a', 'c', 'd']) keepNewestMember(kept, value, 3);
    expect([...kept]).toEqual(['a', 'c', 'd']);
  });

  it('dropOldest trims an over-full collection to `max`', () => {
    const kept = new Map([1, 2, 3, 4, 5].map((n) => [n, n]));
    dropOldest(kept, 2);
    expect([...kept.keys()]).toEqual([4, 5]);
    dropOldest(kept, 5);
    expect([...kept.keys()]).toEqual([4, 5]);
  });
});
