// Fuzzy matching of user words against a field's distinct values (never rows). Values are normalized once
// (lower case, separators as spaces, tokens) and cached; a query scores each value by the best of: exact,
// same after normalizing separators, prefix, substring, token overlap (tokens may have typos), and whole-string
// edit distance with adjacent transpositions counted as one edit.
import { distance } from 'fastest-levenshtein';
import type { FuzzyMatch } from '../engine';

interface Entry {
  value: string;
  lower: string;
  normal: string;
  compact: string;
  tokens: string[];
}

export interface FuzzyIndex {
  find(text: string, limit: number): FuzzyMatch[];
}

const MIN_SCORE = 0.5;
const ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents dropped (users type "ubersicht" for "Übersicht"), separators as single spaces. */
export function normalize(text: string): string {
  const plain = ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return plain.toLowerCase().replace(/[\s\-_./\\:,;|()[\]{}'"]+/g, ' ').trim();
}

export function createFuzzyIndex(values: readonly string[]): FuzzyIndex {
  const entries: Entry[] = values.map((value) => {
    const normal = normalize(value);
    return { value, lower: value.toLowerCase(), normal, compact: normal.replace(/ /g, ''), tokens: normal.split(' ').filter(Boolean) };
  });
  return {
    find(text, limit) {
      const lower = text.trim().toLowerCase();
      const normal = normalize(text);
      if (!normal || limit <= 0) return [];
      const query = { lower, normal, compact: normal.replace(/ /g, ''), tokens: normal.split(' ') };
      // Keep only the best `limit` (vocabularies can hold hundreds of thousands of names).
      const best: FuzzyMatch[] = [];
      for (const entry of entries) {
        const score = Math.round(scoreEntry(entry, query) * 1000) / 1000;
        if (score < MIN_SCORE) continue;
        const match = { value: entry.value, score };
        if (best.length === limit && !ranksBefore(match, best[limit - 1] as FuzzyMatch)) continue;
        let at = best.length;
        while (at > 0 && ranksBefore(match, best[at - 1] as FuzzyMatch)) at--;
        best.splice(at, 0, match);
        if (best.length > limit) best.pop();
      }
      return best;
    },
  };
}

type Query = Omit<Entry, 'value'>;

/** Higher score first; then the shorter value (closer to what was typed); then alphabetical, for stable answers. */
function ranksBefore(a: FuzzyMatch, b: FuzzyMatch): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.value.length !== b.value.length) return a.value.length < b.value.length;
  return a.value < b.value;
}

function scoreEntry(entry: Entry, q: Query): number {
  if (entry.lower === q.lower) return 1;
  if (entry.normal === q.normal || entry.compact === q.compact) return 0.97;
  const coverage = q.compact.length / Math.max(1, entry.compact.length);
  if (entry.normal.startsWith(q.normal)) return 0.85 + 0.1 * coverage;
  if (entry.normal.includes(q.normal) || entry.compact.includes(q.compact)) return 0.78 + 0.1 * coverage;
  let best = tokenScore(entry.tokens, q.tokens);
  const longest = Math.max(entry.compact.length, q.compact.length);
  // Whole-string typos only make sense between strings of similar length, and only when they could win.
  const floor = Math.max(best, MIN_SCORE);
  const maxEdits = Math.floor(longest * (1 - floor / WHOLE_WEIGHT));
  if (maxEdits >= 1 && Math.abs(entry.compact.length - q.compact.length) <= maxEdits) {
    const edits = editDistance(entry.compact, q.compact, maxEdits);
    if (edits <= maxEdits) best = Math.max(best, WHOLE_WEIGHT * (1 - edits / longest));
  }
  return best;
}

const WHOLE_WEIGHT = 0.9;

/** Share of query tokens found among the value's tokens (exactly, as a prefix, or within one or two typos). */
function tokenScore(valueTokens: string[], queryTokens: string[]): number {
  let matched = 0;
  for (const token of queryTokens) {
    let best = 0;
    for (const candidate of valueTokens) {
      if (candidate === token) best = 1;
      else if (token.length >= 3 && candidate.startsWith(token)) best = Math.max(best, 0.9);
      else if (best < 0.8 && token.length >= 4 && Math.abs(candidate.length - token.length) <= 2) {
        const allowed = token.length >= 8 ? 2 : 1;
        const plain = distance(candidate, token);
        if (plain <= allowed || (plain <= 2 * allowed && candidate.length <= MAX_ALIGN && token.length <= MAX_ALIGN && optimalStringAlignment(candidate, token) <= allowed)) best = 0.8;
      }
      if (best === 1) break;
    }
    matched += best;
  }
  const share = matched / queryTokens.length;
  if (share === 0) return 0;
  const covered = Math.min(1, queryTokens.length / Math.max(1, valueTokens.length));
  return 0.4 + 0.4 * share + 0.1 * covered;
}

/**
 * Levenshtein (fast, bit-parallel) refined to count an adjacent transposition as one edit. The refinement runs
 * only when its result could be `within` or less (transpositions save at most half the edits).
 */
export function editDistance(a: string, b: string, within = Number.POSITIVE_INFINITY): number {
  const plain = distance(a, b);
  // Typos are a few edits: beyond four, transpositions no longer change whether two names are alike.
  if (plain < 2 || plain > 4 || Math.ceil(plain / 2) > within || a.length > MAX_ALIGN || b.length > MAX_ALIGN) return plain;
  return Math.min(plain, optimalStringAlignment(a, b));
}

const MAX_ALIGN = 64;

/** Edit distance where swapping two adjacent characters is one edit; three rolling rows, strings are short. */
function optimalStringAlignment(a: string, b: string): number {
  const width = b.length + 1;
  let before = new Uint16Array(width);
  let previous = Uint16Array.from({ length: width }, (_, j) => j);
  let current = new Uint16Array(width);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] as number) + 1);
      current[j] = v;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}
