// Recognises the tenant's own names (subscriptions, resource groups, resources, owners, tags, recommendations) in
// the user's words. Names come only from the vocabulary: nothing here knows any tenant.
import type { VocabularyField } from '../posture/engine';
import { STOP_WORDS } from './lexicon/stopWords';
import { findRun, indexNames, tokenSubstring } from './nameIndex';
import type { Token } from './normalize';
import { allowedEdits, editDistance } from './spelling';
import type { BoundVocabulary } from './vocabularyPort';

export interface NameMatch {
  start: number;
  end: number;
  field: VocabularyField;
  /** Full values from the data. */
  values: string[];
  /** The matched part as the data spells it, for "contains" filters. */
  text: string;
  exact: boolean;
  tagKey?: string;
  /** The words fit every value of the field ("alderbrook" in a tenant whose subscriptions all start so): no filter. */
  everything?: boolean;
}

export const NAME_FIELDS: readonly VocabularyField[] = ['subscription', 'resourceGroup', 'resourceName', 'owner', 'tagValue', 'recommendation', 'resourceType'];
const MAX_VALUES = 25;
const MAX_SPAN = 8;

/** Which fields a name at token `i` may belong to, when a cue word ("owned by", "subscription") precedes it. */
export type CueLookup = (start: number, end: number) => readonly VocabularyField[] | undefined;

/** A word that can carry a name on its own: not filler, and not a short bare number ("3" is a position). */
export function isDistinctive(token: Token | undefined): boolean {
  if (!token || STOP_WORDS.has(token.text)) return false;
  if (/^\d+$/.test(token.text)) return token.text.length >= 6 || token.rawWord !== token.text;
  return token.text.length >= 3 || /\d/.test(token.text);
}

const startsWord = (tokens: readonly Token[], i: number) => i === 0 || tokens[i - 1]?.word !== tokens[i]?.word;
const endsWord = (tokens: readonly Token[], end: number) => end >= tokens.length || tokens[end]?.word !== tokens[end - 1]?.word;
/** True when the span holds a word typed with joiners (vm-web-01, a.b@c.com): a strong sign of a name. */
const hasJoinedWord = (tokens: readonly Token[], start: number, end: number) =>
  tokens.slice(start, end).some((t, j) => tokens[start + j + 1]?.word === t.word || tokens[start + j - 1]?.word === t.word);
const free = (claimed: readonly boolean[], start: number, end: number) => claimed.slice(start, end).every((c) => !c);
const texts = (tokens: readonly Token[], start: number, end: number) => tokens.slice(start, end).map((t) => t.text);

/** With a cue, only the cued fields (exact and partial matches), or the cued fields first (misspellings). */
function fieldOrder(cue: readonly VocabularyField[] | undefined, onlyCued = true): readonly VocabularyField[] {
  if (!cue) return NAME_FIELDS;
  return onlyCued ? cue : [...cue, ...NAME_FIELDS.filter((f) => !cue.includes(f))];
}

function claim(claimed: boolean[], m: NameMatch): NameMatch {
  for (let j = m.start; j < m.end; j += 1) claimed[j] = true;
  return m;
}

/** "environment production", "env=prod", "criticality high": a tag key directly followed by one of its values. */
export function matchTagPairs(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary): NameMatch[] {
  const keys = indexNames(vocab.values('tagKey'));
  const values = indexNames(vocab.values('tagValue'));
  if (keys.names.length === 0 || values.names.length === 0) return [];
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!startsWord(tokens, i)) continue;
    pairs: for (let keyLen = Math.min(3, keys.longest); keyLen >= 1; keyLen -= 1) {
      const key = exactIn(keys, texts(tokens, i, i + keyLen));
      if (!key || !free(claimed, i, i + keyLen)) continue;
      let v = i + keyLen;
      if (tokens[v]?.text === 'is' || tokens[v]?.text === 'equals') v += 1;
      for (let valueLen = Math.min(4, values.longest); valueLen >= 1; valueLen -= 1) {
        if (!endsWord(tokens, v + valueLen) || !free(claimed, v, v + valueLen)) continue;
        const value = exactIn(values, texts(tokens, v, v + valueLen));
        if (!value) continue;
        out.push(claim(claimed, { start: i, end: v + valueLen, field: 'tagValue', values: [value], text: value, exact: true, tagKey: key }));
        break pairs;
      }
    }
  }
  return out;
}

