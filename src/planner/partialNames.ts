// Parts of names: words that occur inside a name ("zeta finance" in "sub-zeta-finance"), also right beside a cue
// word even when they are concept words ("recommendations about disk encryption", "the data rg").
import type { VocabularyField } from '../posture/engine';
import { STOP_WORDS } from './lexicon/stopWords';
import { findRun, tokenSubstring, type NameIndex } from './nameIndex';
import { claim, endsWord, fieldOrder, free, hasJoinedWord, isDistinctive, MAX_SPAN, MAX_VALUES, startsWord, texts, type CueLookup, type NameMatch } from './nameSpans';
import type { Token } from './normalize';
import type { BoundVocabulary } from './vocabularyPort';

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
    const index = vocab.index(field);
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

function prefixPool(index: NameIndex, start: string): number[] {
  const pool = new Set<number>();
  for (const [token, ats] of index.byToken) {
    if (token.length > start.length && token.startsWith(start)) for (const at of ats) pool.add(at);
  }
  return [...pool].sort((a, b) => a - b);
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
    if (match) return { start, end, ...match, exact: false, cued: true };
  }
  return undefined;
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
    if (match) return { start, end, ...match, exact: false, cued: true };
  }
  return undefined;
}

