// The lower-cased values of a dictionary joined into one string, separated by NUL, with where each value starts:
// searched with indexOf, which skips ahead natively, each hit mapped to its value by a galloping search.
import type { StringDictionary } from './dictionary';

export const SEPARATOR = '\u0000';

export interface JoinedValues {
  size: number;
  text: string;
  /** starts[code]: where the value of code begins in text. */
  starts: Uint32Array;
}

const cache = new WeakMap<StringDictionary, JoinedValues>();

export function joinedOf(dict: StringDictionary): JoinedValues {
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


/** Calls hit(code) once for each value (by its start offset in text) that contains the needle, ascending. */
export function forEachHit(text: string, starts: Uint32Array, size: number, needle: string, hit: (code: number) => void): void {
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
    hit(lo);
    code = lo + 1;
    if (code >= size) break;
    from = starts[code] as number;
  }
}
