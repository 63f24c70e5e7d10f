// "Contains" search over a dictionary's distinct values (resource names, recommendation names) without testing
// each value: the lower-cased values are joined into one string, separated by NUL, and searched with indexOf, which
// skips ahead natively; each hit is mapped to its value by a galloping search over the values' start offsets, and
// the search resumes at the next value. Same answers as `lower.includes(needle)` per value: a needle holding the
// separator (never typed in practice) falls back to exactly that.
import type { StringDictionary } from './dictionary';

const SEPARATOR = '\u0000';

interface JoinedValues {
  size: number;
  text: string;
  /** starts[code]: where the value of code begins in text. */
  starts: Uint32Array;
}

const cache = new WeakMap<StringDictionary, JoinedValues>();

function joinedOf(dict: StringDictionary): JoinedValues {
  const hit = cache.get(dict);
  // A dictionary still being filled (or a derived one) may have grown since: join again.
  if (hit && hit.size === dict.size) return hit;
  const values = dict.lowerValues();
  const starts = new Uint32Array(values.length);
  let at = 0;
  for (let code = 0; code < values.length; code++) {
    starts[code] = at;
    at += (values[code] as string).length + 1;
  }
  const joined = { size: values.length, text: values.join(SEPARATOR), starts };
  cache.set(dict, joined);
  return joined;
}

/** Codes whose lower-cased value contains the (already lower-cased) needle, ascending, with a flag per code. */
export function valuesContaining(dict: StringDictionary, needle: string): { table: Uint8Array; codes: number[] } {
  if (needle.includes(SEPARATOR)) return dict.matching((lower) => lower.includes(needle));
  const { text, starts, size } = joinedOf(dict);
  const table = new Uint8Array(size);
  const codes: number[] = [];
  let code = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0 || size === 0) break;
    // Gallop from the last code to the one whose value holds `at`: hits come in ascending order.
    let lo = code;
    let step = 1;
    let hi = lo + 1;
    while (hi < size && (starts[hi] as number) <= at) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > size) hi = size;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid;
    }
    table[lo] = 1;
    codes.push(lo);
    code = lo + 1;
    if (code >= size) break;
    from = starts[code] as number;
  }
  return { table, codes };
}

/** Builds the joined text of a dictionary ahead of its first search. */
export function warmTextSearch(dict: StringDictionary): void {
  joinedOf(dict);
}

/** Bytes the joined text and offsets take (a one-byte string when every value is Latin-1, else two bytes a char). */
export function textSearchBytes(dict: StringDictionary): number {
  const { text, starts } = joinedOf(dict);
  // eslint-disable-next-line no-control-regex
  const wide = /[^\u0000-\u00ff]/.test(text);
  return text.length * (wide ? 2 : 1) + starts.byteLength;
}
