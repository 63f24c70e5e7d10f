// One pass over a message: tag pairs and hyphenated names first, then concepts (misspellings allowed except on
// the tenant's own words), names after a "named"/"about" cue, whole names, partial and misspelt names.
// What is left over is reported, never guessed.
import type { VocabularyField } from '../posture/engine';
import type { ConceptLexicon } from './conceptLexicon';
import { matchConcepts, type ConceptMatch } from './conceptMatcher';
import type { Meaning } from './lexicon/meanings';
import { kindSetOfKinds, NO_KINDS, sharesKind, unionKinds } from './kindSet';
import { STOP_WORDS } from './lexicon/stopWords';
import { matchFuzzyNames } from './misspeltNames';
import { hasJoinedWord, isDistinctive, severalWords, type NameMatch } from './nameSpans';
import { matchCuedNames, matchPartialNames } from './partialNames';
import { matchExactNames, matchTagPairs, matchTypePhrases, matchTypeSegments, matchValuePrefixes } from './wholeNames';
import { normalizeMessage, tokenize, type Token } from './normalize';
import type { BoundVocabulary } from './vocabularyPort';

export interface ScannedMessage {
  normalized: string;
  tokens: Token[];
  /** Each token's text, in order (the intent modules read the message as words). */
  words: readonly string[];
  concepts: ConceptMatch[];
  names: NameMatch[];
  /** Stand-alone numbers ("3", "#3"), by token index. */
  numbers: Array<{ at: number; value: number }>;
  /** Words that are neither concepts, names nor filler. */
  unmatched: Token[];
}

const CUE_FIELDS: Partial<Record<Meaning['k'], readonly VocabularyField[]>> = {
  ownerCue: ['owner'],
  subscriptionCue: ['subscription'],
  resourceGroupCue: ['resourceGroup'],
  tagCue: ['tagValue'],
  nameCue: ['resourceName', 'recommendation'],
  recommendationCue: ['recommendation'],
};
/** Cues after which the following words are read as a name even when they are concept words. */
const STRONG_CUES = kindSetOfKinds(['nameCue', 'recommendationCue', 'ownerCue', 'subscriptionCue', 'resourceGroupCue', 'tagCue']);
/** Cues that may also follow their name ("the data rg", "the staging subscription"). */
const TRAILING_CUES = kindSetOfKinds(['subscriptionCue', 'resourceGroupCue']);

