// The distinct words of a large dictionary's values and the values holding each (see below), built from the joined
// values and taken over by a dictionary with the same values.
import type { StringDictionary } from './dictionary';
import { joinedOf, SEPARATOR, type JoinedValues } from './joinedValues';

// Words: maximal runs of [a-z0-9] in the lower-cased values. A needle made only of those characters can only occur
// inside one word, so the values containing it are exactly the values of the words containing it. Names repeat
// words ("prod", "vm", "billing"), so there are far fewer distinct words than values, and a needle found in half of
// the names is found in a handful of words.
export const WORD = /^[a-z0-9]+$/;
/** Word indexes are kept only for dictionaries at least this large (a small one is scanned as fast). */
export const MIN_WORD_INDEX_VALUES = 4096;

export interface WordIndex {
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

export function wordsOf(dict: StringDictionary): WordIndex | undefined {
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

