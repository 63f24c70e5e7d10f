// Token indexes over one vocabulary field, rebuilt only when the engine hands out a new list.
import { nameTokens } from './normalize';

export interface IndexedName {
  value: string;
  tokens: readonly string[];
}

export interface NameIndex {
  names: readonly IndexedName[];
  /** Names by each token they contain. */
  byToken: ReadonlyMap<string, readonly number[]>;
  /** [name, token position] pairs by the token's first letter: where a misspelt run of words may start. */
  byInitial: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
  /** The token counts of the names that start with each token: a typed run can only be a whole name of such a count. */
  lengthsByFirst: ReadonlyMap<string, ReadonlySet<number>>;
  longest: number;
}

const cache = new WeakMap<readonly string[], NameIndex>();

export function indexNames(values: readonly string[]): NameIndex {
  const hit = cache.get(values);
  if (hit) return hit;
  const names: IndexedName[] = [];
  const byToken = new Map<string, number[]>();
  const byInitial = new Map<string, Array<readonly [number, number]>>();
  const lengthsByFirst = new Map<string, Set<number>>();
  let longest = 1;
  for (const value of values) {
    const tokens = nameTokens(value);
    if (tokens.length === 0) continue;
    const at = names.length;
    names.push({ value, tokens });
    longest = Math.max(longest, tokens.length);
    const first = tokens[0] ?? '';
    const lengths = lengthsByFirst.get(first);
    if (lengths) lengths.add(tokens.length);
    else lengthsByFirst.set(first, new Set([tokens.length]));
    for (const t of new Set(tokens)) {
      const list = byToken.get(t);
      if (list) list.push(at);
      else byToken.set(t, [at]);
    }
    tokens.forEach((t, position) => {
      const initial = t[0] ?? '';
      const list = byInitial.get(initial);
      if (list) list.push([at, position]);
      else byInitial.set(initial, [[at, position]]);
    });
  }
  const index: NameIndex = { names, byToken, byInitial, lengthsByFirst, longest };
  cache.set(values, index);
  return index;
}

/** Position of `needle` as a contiguous run inside `tokens` (prefix match allowed on the last needle token), or -1. */
export function findRun(tokens: readonly string[], needle: readonly string[], prefixLast: boolean): number {
  outer: for (let i = 0; i + needle.length <= tokens.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) {
      const have = tokens[i + j] ?? '';
      const want = needle[j] ?? '';
      const last = j === needle.length - 1;
      if (have === want) continue;
      if (prefixLast && last && want.length >= 4 && have.startsWith(want)) continue;
      continue outer;
    }
    return i;
  }
  return -1;
}

/** The characters of `value` covering tokens [from, from + count), as the data spells them (lower-cased). */
export function tokenSubstring(value: string, from: number, count: number): string {
  const lowered = value.normalize('NFKC').toLowerCase();
  const re = /[\p{L}\p{N}]+/gu;
  let index = 0;
  let start = -1;
  let end = -1;
  for (let m = re.exec(lowered); m; m = re.exec(lowered)) {
    if (index === from) start = m.index;
    if (index === from + count - 1) {
      end = m.index + m[0].length;
      break;
    }
    index += 1;
  }
  return start >= 0 && end > start ? lowered.slice(start, end) : lowered;
}

/**
 * Every token of several indexes (the name fields, in order) in one table: whether some name holds it, and for a
 * token that starts names, the token counts of those names in any of the fields. A message's words are looked up
 * once here instead of once per field: in the running bot the rest of a turn evicts these tables between messages,
 * so each further table asked costs cache misses, not only a hash.
 */
export interface NameWords {
  /** Token → the union of the indexes' lengthsByFirst for it (empty when no name starts with it). */
  byToken: ReadonlyMap<string, ReadonlySet<number>>;
}

const NO_LENGTHS: ReadonlySet<number> = new Set();
const wordsCache = new WeakMap<NameIndex, { indexes: readonly NameIndex[]; words: NameWords }>();

/** The NameWords of `indexes`, kept while the same indexes come back (the engine hands out the same lists). */
export function nameWordsOf(indexes: readonly NameIndex[]): NameWords {
  const first = indexes[0];
  if (!first) return { byToken: new Map() };
  const hit = wordsCache.get(first);
  if (hit && hit.indexes.length === indexes.length && hit.indexes.every((index, i) => index === indexes[i])) return hit.words;
  const byToken = new Map<string, ReadonlySet<number>>();
  for (const index of indexes) {
    for (const token of index.byToken.keys()) {
      if (!byToken.has(token)) byToken.set(token, NO_LENGTHS);
    }
    for (const [token, lengths] of index.lengthsByFirst) {
      const known = byToken.get(token);
      byToken.set(token, known === undefined || known.size === 0 ? new Set(lengths) : new Set([...known, ...lengths]));
    }
  }
  const words: NameWords = { byToken };
  wordsCache.set(first, { indexes: [...indexes], words });
  return words;
}
