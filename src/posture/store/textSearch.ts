// "Contains" search over a dictionary's distinct values (resource names, recommendation names) without testing
// each value: the lower-cased values are joined into one string, separated by NUL, and searched with indexOf, which
// skips ahead natively; each hit is mapped to its value by a galloping search over the values' start offsets, and
// the search resumes at the next value. Large dictionaries also keep their distinct words (see below), searched the
// same way, for needles made of letters and digits only. Same answers as `lower.includes(needle)` per value: a needle holding the
// separator (never typed in practice) falls back to exactly that.
import type { CodeIndex } from './columns';
import type { StringDictionary } from './dictionary';
import { emptyRowSet, type RowSet } from './rowSet';

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

/** Calls hit(code) once for each value (by its start offset in text) that contains the needle, ascending. */
function forEachHit(text: string, starts: Uint32Array, size: number, needle: string, hit: (code: number) => void): void {
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

// Words: maximal runs of [a-z0-9] in the lower-cased values. A needle made only of those characters can only occur
// inside one word, so the values containing it are exactly the values of the words containing it. Names repeat
// words ("prod", "vm", "billing"), so there are far fewer distinct words than values, and a needle found in half of
// the names is found in a handful of words.
const WORD = /^[a-z0-9]+$/;
/** Word indexes are kept only for dictionaries at least this large (a small one is scanned as fast). */
const MIN_WORD_INDEX_VALUES = 4096;

interface WordIndex {
  size: number;
  /** The joined values it was built from (see joinedOf). */
  source: string;
  /** The distinct words joined by NUL, and where each starts. */
  text: string;
  starts: Uint32Array;
  /** Value codes of word w: codes[offsets[w] .. offsets[w + 1]), each value once per word. */
  offsets: Uint32Array;
  codes: Uint32Array;
}

const wordCache = new WeakMap<StringDictionary, WordIndex>();
/**
 * The last word indexes built: a refresh loads the same names again into a new dictionary, in the same order, and
 * takes the index over when the joined values are equal (one string comparison instead of a rebuild).
 */
const recentWords: WordIndex[] = [];
const RECENT_WORD_INDEXES = 2;

function wordsOf(dict: StringDictionary): WordIndex | undefined {
  if (dict.size < MIN_WORD_INDEX_VALUES) return undefined;
  const hit = wordCache.get(dict);
  if (hit && hit.size === dict.size) return hit;
  const joined = joinedOf(dict);
  const same = recentWords.find((index) => index.size === dict.size && index.source === joined.text);
  if (same) {
    wordCache.set(dict, same);
    return same;
  }
  const index = buildWordIndex(joined);
  wordCache.set(dict, index);
  recentWords.unshift(index);
  recentWords.length = Math.min(recentWords.length, RECENT_WORD_INDEXES);
  return index;
}

/**
 * Reads the words straight from the joined values, each value between its start offsets: a word already seen is
 * found in an open-addressing table by a hash of its characters and compared in place, so only distinct words are
 * ever cut out as strings (most words repeat: "prod", "vm", team names).
 */
function buildWordIndex(joined: JoinedValues): WordIndex {
  const { text: source, starts: valueStarts, size } = joined;
  let wordCount = 0;
  let wordStart = new Uint32Array(1024);
  let wordLength = new Uint32Array(1024);
  let wordHash = new Int32Array(1024);
  // The last value each word was paired with: a word repeated within one value is paired once.
  let lastCode = new Int32Array(1024).fill(-1);
  let slots = new Int32Array(4096).fill(-1);
  let pairWord = new Uint32Array(4096);
  let pairCode = new Uint32Array(4096);
  let pairCount = 0;
  const grow = <A extends Uint32Array | Int32Array>(array: A, fill?: number): A => {
    const grown = new (array.constructor as new (length: number) => A)(array.length * 2);
    if (fill !== undefined) grown.fill(fill);
    grown.set(array);
    return grown;
  };
  const rehash = () => {
    slots = new Int32Array(slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < wordCount; id++) {
      let slot = (wordHash[id] as number) & mask;
      while ((slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
  };
  const idOf = (start: number, length: number, hash: number): number => {
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const id = slots[slot] as number;
      if (id < 0) break;
      if (wordHash[id] === hash && wordLength[id] === length) {
        const other = wordStart[id] as number;
        let i = 0;
        while (i < length && source.charCodeAt(start + i) === source.charCodeAt(other + i)) i++;
        if (i === length) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = wordCount++;
    if (id >= wordStart.length) {
      wordStart = grow(wordStart);
      wordLength = grow(wordLength);
      wordHash = grow(wordHash);
      lastCode = grow(lastCode, -1);
    }
    wordStart[id] = start;
    wordLength[id] = length;
    wordHash[id] = hash;
    slots[slot] = id;
    if (wordCount * 2 > slots.length) rehash();
    return id;
  };
  for (let code = 0; code < size; code++) {
    const from = valueStarts[code] as number;
    // A value ends before the separator that starts the next one (a NUL inside a value is not a word character).
    const end = code + 1 < size ? (valueStarts[code + 1] as number) - 1 : source.length;
    let start = -1;
    let hash = 0;
    for (let i = from; i <= end; i++) {
      const ch = i < end ? source.charCodeAt(i) : 0;
      if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5 | 0;
        }
        hash = Math.imul(hash ^ ch, 16777619);
        continue;
      }
      if (start < 0) continue;
      const id = idOf(start, i - start, hash);
      start = -1;
      if (lastCode[id] === code) continue;
      lastCode[id] = code;
      if (pairCount === pairWord.length) {
        pairWord = grow(pairWord);
        pairCode = grow(pairCode);
      }
      pairWord[pairCount] = id;
      pairCode[pairCount++] = code;
    }
  }
  const words: string[] = new Array(wordCount);
  for (let id = 0; id < wordCount; id++) words[id] = source.slice(wordStart[id] as number, (wordStart[id] as number) + (wordLength[id] as number));
  const offsets = new Uint32Array(wordCount + 1);
  for (let i = 0; i < pairCount; i++) offsets[(pairWord[i] as number) + 1] = (offsets[(pairWord[i] as number) + 1] as number) + 1;
  for (let id = 0; id < wordCount; id++) offsets[id + 1] = (offsets[id + 1] as number) + (offsets[id] as number);
  const cursor = offsets.slice(0, wordCount);
  const codes = new Uint32Array(pairCount);
  for (let i = 0; i < pairCount; i++) {
    const id = pairWord[i] as number;
    codes[cursor[id] as number] = pairCode[i] as number;
    cursor[id] = (cursor[id] as number) + 1;
  }
  const starts = new Uint32Array(words.length);
  let at = 0;
  for (let id = 0; id < words.length; id++) {
    starts[id] = at;
    at += (words[id] as string).length + 1;
  }
  return { size, source, text: words.join(SEPARATOR), starts, offsets, codes };
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
