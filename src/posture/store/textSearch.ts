// "Contains" search over a dictionary's distinct values (resource names, recommendation names) without testing
// each value: the lower-cased values are joined into one string, separated by NUL, and searched with indexOf, which
// skips ahead natively; each hit is mapped to its value by a galloping search over the values' start offsets, and
// the search resumes at the next value (joinedValues.ts). Large dictionaries also keep their distinct words
// (wordIndex.ts), searched the same way, for needles made of letters and digits only. Same answers as `lower.includes(needle)` per value: a needle holding the
// separator (never typed in practice) falls back to exactly that.
import type { CodeIndex } from './columns';
import type { StringDictionary } from './dictionary';
import { forEachHit, joinedOf, SEPARATOR } from './joinedValues';
import { emptyRowSet, type RowSet } from './rowSet';
import { MIN_WORD_INDEX_VALUES, WORD, wordsOf, type WordIndex } from './wordIndex';

/** Codes whose lower-cased value contains the (already lower-cased) needle, ascending, with a flag per code. */
export function valuesContaining(dict: StringDictionary, needle: string): { table: Uint8Array; codes: number[] } {
  if (needle.includes(SEPARATOR)) return dict.matching((lower) => lower.includes(needle));
  const words = WORD.test(needle) ? wordsOf(dict) : undefined;
  if (words) return throughWords(words, dict.size, needle);
  const { text, starts, size } = joinedOf(dict);
  const table = new Uint8Array(size);
  const codes: number[] = [];
  forEachHit(text, starts, size, needle, (code) => {
    table[code] = 1;
    codes.push(code);
  });
  return { table, codes };
}

function throughWords(words: WordIndex, size: number, needle: string): { table: Uint8Array; codes: number[] } {
  const table = new Uint8Array(size);
  let count = 0;
  forEachHit(words.text, words.starts, words.starts.length, needle, (word) => {
    const end = words.offsets[word + 1] as number;
    for (let i = words.offsets[word] as number; i < end; i++) {
      const code = words.codes[i] as number;
      if (table[code] === 0) {
        table[code] = 1;
        count++;
      }
    }
  });
  const codes: number[] = new Array(count);
  for (let code = 0, at = 0; at < count; code++) if (table[code] === 1) codes[at++] = code;
  return { table, codes };
}

/**
 * Rows (of a table whose column holds codes of dict, rows by code in `index`) whose value contains the needle, as a
 * bitmap; undefined when the needle does not go through the word index (the caller then matches codes). Rows come
 * straight from the words that contain the needle, so the values are never deduplicated or listed: a value holding
 * two such words sets its rows twice. A word found on many rows (at least 1/32 of them, "prod" in half the names)
 * keeps its rows as a bitmap of its own once asked for, so the next search ORs it instead of walking its values.
 */
export function rowsContaining(dict: StringDictionary, index: CodeIndex, rowCount: number, needle: string): RowSet | undefined {
  if (!WORD.test(needle)) return undefined;
  const words = wordsOf(dict);
  if (!words) return undefined;
  let kept = wordRowsCache.get(index);
  if (!kept || kept.words !== words || kept.rowCount !== rowCount) {
    wordRowsCache.set(index, (kept = { words, rowCount, slots: new Int8Array(words.starts.length).fill(-1), maps: [] }));
  }
  const set = emptyRowSet(rowCount);
  const { offsets, rows } = index;
  const codeLimit = offsets.length - 1;
  const bigWord = Math.max(1024, rowCount >>> 5);
  const { maps, slots } = kept;
  forEachHit(words.text, words.starts, words.starts.length, needle, (word) => {
    const slot = slots[word] as number;
    if (slot >= 0) {
      const own = maps[slot] as RowSet;
      for (let w = 0; w < set.length; w++) set[w] = (set[w] as number) | (own[w] as number);
      return;
    }
    const from = words.offsets[word] as number;
    const end = words.offsets[word + 1] as number;
    let wordRows = 0;
    for (let i = from; i < end; i++) {
      const code = words.codes[i] as number;
      if (code < codeLimit) wordRows += (offsets[code + 1] as number) - (offsets[code] as number);
    }
    const target = wordRows >= bigWord && maps.length < MAX_WORD_BITMAPS ? emptyRowSet(rowCount) : set;
    for (let i = from; i < end; i++) {
      const code = words.codes[i] as number;
      if (code >= codeLimit) continue;
      const last = offsets[code + 1] as number;
      for (let at = offsets[code] as number; at < last; at++) {
        const row = rows[at] as number;
        target[row >>> 5] = (target[row >>> 5] as number) | (1 << (row & 31));
      }
    }
    if (target !== set) {
      slots[word] = maps.length;
      maps.push(target);
      for (let w = 0; w < set.length; w++) set[w] = (set[w] as number) | (target[w] as number);
    }
  });
  return set;
}

/** At most this many words keep a row bitmap per index (each rowCount / 8 bytes: 125 KB at 1M rows). */
const MAX_WORD_BITMAPS = 64;
/** Per index: the slot in maps of each word's row bitmap (-1: none kept). */
const wordRowsCache = new WeakMap<CodeIndex, { words: WordIndex; rowCount: number; slots: Int8Array; maps: RowSet[] }>();

/**
 * Builds the joined text of a dictionary ahead of its first search, and its word index soon after, off the load's
 * critical path (at 1M rows it costs about half a second: mostly hashing the words of GUID-like names). A search
 * that comes first builds the word index itself.
 */
export function warmTextSearch(dict: StringDictionary): void {
  joinedOf(dict);
  if (dict.size >= MIN_WORD_INDEX_VALUES) setImmediate(() => wordsOf(dict)).unref();
}

/** Bytes the joined text and offsets take (a one-byte string when every value is Latin-1, else two bytes a char). */
export function textSearchBytes(dict: StringDictionary): number {
  const { text, starts } = joinedOf(dict);
  const words = wordsOf(dict);
  // eslint-disable-next-line no-control-regex
  const wide = /[^\u0000-\u00ff]/.test(text);
  const wordBytes = words ? words.text.length + words.starts.byteLength + words.offsets.byteLength + words.codes.byteLength : 0;
  return text.length * (wide ? 2 : 1) + starts.byteLength + wordBytes;
}
