// What history records of one load: every assessment's status, keyed by a hash of its id, and what a row that
// later disappears should be called. Read from the engine page by page (statuses of every kind).
import type { PostureEngine, RecommendationRow } from '../engine';
import { SYSTEM_VIEWER } from '../viewer';
import { codeOfStatus, hashOf, type State } from './stateCodes';

const PAGE = 20_000;
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

/** Lets turns run between pages: a snapshot of 1M rows is many pages. */
const yieldToTurns = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function snapshotOf(engine: PostureEngine): Promise<LoadSnapshot> {
  const state: State = new Map();
  const ids = new Map<string, string>();
  const labels = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = engine.search(SYSTEM_VIEWER, { filter: {}, sort: 'severity', offset, limit: PAGE });
    for (const row of page.items) {
      const hash = hashOf(row.assessmentId);
      state.set(hash, codeOfStatus(row.status));
      if (page.total <= MAX_LABELLED) {
        ids.set(hash, row.assessmentId);
        labels.set(hash, labelOf(row));
      }
    }
    if (page.items.length < PAGE) break;
    await yieldToTurns();
  }
  return { state, ids, label: (hash) => labels.get(hash) };
}

/** The assessment ids of some hashes, read again from the engine (for data too large to keep every id). */
export async function idsOf(engine: PostureEngine, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  for (let offset = 0; ; offset += PAGE) {
    const page = engine.search(SYSTEM_VIEWER, { filter: {}, sort: 'severity', offset, limit: PAGE });
    for (const row of page.items) {
      const hash = hashOf(row.assessmentId);
      if (wanted.has(hash)) out.set(hash, row.assessmentId);
    }
    if (page.items.length < PAGE || out.size === wanted.size) break;
    await yieldToTurns();
  }
  return out;
}