function exactIn(index: ReturnType<typeof indexNames>, needle: readonly string[]): string | undefined {
  const pool = index.byToken.get(needle[0] ?? '') ?? [];
  for (const at of pool) {
    const name = index.names[at];
    if (name && name.tokens.length === needle.length && name.tokens.every((t, j) => t === needle[j])) return name.value;
  }
  return undefined;
}

function allExact(index: ReturnType<typeof indexNames>, needle: readonly string[]): string[] {
  const pool = index.byToken.get(needle[0] ?? '') ?? [];
  const out: string[] = [];
  for (const at of pool) {
    const name = index.names[at];
    if (name && name.tokens.length === needle.length && name.tokens.every((t, j) => t === needle[j])) out.push(name.value);
  }
  return out;
}

/** Whole names typed in full ("vm-web-01", "sub zeta finance"), longest first, on whole words only. */
export function matchExactNames(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary, cueAt: CueLookup, joinedOnly = false): NameMatch[] {
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i] || !startsWord(tokens, i)) continue;
    for (let end = Math.min(tokens.length, i + MAX_SPAN); end > i; end -= 1) {
      if (!endsWord(tokens, end) || !free(claimed, i, end)) continue;
      const span = tokens.slice(i, end);
      if (!span.some(isDistinctive) && !hasJoinedWord(tokens, i, end)) continue;
      if (joinedOnly && !hasJoinedWord(tokens, i, end)) continue;
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
  const needle = span.map((t) => t.text);
  for (const field of fields) {
    if (field === 'tagKey') continue;
    const values = allExact(indexNames(vocab.values(field)), needle).slice(0, MAX_VALUES);
    if (values.length > 0) return { field, values, text: values[0] ?? '' };
  }
  return undefined;
}

/**
 * A short form of a one-word tag value ("prod" for "production"): when exactly one value starts with the word, the
 * word means that classification rather than every name that happens to contain it.
 */
