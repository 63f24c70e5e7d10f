// A recommendation's subject in everyday words ("backups", "private endpoints", "TLS versions", "MFA"): runs of
// words no concept took are looked up in the names of the recommendations in the data (the catalog's names), the
// last word also in its singular, so "endpoints" finds "... private endpoint ...". Only words that some name
// contains become a filter; the rest are reported as unused. A resource type's words ("disk") may be part of a
// subject ("disk encryption") when loose words sit beside them.
import type { ScannedMessage } from './messageScan';
import { STOP_WORDS } from './lexicon/stopWords';
import type { BoundVocabulary } from './vocabularyPort';

const singular = (word: string) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);

/** Each name in lower case, words only, padded with spaces; once per vocabulary (the engine hands out the same array). */
const spacedOf = new WeakMap<readonly string[], readonly string[]>();
function spacedNames(values: readonly string[]): readonly string[] {
  let names = spacedOf.get(values);
  if (!names) {
    names = values.map((n) => ` ${n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
    spacedOf.set(values, names);
  }
  return names;
}

/** The longest run of loose words that some recommendation name contains, and the token indexes it used. */
export function subjectOf(scan: ScannedMessage, vocab: BoundVocabulary, typeWords: ReadonlySet<number> = new Set()): { text: string; tokens: Set<number> } | undefined {
  const loose = new Set<number>(typeWords);
  const unmatched = new Set(scan.unmatched);
  scan.tokens.forEach((t, i) => {
    if (unmatched.has(t)) loose.add(i);
  });
  for (const n of scan.names) if (n.field === 'recommendation' && !n.exact) for (let i = n.start; i < n.end; i += 1) loose.add(i);
  if (loose.size === typeWords.size) return undefined;
  const names = spacedNames(vocab.values('recommendation'));
  const found = (text: string) => names.some((n) => n.includes(` ${text}`));
  const runs: number[][] = [];
  let run: number[] = [];
  scan.tokens.forEach((t, i) => {
    if (loose.has(i)) run.push(i);
    else if (run.length > 0 && !STOP_WORDS.has(t.text)) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  let best: { text: string; tokens: Set<number> } | undefined;
  for (const r of runs) {
    for (let len = r.length; len >= 1; len -= 1) {
      for (let start = 0; start + len <= r.length; start += 1) {
        const slice = r.slice(start, start + len);
        const words = slice.map((i) => scan.tokens[i]?.text ?? '');
        const text = [...words.slice(0, -1), singular(words[words.length - 1] ?? '')].join(' ');
        // A resource type's words join a subject only beside loose words ("VMs missing disk encryption").
        if (text.length < 2 || slice.every((i) => typeWords.has(i)) || !found(text)) continue;
        if (!best || text.length > best.text.length) best = { text, tokens: new Set(slice) };
      }
      if (best) break;
    }
  }
  return best;
}
