// What one incremental refresh changed, as a segment laid over the rows of the last full read: the rows it read
// (changed and new assessments, resources read again, and the types it read again in full), and what it drops
// (kept rows of the types it read again, rows of deleted resources, rows of subscriptions it could no longer see).
// The kept copy under DATA_DIR is the full read plus a journal of segments (lastGood.ts); merging them here gives the
// same rows the refreshes served, without rewriting a million rows at each refresh.
import { isDeleted, resourceIdOf, subscriptionOfRow } from './resourceChanges';

export interface ChangeSegment {
  /** Epoch ms the refresh started. */
  at: number;
  /** Lower-cased types read again in full: every earlier row of these types goes. */
  replacedTypes: string[];
  /** Lower-cased ids of resources deleted: their rows, and rows of resources under them, go. */
  deleted: string[];
  /** Lower-cased ids of the subscriptions the refresh could see: rows of any other subscription go. */
  subscriptions: string[];
  /** Rows read by the refresh, replacing earlier rows with the same id. */
  rows: unknown[];
}

export type DropReason = 'deleted' | 'unreadable';

export const rowType = (row: unknown): string => String((row as { type?: unknown } | null)?.type ?? '').toLowerCase();
export const rowId = (row: unknown): string => String((row as { id?: unknown } | null)?.id ?? '').toLowerCase();

interface Compiled {
  replaced: ReadonlySet<string>;
  deleted: ReadonlySet<string>;
  subscriptions: ReadonlySet<string>;
}

const compile = (segment: ChangeSegment): Compiled => ({ replaced: new Set(segment.replacedTypes), deleted: new Set(segment.deleted), subscriptions: new Set(segment.subscriptions) });

/** Why an earlier row goes under this segment: replaced by type, deleted, unreadable; undefined when it stays. */
function dropOf(segment: Compiled, row: unknown): DropReason | 'replaced' | undefined {
  if (segment.replaced.has(rowType(row))) return 'replaced';
  const subscription = subscriptionOfRow(row);
  if (subscription !== undefined && !segment.subscriptions.has(subscription)) return 'unreadable';
  if (isDeleted(segment.deleted, resourceIdOf(row))) return 'deleted';
  return undefined;
}

/**
 * The rows of `base` with the segments laid over it in order: base rows first (those no segment replaced or dropped),
 * then the segments' rows still standing. `onDrop` hears of each row the last segment drops as deleted or unreadable.
 */
export async function* mergeSegments(
  base: AsyncIterable<unknown>,
  segments: readonly ChangeSegment[],
  onDrop?: (row: unknown, reason: DropReason) => void,
): AsyncGenerator<unknown> {
  const compiled = segments.map(compile);
  const last = segments.length - 1;
  const dropped = (row: unknown, from: number): boolean => {
    for (let index = from; index <= last; index++) {
      const reason = dropOf(compiled[index] as Compiled, row);
      if (reason === undefined) continue;
      if (index === last && reason !== 'replaced') onDrop?.(row, reason);
      return true;
    }
    return false;
  };
  // Segment rows standing after the later segments, by id (a later segment's row replaces an earlier one).
  const standing = new Map<string, { row: unknown; segment: number }>();
  const touched = new Set<string>();
  segments.forEach((segment, index) => {
    for (const row of segment.rows) {
      const id = rowId(row);
      touched.add(id);
      standing.set(id, { row, segment: index });
    }
  });
  for await (const row of base) {
    if (touched.has(rowId(row)) || dropped(row, 0)) continue;
    yield row;
  }
  for (const { row, segment } of standing.values()) {
    if (!dropped(row, segment + 1)) yield row;
  }
}
