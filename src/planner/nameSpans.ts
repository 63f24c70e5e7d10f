// Shared pieces of name matching: what a match is, which words can carry a name, and word-boundary rules.
import type { VocabularyField } from '../posture/engine';
import { STOP_WORDS } from './lexicon/stopWords';
import type { Token } from './normalize';

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
  /** Found right beside a cue word ("recommendations about X", "owner X"). */
  cued?: boolean;
  /** Not in the tenant at all, but named right after a cue: kept as typed so the answer says nothing matched. */
  unknown?: boolean;
  /** The words fit every value of the field ("alderbrook" in a tenant whose subscriptions all start so): no filter. */
  everything?: boolean;
}

export const NAME_FIELDS: readonly VocabularyField[] = ['subscription', 'resourceGroup', 'resourceName', 'owner', 'tagValue', 'recommendation', 'resourceType'];
export const MAX_VALUES = 25;
export const MAX_SPAN = 8;

/** Which fields a name at token `i` may belong to, when a cue word ("owned by", "subscription") precedes it. */
export type CueLookup = (start: number, end: number) => readonly VocabularyField[] | undefined;

/** A word that can carry a name on its own: not filler, and not a short bare number ("3" is a position). */
export function isDistinctive(token: Token | undefined): boolean {
  if (!token || STOP_WORDS.has(token.text)) return false;
  if (/^\d+$/.test(token.text)) return token.text.length >= 6 || token.rawWord !== token.text;
  return token.text.length >= 3 || /\d/.test(token.text);
}

export const startsWord = (tokens: readonly Token[], i: number) => i === 0 || tokens[i - 1]?.word !== tokens[i]?.word;
export const endsWord = (tokens: readonly Token[], end: number) => end >= tokens.length || tokens[end]?.word !== tokens[end - 1]?.word;
/** True when the span holds a word typed with joiners (vm-web-01, a.b@c.com): a strong sign of a name. */
export const hasJoinedWord = (tokens: readonly Token[], start: number, end: number) =>
  tokens.slice(start, end).some((t, j) => tokens[start + j + 1]?.word === t.word || tokens[start + j - 1]?.word === t.word);
/** True when tokens [start, end) come from two or more typed words (token words only grow along the message). */
export const severalWords = (tokens: readonly Token[], start: number, end: number) => end > start && tokens[start]?.word !== tokens[end - 1]?.word;
export const free = (claimed: readonly boolean[], start: number, end: number) => claimed.slice(start, end).every((c) => !c);
/** Token texts of [start, end), built by push so the array's elements kind never depends on the caller's tier (see expandLevelAbbreviations in messageScan.ts). */
export const texts = (tokens: readonly Token[], start: number, end: number): string[] => {
  const out: string[] = [];
  for (let i = start; i < end && i < tokens.length; i += 1) out.push((tokens[i] as Token).text);
  return out;
};

/** With a cue, only the cued fields (exact and partial matches), or the cued fields first (misspellings). */
export function fieldOrder(cue: readonly VocabularyField[] | undefined, onlyCued = true): readonly VocabularyField[] {
  if (!cue) return NAME_FIELDS;
  return onlyCued ? cue : [...cue, ...NAME_FIELDS.filter((f) => !cue.includes(f))];
}

export function claim(claimed: boolean[], m: NameMatch): NameMatch {
  for (let j = m.start; j < m.end; j += 1) claimed[j] = true;
  return m;
}