/** `normalizedText`: normalizeMessage(text), when the caller has it already (one normalization per message). */
export function scanMessage(text: string, lexicon: ConceptLexicon, vocab: BoundVocabulary, normalizedText?: string): ScannedMessage {
  const plain = normalizedText ?? normalizeMessage(text);
  const normalized = plain.includes('#') ? plain.replace(/#\s?(\d)/g, 'number $1') : plain;
  const tokens = expandLevelAbbreviations(tokenize(normalized));
  const claimed: boolean[] = [];
  for (let i = 0; i < tokens.length; i += 1) claimed.push(false);

  const names: NameMatch[] = matchTagPairs(tokens, claimed, vocab);
  // A whole name typed in full is that name even when some of its words are concepts: a hyphenated or dotted word
  // ("critical-db"), or several words of which one is no concept at all ("Tailspin AWS 1234").
  const plainWord = (t: Token) => !lexicon.conceptTokens.has(t.text) && !STOP_WORDS.has(t.text);
  const wholeNameFirst = (start: number, end: number) =>
    hasJoinedWord(tokens, start, end) || (severalWords(tokens, start, end) && tokens.slice(start, end).some(plainWord));
  names.push(...matchExactNames(tokens, claimed, vocab, () => undefined, wholeNameFirst));
  const nameWords = vocab.nameWords().byToken;
  const dataWord = (t: string) => nameWords.has(t);
  let concepts = matchConcepts(tokens, claimed, lexicon, (i) => !dataWord(tokens[i]?.text ?? ''));
  for (const typeName of matchTypePhrases(tokens, claimed, concepts, vocab)) {
    concepts = concepts.filter((c) => c.end <= typeName.start || c.start >= typeName.end);
    names.push(typeName);
  }

  for (const cue of concepts.filter((c) => sharesKind(c.kinds, STRONG_CUES))) {
    const fields: VocabularyField[] = [];
    for (const m of cue.meanings) fields.push(...(CUE_FIELDS[m.k] ?? []));
    const trailing = sharesKind(cue.kinds, TRAILING_CUES);
    const found =
      matchCuedNames(tokens, claimed, cue.end, concepts, fields, vocab) ?? (trailing ? matchCuedNames(tokens, claimed, cue.start, concepts, fields, vocab, true) : undefined);
    if (!found) continue;
    concepts = concepts.filter((c) => c.end <= found.start || c.start >= found.end);
    for (let j = found.start; j < found.end; j += 1) claimed[j] = true;
    names.push(found);
  }

  // A message already declined (off topic, another task, an injection, a dump) needs no search for loose names.
  let kindsSeen = NO_KINDS;
  for (const c of concepts) kindsSeen = unionKinds(kindsSeen, c.kinds);
  if (sharesKind(kindsSeen, DECLINED_KINDS) && !sharesKind(kindsSeen, FILTER_KINDS)) return finish(tokens, normalized, concepts, names, claimed);

  // A cue word just before or just after a name ("owned by X", "X subscription") says which field it belongs to.
  const cueFrom = (j: number, step: 1 | -1): readonly VocabularyField[] | undefined => {
    for (; j >= 0 && j < tokens.length; j += step) {
      const match = concepts.find((c) => c.start <= j && j < c.end);
      if (match) {
        for (const meaning of match.meanings) {
          const fields = CUE_FIELDS[meaning.k];
          if (fields) return fields;
        }
        return undefined;
      }
      if (claimed[j] || !STOP_WORDS.has(tokens[j]?.text ?? '')) return undefined;
    }
    return undefined;
  };
  const cueAt = (start: number, end: number) => cueFrom(start - 1, -1) ?? cueFrom(end, 1);
  names.push(...matchExactNames(tokens, claimed, vocab, cueAt));
  names.push(...matchTypeSegments(tokens, claimed, vocab));
  names.push(...matchFuzzyNames(tokens, claimed, vocab, cueAt, (t) => !dataWord(t.text)));
  names.push(...matchValuePrefixes(tokens, claimed, vocab, cueAt));
  names.push(...matchPartialNames(tokens, claimed, vocab, cueAt));
  names.push(...matchFuzzyNames(tokens, claimed, vocab, cueAt));
  names.push(...unknownAfterCue(tokens, claimed, concepts));
  return finish(tokens, normalized, concepts, names, claimed);
}

const FILTER_KINDS = kindSetOfKinds(['level', 'riskFactor', 'status', 'category', 'cloud', 'governance', 'resourceType', 'attackPath', 'vulnWord']);
const DECLINED_KINDS = kindSetOfKinds(['offTopic', 'otherTask', 'injection', 'dump']);

function finish(tokens: Token[], normalized: string, concepts: ConceptMatch[], names: NameMatch[], claimed: readonly boolean[]): ScannedMessage {
  names.sort((a, b) => a.start - b.start);
  const numbers: ScannedMessage['numbers'] = [];
  const unmatched: Token[] = [];
  const words: string[] = [];
  tokens.forEach((token, at) => {
    words.push(token.text);
    if (claimed[at]) return;
    if (/^\d{1,5}$/.test(token.text) && token.rawWord === token.text) numbers.push({ at, value: Number(token.text) });
    else if (isDistinctive(token)) unmatched.push(token);
  });
  return { normalized, tokens, words, concepts, names, numbers, unmatched };
}

// A Map, not an object: a typed word such as "constructor" must not find Object.prototype's members.
const LEVEL_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([['hi', 'high'], ['lo', 'low'], ['med', 'medium'], ['crit', 'critical']]);
const LEVEL_QUALIFIERS = new Set(['risk', 'risks', 'sev', 'severity', 'pri', 'priority', 'vulns', 'vulnerabilities']);

/**
 * "hi-risk", "lo sev": short level words are only read as levels right before a qualifier ("hi" alone is a greeting).
 * Built by push, not map: every matcher reads this array, and map's result changes elements kind (packed from the
 * builtin, holey from optimized code) when this function is optimized, which deoptimizes all of them.
 */
function expandLevelAbbreviations(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const long = LEVEL_ABBREVIATIONS.get(token.text);
    out.push(long && LEVEL_QUALIFIERS.has(tokens[i + 1]?.text ?? '') ? { ...token, text: long } : token);
  }
  return out;
}

const UNKNOWN_FIELD: Partial<Record<Meaning['k'], VocabularyField>> = {
  ownerCue: 'owner',
  subscriptionCue: 'subscription',
  resourceGroupCue: 'resourceGroup',
  tagCue: 'tagValue',
  nameCue: 'resourceName',
  recommendationCue: 'recommendation',
};

/**
 * "subscription 3f2a", "owned by zed": words right after a cue that match nothing in the tenant. They are kept as
 * typed in the cued field, so the answer is an honest "nothing matches subscription 3f2a", not every row.
 */
function unknownAfterCue(tokens: readonly Token[], claimed: boolean[], concepts: readonly ConceptMatch[]): NameMatch[] {
  const out: NameMatch[] = [];
  for (const cue of concepts) {
    const field = cue.meanings.map((m) => UNKNOWN_FIELD[m.k]).find((f) => f !== undefined);
    if (!field) continue;
    let start = cue.end;
    while (start < tokens.length && !claimed[start] && STOP_WORDS.has(tokens[start]?.text ?? '')) start += 1;
    let end = start;
    while (end < tokens.length && !claimed[end] && (isDistinctive(tokens[end]) || tokens[end]?.word === tokens[end - 1]?.word)) end += 1;
    if (end === start || (end < tokens.length && tokens[end]?.word === tokens[end - 1]?.word)) continue;
    const words = [...new Set(tokens.slice(start, end).map((t) => t.word))].map((w) => tokens.find((t) => t.word === w)?.rawWord ?? '');
    const text = words.join(' ').slice(0, 200);
    for (let j = start; j < end; j += 1) claimed[j] = true;
    out.push({ start, end, field, values: [text], text, exact: false, unknown: true });
  }
  return out;
}