export function matchValuePrefixes(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary, cueAt: CueLookup): NameMatch[] {
  const index = indexNames(vocab.values('tagValue'));
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

/** Part of a name ("zeta finance" in "sub-zeta-finance", "prod" in "production"): exact tokens before prefixes. */
export function matchPartialNames(tokens: readonly Token[], claimed: boolean[], vocab: BoundVocabulary, cueAt: CueLookup): NameMatch[] {
  const out: NameMatch[] = [];
  for (const prefix of [false, true]) {
    for (let i = 0; i < tokens.length; i += 1) {
      if (claimed[i] || !startsWord(tokens, i) || !(isDistinctive(tokens[i]) || hasJoinedWord(tokens, i, i + 1))) continue;
      // A prefix ("prod" for "production") is only tried on one word, and only on words of four letters or more.
      const longestEnd = prefix ? ((tokens[i]?.text.length ?? 0) >= 4 && endsWord(tokens, i + 1) ? i + 1 : i) : Math.min(tokens.length, i + MAX_SPAN);
      for (let end = longestEnd; end > i; end -= 1) {
        if (!free(claimed, i, end) || !endsWord(tokens, end)) continue;
        if (!isDistinctive(tokens[end - 1]) && !hasJoinedWord(tokens, end - 1, end)) continue;
        const match = firstPartial(texts(tokens, i, end), fieldOrder(cueAt(i, end)), vocab, prefix);
        if (!match) continue;
        out.push(claim(claimed, { start: i, end, ...match, exact: false }));
        i = end - 1;
        break;
      }
    }
  }
  return out;
}

function firstPartial(needle: readonly string[], fields: readonly VocabularyField[], vocab: BoundVocabulary, prefix: boolean) {
  for (const field of fields) {
    if (field === 'tagKey' || field === 'resourceType') continue;
    const index = indexNames(vocab.values(field));
    const values: string[] = [];
    let text = '';
    const pool = prefix ? prefixPool(index, needle[0] ?? '') : index.byToken.get(needle[0] ?? '') ?? [];
    for (const at of pool) {
      const name = index.names[at];
      if (!name) continue;
      const pos = findRun(name.tokens, needle, prefix);
      if (pos < 0) continue;
      if (values.length === 0) text = prefix ? needle.join(' ') : tokenSubstring(name.value, pos, needle.length);
      values.push(name.value);
      if (values.length >= MAX_VALUES) break;
    }
    if (values.length > 0) return { field, values, text, ...(values.length > 1 && values.length === index.names.length ? { everything: true } : {}) };
  }
  return undefined;
}

function prefixPool(index: ReturnType<typeof indexNames>, start: string): number[] {
  const pool = new Set<number>();
  for (const [token, ats] of index.byToken) {
    if (token.length > start.length && token.startsWith(start)) for (const at of ats) pool.add(at);
  }
  return [...pool].sort((a, b) => a - b);
}

/**
 * Misspelt names ("vm-bilng-prod-01", "alderbrok production"): one or two typed words compared with runs of a
 * name's words, within the typo allowance. Recommendation texts are left out: they are found by their words.
 */
export function matchFuzzyNames(
  tokens: readonly Token[],
  claimed: boolean[],
  vocab: BoundVocabulary,
  cueAt: CueLookup,
  /** Only runs of two words where one is unknown to the tenant (a typo), tried before single-word matches. */
  pairsWithUnknown?: (token: Token) => boolean,
): NameMatch[] {
  const out: NameMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i] || !startsWord(tokens, i) || !(isDistinctive(tokens[i]) || hasJoinedWord(tokens, i, i + 1))) continue;
    let end = i;
    let words = 0;
    while (end < tokens.length && !claimed[end] && (isDistinctive(tokens[end]) || hasJoinedWord(tokens, end, end + 1))) {
      if (startsWord(tokens, end)) words += 1;
      if (words > 2) break;
      end += 1;
    }
    for (let stop = end; stop > i; stop -= 1) {
      if (!endsWord(tokens, stop)) continue;
      if (pairsWithUnknown && (new Set(tokens.slice(i, stop).map((t) => t.word)).size < 2 || !tokens.slice(i, stop).some(pairsWithUnknown))) continue;
      const typed = texts(tokens, i, stop).join('');
      const lastWord = tokens.slice(i, stop).filter((t) => t.word === tokens[stop - 1]?.word).map((t) => t.text).join('');
      const typedWords = new Set(tokens.slice(i, stop).map((t) => t.word)).size;
      const match = firstFuzzy(typed, typedWords > 1 && lastWord.length >= 3, fieldOrder(cueAt(i, stop), false), vocab);
      if (!match) continue;
      out.push(claim(claimed, { start: i, end: stop, ...match, exact: false }));
      i = stop - 1;
      break;
    }
  }
  return out;
}

/**
 * `lastIsPrefix`: the last typed word may be the start of the name's last word ("alderbrok prod" for
 * "Alderbrook Production"); such a match ranks after a full one. Every name tied for best is returned.
 */
function firstFuzzy(compact: string, lastIsPrefix: boolean, fields: readonly VocabularyField[], vocab: BoundVocabulary) {
  const edits = allowedEdits(compact.length);
  if (edits === 0) return undefined;
  for (const field of fields) {
    if (field === 'tagKey' || field === 'resourceType' || field === 'recommendation') continue;
    const index = indexNames(vocab.values(field));
    type Hit = { at: number; from: number; to: number; cost: number };
    let best: Hit[] = [];
    const consider = (hit: Hit) => {
      const top = best[0];
      const better = !top || hit.cost < top.cost || (hit.cost === top.cost && hit.to - hit.from > top.to - top.from);
      if (better) best = [hit];
      else if (hit.cost === top.cost && hit.to - hit.from === top.to - top.from && !best.some((b) => b.at === hit.at)) best.push(hit);
    };
    for (const [at, from] of index.byInitial.get(compact[0] ?? '') ?? []) {
      const name = index.names[at];
      if (!name) continue;
      let window = '';
      for (let to = from + 1; to <= name.tokens.length; to += 1) {
        window += name.tokens[to - 1] ?? '';
        if (compact.length - window.length > edits) continue;
        if (window.length - compact.length <= edits) {
          const distance = editDistance(window, compact, edits);
          if (distance <= edits) consider({ at, from, to, cost: distance });
        }
        if (lastIsPrefix && window.length > compact.length) {
          const distance = editDistance(window.slice(0, compact.length), compact, edits);
          if (distance <= edits) consider({ at, from, to, cost: distance + 0.5 });
        }
        if (window.length - compact.length > edits && !lastIsPrefix) break;
        if (window.length > compact.length + edits + 40) break;
      }
    }
    const first = best[0];
    const name = first && index.names[first.at];
    if (first && name) {
      const whole = first.from === 0 && first.to === name.tokens.length;
      const values = best.map((b) => index.names[b.at]?.value ?? '').filter(Boolean).slice(0, MAX_VALUES);
      const everything = values.length > 1 && values.length === index.names.length;
      return { field, values, text: whole ? name.value : tokenSubstring(name.value, first.from, first.to - first.from), ...(everything ? { everything } : {}) };
    }
  }
  return undefined;
}

