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

/** Lower case, accents dropped (users type "ubersicht" for "Übersicht"), separators as single spaces. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s\-_./\\:,;|()[\]{}'"]+/g, ' ').trim();
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
      const scored: FuzzyMatch[] = [];
      for (const entry of entries) {
        const score = scoreEntry(entry, query);
        if (score >= MIN_SCORE) scored.push({ value: entry.value, score: Math.round(score * 1000) / 1000 });
      }
      return scored.sort((a, b) => b.score - a.score || a.value.length - b.value.length || a.value.localeCompare(b.value)).slice(0, limit);
    },
  };
}

type Query = Omit<Entry, 'value'>;

function scoreEntry(entry: Entry, q: Query): number {
  if (entry.lower === q.lower) return 1;
  if (entry.normal === q.normal || entry.compact === q.compact) return 0.97;
  const coverage = q.compact.length / Math.max(1, entry.compact.length);
  if (entry.normal.startsWith(q.normal)) return 0.85 + 0.1 * coverage;
  if (entry.normal.includes(q.normal) || entry.compact.includes(q.compact)) return 0.78 + 0.1 * coverage;
  let best = tokenScore(entry.tokens, q.tokens);
  const longest = Math.max(entry.compact.length, q.compact.length);
  // Whole-string typos only make sense between strings of similar length.
  if (Math.abs(entry.compact.length - q.compact.length) <= Math.max(2, longest * 0.3)) {
    const edits = editDistance(entry.compact, q.compact);
    best = Math.max(best, 0.9 * (1 - edits / longest));
  }
  return best;
}

/** Share of query tokens found among the value's tokens (exactly, as a prefix, or within one or two typos). */
function tokenScore(valueTokens: string[], queryTokens: string[]): number {
  let matched = 0;
  for (const token of queryTokens) {
    let best = 0;
    for (const candidate of valueTokens) {
      if (candidate === token) best = 1;
      else if (token.length >= 3 && candidate.startsWith(token)) best = Math.max(best, 0.9);
      else if (token.length >= 4 && Math.abs(candidate.length - token.length) <= 2) {
        const allowed = token.length >= 8 ? 2 : 1;
        if (editDistance(candidate, token) <= allowed) best = Math.max(best, 0.8);
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

/** Levenshtein (fast, bit-parallel) refined to count one adjacent transposition as one edit. */
export function editDistance(a: string, b: string): number {
  const plain = distance(a, b);
  if (plain < 2 || a.length > 64 || b.length > 64) return plain;
  return Math.min(plain, optimalStringAlignment(a, b));
}

function optimalStringAlignment(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Uint16Array((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * width + j] as number) + 1, (d[i * width + j - 1] as number) + 1, (d[(i - 1) * width + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * width + j - 2] as number) + 1);
      d[i * width + j] = v;
    }
  }
  return d[a.length * width + b.length] as number;
}
