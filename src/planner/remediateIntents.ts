// "summarize the first one", "summarize it", "what does <recommendation> mean?", "how do I fix this?", "help me
// remediate": the remediate skill's actions, naming the recommendation by position, by the one on screen, or by
// words from its name. Nothing else from the message goes into the plan.
import type { PlannedAction } from '../actions/registry';
import type { ActiveListSummary } from './activeList';
import type { ScannedMessage } from './messageScan';
import { rowPositionOf } from './rowPosition';
import { hasKind, KIND } from './kindSet';

/** Words that point at the recommendation on screen rather than name one. */
const POINTERS = new Set(['it', 'this', 'that', 'one', 'the', 'a', 'an', 'recommendation', 'finding', 'issue', 'please', 'me', 'for', 'of', 'to', 'on', 'about', 'what', 'can', 'you', 'number', 'row', 'item', 'no']);
/** What may follow "undo" for it to mean the simulated fix (a position is checked separately). */
const UNDO_WORDS = new Set(['the', 'that', 'this', 'it', 'fix', 'fixes', 'simulated', 'applied', 'last', 'on', 'to', 'of', 'for', 'one', 'please', 'change', 'row', 'number']);
const SUMMARY_VERBS = new Set(['summarize', 'summarise', 'summary', 'explain', 'tldr']);
const FIX_PHRASES: ReadonlyArray<readonly string[]> = [
  ['how', 'do', 'i', 'fix'],
  ['how', 'do', 'we', 'fix'],
  ['how', 'can', 'i', 'fix'],
  ['how', 'to', 'fix'],
  ['how', 'do', 'i', 'remediate'],
  ['how', 'to', 'remediate'],
  ['help', 'me', 'remediate'],
  ['help', 'me', 'fix'],
  ['remediate'],
  ['remediation', 'script'],
  ['fix', 'script'],
];

function startsWith(words: readonly string[], phrase: readonly string[], at: number): boolean {
  return phrase.every((w, i) => words[at + i] === w);
}

/** The token positions that say a list position ("the second one", "#3", "the last"). */
function positionalTokens(scan: ScannedMessage): Set<number> {
  const positional = new Set<number>();
  for (const c of scan.concepts) if (hasKind(c.kinds, KIND.ordinal) || hasKind(c.kinds, KIND.last)) for (let i = c.start; i < c.end; i++) positional.add(i);
  return positional;
}

/** What the words after the verb name (from token `from` to `to`): a name phrase, a position, or the one on screen. */
function targetOf(scan: ScannedMessage, from: number, to: number, activeList: ActiveListSummary | undefined): Record<string, unknown> {
  const positional = positionalTokens(scan);
  const kept = scan.tokens.slice(from, to).filter((t, i) => !positional.has(from + i) && !POINTERS.has(t.text) && !/^[#?.!]*\d*[?.!]*$/.test(t.text));
  // Whole words as typed, so a resource name keeps its digits and dashes ("sql-analytics-prod-01").
  const words: string[] = [];
  let lastWord = -1;
  for (const t of kept) {
    if (t.word === lastWord) continue;
    lastWord = t.word;
    const word = t.rawWord.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    words.push(/\p{L}/u.test(word) ? word : t.text);
  }
  if (words.length > 0) return { name: words.join(' ').slice(0, 200) };
  const ordinal = rowPositionOf(scan, activeList);
  return ordinal !== undefined ? { ordinal } : {};
}

export function planRemediateIntent(scan: ScannedMessage, activeList: ActiveListSummary | undefined): PlannedAction[] | undefined {
  const words = scan.words;
  const first = words[0] ?? '';
  // "apply the fix", "apply fix to the second one": a position or the one on screen only, never a name.
  if (first === 'apply' && words.slice(1, 3).includes('fix')) {
    const ordinal = rowPositionOf(scan, activeList);
    return [{ name: 'applyFix', parameters: ordinal === undefined ? {} : { ordinal } }];
  }
  // "undo the fix", "revert it", "roll back the fix on the second one": takes back a simulated fix.
  const undoAt = first === 'roll' && words[1] === 'back' ? 2 : first === 'undo' || first === 'revert' ? 1 : -1;
  if (undoAt > 0 && scan.tokens.slice(undoAt).every((t, i) => UNDO_WORDS.has(t.text) || positionalTokens(scan).has(undoAt + i))) {
    const ordinal = rowPositionOf(scan, activeList);
    return [{ name: 'undoFix', parameters: ordinal === undefined ? {} : { ordinal } }];
  }
  if (SUMMARY_VERBS.has(first)) return [{ name: 'summarize', parameters: targetOf(scan, 1, words.length, activeList) }];
  // "what does X mean?", "what is this about?"
  if (first === 'what' && (words[1] === 'does' || words[1] === 'do') && words[words.length - 1] === 'mean') {
    return [{ name: 'summarize', parameters: targetOf(scan, 2, words.length - 1, activeList) }];
  }
  for (let at = 0; at <= 1; at++) {
    const phrase = FIX_PHRASES.find((p) => startsWith(words, p, at));
    if (phrase && (at === 0 || words[0] === 'so' || words[0] === 'ok' || words[0] === 'please')) {
      return [{ name: 'remediate', parameters: targetOf(scan, at + phrase.length, words.length, activeList) }];
    }
  }
  return undefined;
}
