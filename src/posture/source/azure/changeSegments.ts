// What one incremental refresh changed, as a segment laid over the rows of the last full read: the rows it read
// (changed and new assessments, resources read again, and the types it read again in full), and what it drops
// (kept rows of the types it read again, rows of deleted resources, rows of subscriptions it could no longer see).
// The kept copy under DATA_DIR is the full read plus a journal of segments (lastGood.ts); merging them here gives the
// same rows the refreshes served, without rewriting a million rows at each refresh.
import type { PostureRecord } from '../../model';
import { isDeleted, resourceOfId, subscriptionOfRow } from './resourceChanges';

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

/** Why an earlier row goes under this segment: replaced by type, deleted, unreadable; undefined when it stays. `id`: rowId(row). */
function dropOf(segment: Compiled, row: unknown, id: string = rowId(row)): DropReason | 'replaced' | undefined {
  if (segment.replaced.has(rowType(row))) return 'replaced';
  const subscription = subscriptionOfRow(row);
  if (subscription !== undefined && !segment.subscriptions.has(subscription)) return 'unreadable';
  if (segment.deleted.size > 0 && isDeleted(segment.deleted, resourceOfId(id))) return 'deleted';
  return undefined;
}

/** One segment that drops what any of these drops: types and deletions of all, subscriptions seen by all. */
function unionOf(segments: readonly Compiled[]): Compiled {
  const [first, ...rest] = segments;
  if (!first) return { replaced: new Set(), deleted: new Set(), subscriptions: new Set() };
  return {
    replaced: new Set(segments.flatMap((segment) => [...segment.replaced])),
    deleted: new Set(segments.flatMap((segment) => [...segment.deleted])),
    subscriptions: new Set([...first.subscriptions].filter((id) => rest.every((segment) => segment.subscriptions.has(id)))),
  };
}

/** The segments laid over base rows: which base rows stay, and the segments' own rows still standing. */
export interface SegmentOverlay {
  /** Whether a base row (a raw row, or a record's rowOfRecord) stays. */
  keeps(row: unknown): boolean;
  /** The segments' rows still standing after the later segments, in order. */
  standing(): unknown[];
}

/** `onDrop` hears of each row the last segment drops as deleted or unreadable. */
export function overlayOf(segments: readonly ChangeSegment[], onDrop?: (row: unknown, reason: DropReason) => void): SegmentOverlay {
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
  // Segment rows by id (a later segment's row replaces an earlier one), and every id a segment wrote.
  const latest = new Map<string, { row: unknown; segment: number }>();
  segments.forEach((segment, index) => {
    for (const row of segment.rows) latest.set(rowId(row), { row, segment: index });
  });
  // A base row is tested once against all segments together (a million rows); only a dropped one is told, by segment.
  const any = unionOf(compiled);
  return {
    keeps(row) {
      const id = rowId(row);
      if (latest.has(id)) return false;
      if (segments.length === 0 || dropOf(any, row, id) === undefined) return true;
      dropped(row, 0);
      return false;
    },
    standing: () => [...latest.values()].filter(({ row, segment }) => !dropped(row, segment + 1)).map(({ row }) => row),
  };
}

/** The rows of `base` with the segments laid over it in order: base rows first, then the segments' rows still standing. */
export async function* mergeSegments(base: AsyncIterable<unknown>, segments: readonly ChangeSegment[], onDrop?: (row: unknown, reason: DropReason) => void): AsyncGenerator<unknown> {
  const overlay = overlayOf(segments, onDrop);
  for await (const row of base) if (overlay.keeps(row)) yield row;
  yield* overlay.standing();
}

const TYPE_OF_KIND: Partial<Record<PostureRecord['kind'], string>> = {
  assessment: 'microsoft.security/assessments',
  finding: 'microsoft.security/assessments/subassessments',
  governance: 'microsoft.security/assessments/governanceassignments',
  attackPath: 'microsoft.security/attackpaths',
  secureScore: 'microsoft.security/securescores',
  secureScoreControl: 'microsoft.security/securescores/securescorecontrols',
  subscription: 'microsoft.resources/subscriptions',
  resourceGroup: 'microsoft.resources/subscriptions/resourcegroups',
};

/**
 * What the overlay needs of the row a record was normalized from (its id, type and subscription), so the base can be
 * loaded as records by the export loader (on two threads) and still be filtered like rows. A CVE detail has no ARM
 * id and is never dropped.
 */
export function rowOfRecord(record: PostureRecord): { id: string; type: string; subscriptionId?: string } {
  switch (record.kind) {
    case 'subscription':
      return { id: `/subscriptions/${record.subscriptionId}`, type: TYPE_OF_KIND.subscription as string, subscriptionId: record.subscriptionId };
    case 'resourceGroup':
      return { id: `/subscriptions/${record.subscriptionId}/resourceGroups/${record.name}`, type: TYPE_OF_KIND.resourceGroup as string, subscriptionId: record.subscriptionId };
    case 'resource':
      return { id: record.id, type: record.type, ...(record.subscriptionId ? { subscriptionId: record.subscriptionId } : {}) };
    case 'cveDetail':
      return { id: '', type: '' };
    default: {
      const subscriptionId = 'subscriptionId' in record ? record.subscriptionId : undefined;
      return { id: record.id, type: TYPE_OF_KIND[record.kind] ?? '', ...(subscriptionId ? { subscriptionId } : {}) };
    }
  }
}
