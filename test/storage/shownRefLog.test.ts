import { findInPages, newestPairs, type ShownPair } from '../../src/storage/shownRefLog';
import { seededRandom } from '../support/seededRandom';

/** The rule stated plainly (the Map the state's shape 1 used): re-shown refs move to the end, the newest `limit` stay. */
function oracle(pairsOldestFirst: ShownPair[], limit: number): Array<[string, string]> {
  const byRef = new Map<string, string>();
  for (const [ref, id] of pairsOldestFirst) {
    byRef.delete(ref);
    byRef.set(ref, id);
  }
  return [...byRef].slice(-limit);
}

const random = (seed: number): (() => number) => seededRandom(seed).next;

function pagesOf(rand: () => number): ShownPair[][] {
  const pages: ShownPair[][] = []; // oldest first here
  const count = Math.floor(rand() * 12);
  for (let p = 0; p < count; p++) {
    const size = Math.floor(rand() * 6);
    // Few distinct refs, so pages re-show refs, also within one page; each showing has its own id.
    pages.push(Array.from({ length: size }, (_, i): ShownPair => [`r${Math.floor(rand() * 15)}`, `id-${p}-${i}`]));
  }
  return pages;
}

describe('the newest distinct refs walk', () => {
  it('keeps what the plain rule keeps, in its order, with the newest showing\'s id', () => {
    let reshown = 0;
    let cut = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rand = random(seed);
      const oldestFirst = pagesOf(rand);
      const limit = 1 + Math.floor(rand() * 12);
      const expected = oracle(oldestFirst.flat(), limit);
      expect({ seed, pairs: newestPairs([...oldestFirst].reverse(), limit) }).toEqual({ seed, pairs: expected });
      // One page holding everything oldest first is the same walk (the contract's keepNewest).
      expect({ seed, pairs: newestPairs([oldestFirst.flat()], limit) }).toEqual({ seed, pairs: expected });
      const refs = oldestFirst.flat().map(([ref]) => ref);
      if (new Set(refs).size < refs.length) reshown++;
      if (new Set(refs).size > limit) cut++;
    }
    // The cases exercise both halves of the rule: re-shown refs, and more distinct refs than the limit.
    expect(reshown).toBeGreaterThan(100);
    expect(cut).toBeGreaterThan(50);
  });

  it('finds a ref only among the kept ones, and marks the pages that hold a kept showing', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const rand = random(seed);
      const oldestFirst = pagesOf(rand);
      const limit = 1 + Math.floor(rand() * 12);
      const kept = new Map(oracle(oldestFirst.flat(), limit));
      const newestFirst = [...oldestFirst].reverse();
      for (let r = 0; r < 16; r++) {
        const ref = `r${r}`;
        expect({ seed, ref, id: findInPages(newestFirst, ref, limit).id }).toEqual({ seed, ref, id: kept.get(ref) });
      }
      // A page is live when it holds the newest showing of a kept ref.
      const live = newestFirst.map((page, p) =>
        page.some(([ref], i) => kept.has(ref) && !newestFirst.slice(0, p).some((newer) => newer.some(([r]) => r === ref)) && !page.slice(i + 1).some(([r]) => r === ref)),
      );
      expect({ seed, live: findInPages(newestFirst, undefined, limit).livePages }).toEqual({ seed, live });
    }
  });
});
