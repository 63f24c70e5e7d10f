// What history records of one load: every assessment's status, keyed by a hash of its id, and what a row that
// later disappears should be called. Read from the engine page by page (statuses of every kind).
import type { PostureEngine, RecommendationRow, StatusRow } from '../engine';
import { SYSTEM_VIEWER } from '../viewer';
import { codeOfStatus, hashOf, type State } from './stateCodes';

/**
 * Work between yields to turns, in milliseconds. Each step of a turn (an HTTP read, a storage call, the reply) waits
 * for the slice in progress, so a slice of 20,000 rows (tens of ms at 1M rows) made every turn during the recording
 * wait several slices: bot turns at 1M rows took ~60 ms at p50 instead of a few.
 */
const SLICE_MS = 4;
/**
 * Rows per read of the engine's row reader: small, so each read's row objects die young (a read of a whole page
 * outlived the young generation and every row object of a large snapshot went to the old one as garbage).
 */
const READ = 1_000;
/** The most rows engine.search returns in one page (src/posture/store/engine.ts MAX_PAGE). */
const SEARCH_PAGE = 10_000;
/** Above this many rows a snapshot keeps no names (they would cost more memory than the history itself). */
const MAX_LABELLED = 200_000;

export interface LoadSnapshot {
  state: State;
  /** hash -> assessment id, for the rows in this load (to show them later); empty on large data (see idsOf). */
  ids: Map<string, string>;
  /** hash -> "recommendation · resource", said when a row is gone. */
  label(hash: string): string | undefined;
}

export const labelOf = (row: Pick<RecommendationRow, 'displayName' | 'resourceName'>) => `${row.displayName} · ${row.resourceName}`.slice(0, 200);

/** Lets turns run between slices: a snapshot of 1M rows is many slices. */
const yieldToTurns = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every row once, yielding to turns every few milliseconds: from the engine's storage-order reader when it
 * has one (each row read once), else through search pages (each page sorts everything before it: slow on large data).
 */
async function eachPage(engine: PostureEngine, visit: (rows: readonly StatusRow[], total: number) => boolean | void): Promise<void> {
  if (engine.statusRows) {
    const total = engine.capabilities(SYSTEM_VIEWER).assessmentCount;
    let sliceStart = performance.now();
    for (let start: number | undefined = 0; start !== undefined; ) {
      const read: { items: StatusRow[]; next?: number } = engine.statusRows(start, READ);
      if (visit(read.items, total) === false) return;
      start = read.next;
      if (start !== undefined && performance.now() - sliceStart >= SLICE_MS) {
        await yieldToTurns();
        sliceStart = performance.now();
      }
    }
    return;
  }
  for (let offset = 0; ; offset += SEARCH_PAGE) {
    const page = engine.search(SYSTEM_VIEWER, { filter: {}, sort: 'severity', offset, limit: SEARCH_PAGE });
    if (visit(page.items, page.total) === false || page.items.length < SEARCH_PAGE) return;
    await yieldToTurns();
  }
}

export async function snapshotOf(engine: PostureEngine): Promise<LoadSnapshot> {
  const state: State = new Map();
  const ids = new Map<string, string>();
  const labels = new Map<string, string>();
  await eachPage(engine, (rows, total) => {
    for (const row of rows) {
      const hash = hashOf(row.assessmentId);
      state.set(hash, codeOfStatus(row.status));
      if (total <= MAX_LABELLED) {
        ids.set(hash, row.assessmentId);
        labels.set(hash, labelOf(row));
      }
    }
  });
  return { state, ids, label: labelReader(labels) };
}

/**
 * Made outside snapshotOf: a closure made there would share its scope, and with it the state (a million entries at
 * 1M rows), with whoever keeps the label reader after the state is done with.
 */
function labelReader(labels: ReadonlyMap<string, string>): LoadSnapshot['label'] {
  return (hash) => labels.get(hash);
}

/** The assessment ids of some hashes, read again from the engine (for data too large to keep every id). */
export async function idsOf(engine: PostureEngine, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  await eachPage(engine, (rows) => {
    for (const row of rows) {
      const hash = hashOf(row.assessmentId);
      if (wanted.has(hash)) out.set(hash, row.assessmentId);
    }
    return out.size < wanted.size;
  });
  return out;
}