/**
 * After "recommendations about" or "named": the longest run of following words that is part of a name in the cued
 * fields, even when those words are concepts ("recommendations mentioning disk encryption").
 */
export function matchCuedNames(
  tokens: readonly Token[],
  claimed: readonly boolean[],
  from: number,
  concepts: ReadonlyArray<{ start: number; end: number }>,
  fields: readonly VocabularyField[],
  vocab: BoundVocabulary,
  backwards = false,
): NameMatch | undefined {
  if (backwards) return matchCuedNamesBefore(tokens, claimed, from, concepts, fields, vocab);
  let start = from;
  while (start < tokens.length && STOP_WORDS.has(tokens[start]?.text ?? '') && !claimed[start]) start += 1;
  // Concept tokens may be re-read as a name; tokens already taken by a name may not.
  const conceptTaken = (j: number) => concepts.some((c) => c.start <= j && j < c.end);
  let limit = start;
  while (limit < tokens.length && limit - start < MAX_SPAN && (!claimed[limit] || conceptTaken(limit))) limit += 1;
  for (let end = limit; end > start; end -= 1) {
    if (!endsWord(tokens, end) || concepts.some((c) => c.start < end && c.end > end)) continue;
    if (!isDistinctive(tokens[end - 1])) continue;
    const match = firstPartial(texts(tokens, start, end), fields, vocab, false);
    if (match) return { start, end, ...match, exact: false };
  }
  return undefined;
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
    const typed = texts(tokens, i, end).join('');
    if (typed.length < 5) continue;
    const singular = typed.replace(/s$/, '');
    const values = types.filter((type) => {
      const segment = (type.split('/').pop() ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
      return segment === typed || segment.replace(/s$/, '') === singular;
    });
    if (values.length === 0) continue;
    out.push(claim(claimed, { start: i, end, field: 'resourceType', values: values.slice(0, MAX_VALUES), text: values[0] ?? '', exact: true }));
    i = end - 1;
  }
  return out;
}

/** The words just before a cue ("the data rg", "the staging subscription"), longest first. */
function matchCuedNamesBefore(
  tokens: readonly Token[],
  claimed: readonly boolean[],
  cueStart: number,
  concepts: ReadonlyArray<{ start: number; end: number }>,
  fields: readonly VocabularyField[],
  vocab: BoundVocabulary,
): NameMatch | undefined {
  let end = cueStart;
  while (end > 0 && STOP_WORDS.has(tokens[end - 1]?.text ?? '') && !claimed[end - 1]) end -= 1;
  const conceptTaken = (j: number) => concepts.some((c) => c.start <= j && j < c.end);
  let limit = end;
  while (limit > 0 && end - limit < MAX_SPAN && (!claimed[limit - 1] || conceptTaken(limit - 1))) limit -= 1;
  for (let start = limit; start < end; start += 1) {
    if (!startsWord(tokens, start) || concepts.some((c) => c.start < start && c.end > start)) continue;
    if (!isDistinctive(tokens[start])) continue;
    const match = firstPartial(texts(tokens, start, end), fields, vocab, false);
    if (match) return { start, end, ...match, exact: false };
  }
  return undefined;
}
