// Finds concept phrases in the user's tokens: longest phrase first, exact before misspelt, and never half of a
// hyphenated word ("critical-db" is a name, not the level "critical").
import { entriesNear, type ConceptLexicon, type LexiconEntry } from './conceptLexicon';
import type { Meaning } from './lexicon/meanings';
import type { KindSet } from './kindSet';
import type { Token } from './normalize';
import { isSpellingOf } from './spelling';

export interface ConceptMatch {
  start: number;
  /** Exclusive. */
  end: number;
  meanings: readonly Meaning[];
  /** The kinds of `meanings` (the lexicon entry's). */
  kinds: KindSet;
  typos: number;
}

/**
 * Matches concepts on tokens not yet claimed and marks the tokens it takes in `claimed`. `mayBeTypo(i)` says whether
 * token i may be read as a misspelt concept word (not when it is a word of the tenant's own names).
 */
export function matchConcepts(tokens: readonly Token[], claimed: boolean[], lexicon: ConceptLexicon, mayBeTypo: (i: number) => boolean): ConceptMatch[] {
  const candidates: ConceptMatch[] = [];
  const typoOk: boolean[] = [];
  for (let i = 0; i < tokens.length; i += 1) typoOk.push(mayBeTypo(i));
  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i]) continue;
    const first = tokens[i]?.text ?? '';
    const pool: readonly LexiconEntry[] = (typoOk[i] ? entriesNear(lexicon, first) : lexicon.byFirst.get(first)) ?? [];
    for (const entry of pool) {
      const typos = matchAt(tokens, claimed, i, entry, typoOk);
      if (typos >= 0) candidates.push({ start: i, end: i + entry.tokens.length, meanings: entry.meanings, kinds: entry.kinds, typos });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.typos - b.typos || a.start - b.start);
  const chosen: ConceptMatch[] = [];
  const taken = claimed.slice();
  for (const c of candidates) {
    let free = true;
    for (let j = c.start; j < c.end; j += 1) if (taken[j]) free = false;
    if (!free) continue;
    for (let j = c.start; j < c.end; j += 1) taken[j] = true;
    chosen.push(c);
  }
  const kept = dropSplitWords(tokens, claimed, chosen);
  for (const c of kept) for (let j = c.start; j < c.end; j += 1) claimed[j] = true;
  return kept.sort((a, b) => a.start - b.start);
}

/** Number of misspelt tokens when `entry` matches at `start`, or -1. */
function matchAt(tokens: readonly Token[], claimed: boolean[], start: number, entry: LexiconEntry, typoOk: readonly boolean[]): number {
  if (start + entry.tokens.length > tokens.length) return -1;
  let typos = 0;
  for (let j = 0; j < entry.tokens.length; j += 1) {
    const token = tokens[start + j];
    const want = entry.tokens[j] ?? '';
    if (!token || claimed[start + j]) return -1;
    if (token.text === want) continue;
    // A lone short word ("score", "risks") must be typed exactly: "store" is a word of its own, not a typo.
    if (entry.tokens.length === 1 && want.length < 6) return -1;
    if (!typoOk[start + j] || !isSpellingOf(token.text, want)) return -1;
    typos += 1;
  }
  return typos;
}

/** A word made of several tokens (vm-web-01) is a concept only if concepts cover all of it. */
function dropSplitWords(tokens: readonly Token[], claimed: readonly boolean[], chosen: ConceptMatch[]): ConceptMatch[] {
  const covered = claimed.slice();
  for (const c of chosen) for (let j = c.start; j < c.end; j += 1) covered[j] = true;
  const splitWords = new Set<number>();
  tokens.forEach((t, i) => {
    if (!covered[i] && tokens.some((o, j) => covered[j] && !claimed[j] && o.word === t.word)) splitWords.add(t.word);
  });
  if (splitWords.size === 0) return chosen;
  return chosen.filter((c) => !tokens.slice(c.start, c.end).some((t) => splitWords.has(t.word)));
}
