// Orders for result lists and top-k selection. riskRank packs risk level (bits 19+), attack path count
// (bits 3..18) and severity (bits 0..2), so "risk" is one integer comparison; without risk data the level and
// path bits are zero and the same order is by severity. Ties break on display name, resource name, then row.
import type { SortOrder } from '../engine';
import type { PostureTable } from './table';

export type RowComparator = (a: number, b: number) => number;

export function createComparator(t: PostureTable, sort: SortOrder): RowComparator {
  const { riskRank, severity, dueDate, name, resourceName } = t.columns;
  const tie = (a: number, b: number): number =>
    (t.nameOrder[name[a] as number] as number) - (t.nameOrder[name[b] as number] as number) ||
    (t.resourceNameOrder[resourceName[a] as number] as number) - (t.resourceNameOrder[resourceName[b] as number] as number) ||
    a - b;
  const byRisk = (a: number, b: number): number => (riskRank[b] as number) - (riskRank[a] as number);
  if (sort === 'severity') return (a, b) => (severity[b] as number) - (severity[a] as number) || byRisk(a, b) || tie(a, b);
  if (sort === 'dueDate') {
    // Earliest due first (overdue work leads); rows without a due date go last.
    return (a, b) => {
      const x = dueDate[a] as number;
      const y = dueDate[b] as number;
      const xMissing = Number.isNaN(x);
      if (xMissing !== Number.isNaN(y)) return xMissing ? 1 : -1;
      return (xMissing ? 0 : x - y) || byRisk(a, b) || tie(a, b);
    };
  }
  return (a, b) => byRisk(a, b) || tie(a, b);
}

/** Keeps the k best rows seen (a max-heap on "worst kept"), then returns them best first. */
export class TopK {
  private readonly heap: number[] = [];

  constructor(
    private readonly k: number,
    private readonly compare: RowComparator,
  ) {}

  offer(row: number): void {
    if (this.k <= 0) return;
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(row);
      this.siftUp(heap.length - 1);
    } else if (this.compare(row, heap[0] as number) < 0) {
      heap[0] = row;
      this.siftDown(0);
    }
  }

  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.compare(heap[at] as number, heap[parent] as number) <= 0) return;
      [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && this.compare(heap[left] as number, heap[worst] as number) > 0) worst = left;
      if (right < heap.length && this.compare(heap[right] as number, heap[worst] as number) > 0) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst] as number, heap[at] as number];
      at = worst;
    }
  }
}
