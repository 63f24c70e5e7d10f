// Row sets as bitmaps (one bit per physical row, 32 rows a word): a filter's indexed conditions are intersected
// word by word, counted by popcount and walked in ascending row order, so the columns read afterwards are read
// front to back instead of in the scattered order of an index's rows (at 1M rows the scattered reads, not the
// checks, were what made broad queries slow).
import type { CodeIndex } from './columns';

export type RowSet = Uint32Array;

export function emptyRowSet(rowCount: number): RowSet {
  return new Uint32Array((rowCount + 31) >>> 5);
}

/** Sets the bits of the rows of the given codes of a CSR index (codes outside the index are ignored). */
export function addIndexedRows(set: RowSet, index: CodeIndex, codes: readonly number[]): void {
  const { offsets, rows } = index;
  for (const code of codes) {
    if (code < 0 || code + 1 >= offsets.length) continue;
    const end = offsets[code + 1] as number;
    for (let i = offsets[code] as number; i < end; i++) {
      const row = rows[i] as number;
      set[row >>> 5] = (set[row >>> 5] as number) | (1 << (row & 31));
    }
  }
}

/** target := target AND other. */
export function intersectInto(target: RowSet, other: RowSet): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) & (other[w] as number);
}

/** target := target OR other. */
export function uniteInto(target: RowSet, other: RowSet): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | (other[w] as number);
}

/** Set bits of a 32-bit word. */
export function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** Rows in both sets. */
export function countCommon(a: RowSet, b: RowSet): number {
  let total = 0;
  for (let w = 0; w < a.length; w++) {
    const word = (a[w] as number) & (b[w] as number);
    if (word !== 0) total += bitCount(word);
  }
  return total;
}

export function countRows(set: RowSet): number {
  let total = 0;
  for (let w = 0; w < set.length; w++) {
    const word = set[w] as number;
    if (word !== 0) total += bitCount(word);
  }
  return total;
}

/** Calls visit for each row in the set, ascending. */
export function forEachRow(set: RowSet, visit: (row: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let word = set[w] as number;
    const base = w << 5;
    while (word !== 0) {
      const low = word & -word;
      visit(base + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

/** The rows in the set, ascending. */
export function rowsOf(set: RowSet): number[] {
  const out: number[] = [];
  forEachRow(set, (row) => out.push(row));
  return out;
}
