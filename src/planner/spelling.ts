// Spelling tolerance for concept words: a typo costs one edit (a swapped pair counts as one).

/** Optimal-string-alignment distance, giving up (returning max + 1) as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** The most edits any word is allowed (so a misspelling is at most this many letters longer or shorter). */
export const MAX_EDITS = 2;

/** Edits allowed for a word of this length: none under 5 letters, one from 5, two from 8. */
export function allowedEdits(length: number): number {
  if (length >= 8) return MAX_EDITS;
  if (length >= 5) return 1;
  return 0;
}

/** True when `typed` is `known` or a plausible misspelling of it. Digits must match exactly. */
export function isSpellingOf(typed: string, known: string): boolean {
  if (typed === known) return true;
  // The first letter is rarely the typo; requiring it keeps "high"/"light"-style accidents out (and is a cheap test).
  if (typed[0] !== known[0]) return false;
  const edits = allowedEdits(Math.min(typed.length, known.length));
  // Four-letter words only forgive two neighbouring letters swapped ("mnay"), the commonest slip.
  if (edits === 0) return typed.length === 4 && known.length === 4 && isOneSwap(typed, known);
  if (Math.abs(typed.length - known.length) > edits) return false;
  if (/\d/.test(typed) || /\d/.test(known)) return false;
  return editDistance(typed, known, edits) <= edits;
}

function isOneSwap(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}
