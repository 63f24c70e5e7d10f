// A small deterministic generator (mulberry32) for randomised oracle tests, so a failure names its seed.
export interface SeededRandom {
  /** The next number in [0, 1). */
  next(): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

/** `count` texts of pieces picked at random and joined: the n-th of (n % maxPieces) + 1 pieces, so short ones recur. */
export function randomJoins(random: SeededRandom, pieces: readonly string[], count: number, maxPieces: number): string[] {
  const texts: string[] = [];
  for (let n = 0; n < count; n += 1) {
    let text = '';
    for (let k = n % maxPieces; k >= 0; k -= 1) text += random.pick(pieces);
    texts.push(text);
  }
  return texts;
}
