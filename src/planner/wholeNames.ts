// Whole names typed in full: tag key-value pairs, exact names, the last part of a type, short forms of tag values.
import type { VocabularyField } from '../posture/engine';
import type { NameIndex } from './nameIndex';
import { claim, endsWord, fieldOrder, free, hasJoinedWord, isDistinctive, MAX_SPAN, MAX_VALUES, severalWords, startsWord, texts, type CueLookup, type NameMatch } from './nameSpans';
import type { Token } from './normalize';
import type { BoundVocabulary } from './vocabularyPort';

/** "environment production", "env=prod", "criticality high": a tag key directly followed by one of its values. */
export function matchTagPairs(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary): NameMatch[] {
  const keys = vocab.index('tagKey');
  const values = vocab.index('tagValue');
  if (keys.names.length === 0 || values.names.length === 0) return [];
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!startsWord(tokens, i)) continue;
    pairs: for (let keyLen = Math.min(3, keys.longest); keyLen >= 1; keyLen -= 1) {
      const key = exactIn(keys, tokens, i, i + keyLen);
      if (!key || !free(claimed, i, i + keyLen)) continue;
      let v = i + keyLen;
      if (tokens[v]?.text === 'is' || tokens[v]?.text === 'equals') v += 1;
      for (let valueLen = Math.min(4, values.longest); valueLen >= 1; valueLen -= 1) {
        if (!endsWord(tokens, v + valueLen) || !free(claimed, v, v + valueLen)) continue;
        const value = exactIn(values, tokens, v, v + valueLen);
        if (!value) continue;
        out.push(claim(claimed, { start: i, end: v + valueLen, field: 'tagValue', values: [value], text: value, exact: true, tagKey: key }));
        break pairs;
      }
    }
  }
  return out;
}

/** The name whose tokens are the texts of tokens start..end (those there are), read in place: no text array per span. */
function exactIn(index: NameIndex, tokens: readonly Token[], start: number, end: number): string | undefined {
  const length = Math.max(0, Math.min(end, tokens.length) - start);
  const pool = index.byToken.get(length > 0 ? (tokens[start] as Token).text : '') ?? [];
  for (const at of pool) {
    const name = index.names[at];
    if (!name || name.tokens.length !== length) continue;
    let same = true;
    for (let j = 0; j < length && same; j += 1) same = name.tokens[j] === (tokens[start + j] as Token).text;
    if (same) return name.value;
  }
  return undefined;
}

function allExact(index: NameIndex, needle: readonly string[]): string[] {
  const pool = index.byToken.get(needle[0] ?? '') ?? [];
  const out: string[] = [];
  for (const at of pool) {
    const name = index.names[at];
    if (name && name.tokens.length === needle.length && name.tokens.every((t, j) => t === needle[j])) out.push(name.value);
  }
  return out;
}

/** Whole names typed in full ("vm-web-01", "sub zeta finance"), longest first, on whole words only. */
/** `only`: spans this early pass may take (before concepts); later passes take any span. */
export function matchExactNames(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary, cueAt: CueLookup, only?: (start: number, end: number) => boolean): NameMatch[] {
  const out: NameMatch[] = [];
  // Only a span as long as some name that starts with its first word can be that name (allExact): the others are
  // skipped before any further test.
  // One table for every name field (nameIndex.ts NameWords): the token counts of the names each word starts.
  const words = vocab.nameWords().byToken;
  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i] || !startsWord(tokens, i)) continue;
    const lengths = words.get(tokens[i]?.text ?? '');
    if (lengths === undefined || lengths.size === 0) continue;
    for (let end = Math.min(tokens.length, i + MAX_SPAN); end > i; end -= 1) {
      if (!lengths.has(end - i)) continue;
      if (!endsWord(tokens, end) || !free(claimed, i, end)) continue;
      const span = tokens.slice(i, end);
      if (!span.some(isDistinctive) && !hasJoinedWord(tokens, i, end)) continue;
      if (only && !only(i, end)) continue;
      const match = firstExact(span, fieldOrder(cueAt(i, end)), vocab);
      if (!match) continue;
      out.push(claim(claimed, { start: i, end, ...match, exact: true }));
      i = end - 1;
      break;
    }
  }
  return out;
}

function firstExact(span: readonly Token[], fields: readonly VocabularyField[], vocab: BoundVocabulary) {
  const needle = texts(span, 0, span.length);
  for (const field of fields) {
    if (field === 'tagKey') continue;
    const values = allExact(vocab.index(field), needle).slice(0, MAX_VALUES);
    if (values.length > 0) return { field, values, text: values[0] ?? '' };
  }
  return undefined;
}


/**
 * A short form of a one-word tag value ("prod" for "production"): when exactly one value starts with the word, the
 * word means that classification rather than every name that happens to contain it.
 */
export function matchValuePrefixes(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary, cueAt: CueLookup): NameMatch[] {
  const index = vocab.index('tagValue');
  const out: NameMatch[] = [];
  tokens.forEach((token, i) => {
    if (claimed[i] || !startsWord(tokens, i) || !endsWord(tokens, i + 1) || !isDistinctive(token) || token.text.length < 3 || /\d/.test(token.text)) return;
    const values = new Set<string>();
    for (const name of index.names) {
      if (name.tokens.length === 1 && (name.tokens[0] ?? '').length > token.text.length && name.tokens[0]?.startsWith(token.text)) values.add(name.tokens[0] ?? '');
    }
    const cue = cueAt(i, i + 1);
    if (values.size !== 1 || (cue && !cue.includes('tagValue'))) return;
    const value = index.names.find((n) => n.tokens.length === 1 && values.has(n.tokens[0] ?? ''))?.value ?? '';
    out.push(claim(claimed, { start: i, end: i + 1, field: 'tagValue', values: [value], text: value, exact: false }));
  });
  return out;
}


