// Orders for result lists and top-k selection. riskRank packs risk level (bits 19+), attack path count
// (bits 3..18) and severity (bits 0..2), so "risk" is one integer comparison; without risk data the level and
// path bits are zero and the same order is by severity. Ties break on display name, resource name, then row.
import type { SortOrder } from '../engine';
import { bitCount, type RowSet } from './rowSet';
import type { PostureTable } from './table';

export type RowComparator = (a: number, b: number) => number;

export interface RowOrder {
  /** A number per row, higher first, consistent with `compare`: settles most comparisons without it. */
  primary: (row: number) => number;
  /** The full order: negative when a comes first. */
  compare: RowComparator;
  /** When primary(row) is just this column's value: read directly in tight loops. */
  keys?: ArrayLike<number>;
  /**
   * Per block of 32 rows (the words of a RowSet), the highest primary of its rows: once k rows are kept, a block
   * whose highest is below the worst kept one is passed over whole.
   */
  blockMax?: ArrayLike<number>;
}

const blockCache = new WeakMap<object, { from: readonly object[]; max: Float64Array }>();

/** blockMax of a primary that reads only `from` (cached while those arrays are the table's). */
function blockMaxOf(from: readonly ArrayLike<number>[], rowCount: number, primary: (row: number) => number): Float64Array {
  const hit = blockCache.get(from[0] as object);
  if (hit && hit.from.length === from.length && hit.from.every((array, i) => array === from[i]) && hit.max.length === (rowCount + 31) >>> 5) return hit.max;
  const max = new Float64Array((rowCount + 31) >>> 5).fill(Number.NEGATIVE_INFINITY);
  for (let row = 0; row < rowCount; row++) {
    const key = primary(row);
    if (key > (max[row >>> 5] as number)) max[row >>> 5] = key;
  }
  blockCache.set(from[0] as object, { from: from as readonly object[], max });
  return max;
}

const SEVERITY_WEIGHT = 2 ** 22;

export function createOrder(t: PostureTable, sort: SortOrder): RowOrder {
  const { riskRank, severity, dueDate, name, resourceName } = t.columns;
  const tie = (a: number, b: number): number =>
    (t.nameOrder[name[a] as number] as number) - (t.nameOrder[name[b] as number] as number) ||
    (t.resourceNameOrder[resourceName[a] as number] as number) - (t.resourceNameOrder[resourceName[b] as number] as number) ||
    a - b;
  const byRisk = (a: number, b: number): number => (riskRank[b] as number) - (riskRank[a] as number);
  const rowCount = t.rowCount;
  if (sort === 'severity') {
    const primary = (row: number) => (severity[row] as number) * SEVERITY_WEIGHT + (riskRank[row] as number);
    return { primary, compare: (a, b) => primary(b) - primary(a) || tie(a, b), blockMax: blockMaxOf([severity, riskRank], rowCount, primary) };
  }
  if (sort === 'dueDate') {
    // Earliest due first (overdue work leads); rows without a due date go last.
    const primary = (row: number) => {
      const due = dueDate[row] as number;
      return Number.isNaN(due) ? Number.NEGATIVE_INFINITY : -due;
    };
    return {
      primary,
      blockMax: blockMaxOf([dueDate], rowCount, primary),
      compare: (a, b) => {
        const x = primary(a);
        const y = primary(b);
        return x === y ? byRisk(a, b) || tie(a, b) : x > y ? -1 : 1;
      },
    };
  }
  const primary = (row: number) => riskRank[row] as number;
  return { primary, compare: (a, b) => byRisk(a, b) || tie(a, b), keys: riskRank, blockMax: blockMaxOf([riskRank], rowCount, primary) };
}

/** Keeps the k best rows seen in a heap whose root is the worst kept; most rows are rejected on `primary`. */
export class TopK {
  private readonly rows: Int32Array;
  private readonly keys: Float64Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly order: RowOrder,
  ) {
    this.rows = new Int32Array(Math.max(0, k));
    this.keys = new Float64Array(Math.max(0, k));
  }

  offer(row: number): void {
    if (this.k <= 0) return;
    const key = this.order.primary(row);
    if (this.size < this.k) {
      this.rows[this.size] = row;
      this.keys[this.size] = key;
      this.siftUp(this.size++);
      return;
    }
    const rootKey = this.keys[0] as number;
    if (key < rootKey || (key === rootKey && this.order.compare(row, this.rows[0] as number) > 0)) return;
    this.rows[0] = row;
    this.keys[0] = key;
    this.siftDown(0);
  }

  /**
   * Offers every row of a set (those `keep` accepts, when given) and returns how many there were. Once k rows are
   * kept, a row whose key is below the worst kept one is dropped without a call.
   */
  offerSet(set: RowSet, keep?: (row: number) => boolean): number {
    const { keys, blockMax } = this.order;
    let count = 0;
    for (let w = 0; w < set.length; w++) {
      let word = set[w] as number;
      if (word === 0) continue;
      const base = w << 5;
      if (blockMax && (this.k <= 0 || (this.size === this.k && (blockMax[w] as number) < (this.keys[0] as number)))) {
        // No row of this block can be kept: only counted.
        if (!keep) {
          count += bitCount(word);
          continue;
        }
        while (word !== 0) {
          const low = word & -word;
          word ^= low;
          if (keep(base + 31 - Math.clz32(low))) count++;
        }
        continue;
      }
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const row = base + 31 - Math.clz32(low);
        if (keep && !keep(row)) continue;
        count++;
        if (this.size === this.k && this.k > 0 && (keys ? (keys[row] as number) : this.order.primary(row)) < (this.keys[0] as number)) continue;
        this.offer(row);
      }
    }
    return count;
  }

  sorted(): number[] {
    return Array.from(this.rows.subarray(0, this.size)).sort(this.order.compare);
  }

  /** True when the row at i should sit below (is worse than) the row at j. */
  private worse(i: number, j: number): boolean {
    const a = this.keys[i] as number;
    const b = this.keys[j] as number;
    return a < b || (a === b && this.order.compare(this.rows[i] as number, this.rows[j] as number) > 0);
  }

  private swap(i: number, j: number): void {
    const row = this.rows[i] as number;
    const key = this.keys[i] as number;
    this.rows[i] = this.rows[j] as number;
    this.keys[i] = this.keys[j] as number;
    this.rows[j] = row;
    this.keys[j] = key;
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(at, parent)) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }
}
