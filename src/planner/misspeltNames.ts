// Misspelt names, compared with runs of a name's words within the typo allowance.
import type { VocabularyField } from '../posture/engine';
import { tokenSubstring } from './nameIndex';
import { claim, endsWord, fieldOrder, hasJoinedWord, isDistinctive, MAX_VALUES, severalWords, startsWord, texts, type CueLookup, type NameMatch } from './nameSpans';
import type { Token } from './normalize';
import { allowedEdits, editDistance } from './spelling';
import type { BoundVocabulary } from './vocabularyPort';

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
      if (pairsWithUnknown && (!severalWords(tokens, i, stop) || !tokens.slice(i, stop).some(pairsWithUnknown))) continue;
      const typed = texts(tokens, i, stop).join('');
      const lastWord = tokens.slice(i, stop).filter((t) => t.word === tokens[stop - 1]?.word).map((t) => t.text).join('');
      const match = firstFuzzy(typed, severalWords(tokens, i, stop) && lastWord.length >= 3, fieldOrder(cueAt(i, stop), false), vocab);
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
    const index = vocab.index(field);
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