/** A word that is the last part of one of the tenant's resource types ("ec2instances", "namespaces", "redshiftcluster"). */
export function matchTypeSegments(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary): NameMatch[] {
  const types = vocab.values('resourceType');
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i] || !startsWord(tokens, i)) continue;
    let end = i + 1;
    while (end < tokens.length && tokens[end]?.word === tokens[i]?.word) end += 1;
    if (!free(claimed, i, end)) continue;
    const typed = joinedTexts(tokens, i, end);
    if (typed.length < 5) continue;
    const values = typesBySegment(types).bySegment.get(withoutPlural(typed)) ?? [];
    if (values.length === 0) continue;
    out.push(claim(claimed, { start: i, end, field: 'resourceType', values: values.slice(0, MAX_VALUES), text: values[0] ?? '', exact: true }));
    i = end - 1;
  }
  return out;
}


const withoutPlural = (word: string) => (word.endsWith('s') ? word.slice(0, -1) : word);

// The span tests of matchTypePhrases, as loops: it tries up to five spans per token, and a closure, a token slice and
// a text array per span were most of what planning a message allocated.

/** A concept crosses the span's start or end, or is exactly the span. */
function cutsConcept(concepts: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): boolean {
  for (const c of concepts) if ((c.start < start && c.end > start) || (c.start < end && c.end > end) || (c.start === start && c.end === end)) return true;
  return false;
}

/** A token of the span is claimed by something other than a concept. */
function claimedOutsideConcepts(claimed: readonly boolean[], concepts: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): boolean {
  for (let k = start; k < end; k += 1) {
    if (!claimed[k]) continue;
    let inConcept = false;
    for (const c of concepts) if (c.start <= k && k < c.end) inConcept = true;
    if (!inConcept) return true;
  }
  return false;
}

/** texts(tokens, start, end).join(''), without the array. */
function joinedTexts(tokens: readonly Token[], start: number, end: number): string {
  let out = '';
  for (let k = start; k < end && k < tokens.length; k += 1) out += (tokens[k] as Token).text;
  return out;
}

/** The tenant's types by the last part of their name (see typesBySegment), and the lengths of those parts. */
interface TypeSegments {
  bySegment: ReadonlyMap<string, readonly string[]>;
  /** Every key's length: a span whose letters cannot add up to one is not looked up (no string built for it). */
  lengths: ReadonlySet<number>;
}

/**
 * The types by the last part of their name, letters and digits only and without a plural "s" (so "namespaces" and
 * "namespace" find the same types), in the vocabulary's order; once per vocabulary (the engine hands out the same array).
 */
const segmentsOf = new WeakMap<readonly string[], TypeSegments>();
function typesBySegment(types: readonly string[]): TypeSegments {
  let segments = segmentsOf.get(types);
  if (!segments) {
    const map = new Map<string, string[]>();
    for (const type of types) {
      const segment = withoutPlural((type.split('/').pop() ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
      const list = map.get(segment);
      if (list) list.push(type);
      else map.set(segment, [type]);
    }
    segments = { bySegment: map, lengths: new Set([...map.keys()].map((key) => key.length)) };
    segmentsOf.set(types, segments);
  }
  return segments;
}

/** The length of texts(tokens, start, end).join(''). */
function joinedLength(tokens: readonly Token[], start: number, end: number): number {
  let length = 0;
  for (let k = start; k < end && k < tokens.length; k += 1) length += (tokens[k] as Token).text.length;
  return length;
}

/**
 * Several words that spell the last part of one of the tenant's types ("rds db instances", "sqs queues"): the
 * tenant's own type wins over the concept words inside it, unless one everyday phrase covers exactly those words.
 */
export function matchTypePhrases(
  tokens: readonly Token[],
  claimed: boolean[],
  concepts: ReadonlyArray<{ start: number; end: number }>,
  vocab: BoundVocabulary,
): NameMatch[] {
  const { bySegment, lengths } = typesBySegment(vocab.values('resourceType'));
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!startsWord(tokens, i)) continue;
    for (let end = Math.min(tokens.length, i + 6); end > i + 1; end -= 1) {
      if (!endsWord(tokens, end) || !severalWords(tokens, i, end)) continue;
      if (cutsConcept(concepts, i, end) || claimedOutsideConcepts(claimed, concepts, i, end)) continue;
      // The key is the joined text, or that less a plural "s": no key of either length, no lookup.
      const length = joinedLength(tokens, i, end);
      if (!lengths.has(length) && !lengths.has(length - 1)) continue;
      const values = bySegment.get(withoutPlural(joinedTexts(tokens, i, end))) ?? [];
      if (values.length === 0) continue;
      out.push(claim(claimed, { start: i, end, field: 'resourceType', values: values.slice(0, MAX_VALUES), text: values[0] ?? '', exact: true }));
      i = end - 1;
      break;
    }
  }
  return out;
}
