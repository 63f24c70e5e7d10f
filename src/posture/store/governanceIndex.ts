// Candidate rows for the owner, governance-state and due-date filters, so those filters no longer scan every
// unhealthy row. Built once per table (lazily, cached by table: a table derived by withChanges gets its own) from
// the joined owner, due-date and status columns.
//
// Governance state depends on the clock (see governance.ts), but only through "due date before today": unhealthy
// rows split into unassigned, assigned without a due date (always on time) and assigned with one, kept ascending
// by due date, so "overdue" is a prefix and "on time" the rest, found by binary search per query.
import { UNHEALTHY } from './codecs';
import { buildCodeIndex, type CodeIndex } from './columns';
import { COMPLETED, ON_TIME, OVERDUE, UNASSIGNED } from './governance';
import type { PostureTable } from './table';

export interface GovernanceIndex {
  /** Live rows by owner code. */
  owner: CodeIndex;
  /** Live rows with a due date, ascending by it; dueValues[i] is the due date of dueRows[i]. */
  dueRows: Uint32Array;
  dueValues: Float64Array;
  /** Live unhealthy rows: unassigned, then assigned without a due date, then assigned with one (ascending by due date). */
  stateRows: Uint32Array;
  unassignedEnd: number;
  noDueEnd: number;
  /** Due dates of stateRows[noDueEnd ..], in the same order. */
  stateDueValues: Float64Array;
}

const cache = new WeakMap<PostureTable, GovernanceIndex>();

export function governanceIndexOf(table: PostureTable): GovernanceIndex {
  let index = cache.get(table);
  if (!index) {
    index = buildGovernanceIndex(table);
    cache.set(table, index);
  }
  return index;
}

function buildGovernanceIndex(t: PostureTable): GovernanceIndex {
  const c = t.columns;
  const owner = buildCodeIndex(c.owner, t.dict.owner.size, t.live);
  const dated: number[] = [];
  const unassigned: number[] = [];
  const noDue: number[] = [];
  const assignedDated: number[] = [];
  for (let row = 0; row < t.rowCount; row++) {
    if (t.live[row] !== 1) continue;
    const due = c.dueDate[row] as number;
    const hasDue = !Number.isNaN(due);
    if (hasDue) dated.push(row);
    if (c.status[row] !== UNHEALTHY) continue;
    if ((c.governance[row] as number) < 0 || ((c.owner[row] as number) < 0 && !hasDue)) unassigned.push(row);
    else if (!hasDue) noDue.push(row);
    else assignedDated.push(row);
  }
  const byDue = (a: number, b: number) => (c.dueDate[a] as number) - (c.dueDate[b] as number) || a - b;
  const dueRows = Uint32Array.from(dated.sort(byDue));
  const datedState = assignedDated.sort(byDue);
  const stateRows = Uint32Array.from([...unassigned, ...noDue, ...datedState]);
  return {
    owner,
    dueRows,
    dueValues: Float64Array.from(dueRows, (row) => c.dueDate[row] as number),
    stateRows,
    unassignedEnd: unassigned.length,
    noDueEnd: unassigned.length + noDue.length,
    stateDueValues: Float64Array.from(datedState, (row) => c.dueDate[row] as number),
  };
}

/** First position whose value is >= bound (values ascending). */
function lowerBound(values: Float64Array, bound: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows whose due date is in [from, before): one slice of the due-date order. */
export function dueRangeCandidates(index: GovernanceIndex, from: number, before: number): { index: CodeIndex; codes: number[] } {
  const lo = lowerBound(index.dueValues, from);
  const hi = Math.max(lo, lowerBound(index.dueValues, before));
  return { index: { offsets: Uint32Array.of(lo, hi), rows: index.dueRows }, codes: [0] };
}

/**
 * Rows in any of the wanted governance states (a bit per GOVERNANCE_STATES code) as of todayStart, or undefined
 * when "completed" is wanted (every row that is not unhealthy: the status index already draws those).
 */
export function governanceCandidates(index: GovernanceIndex, mask: number, todayStart: number): { index: CodeIndex; codes: number[] } | undefined {
  if (mask & (1 << COMPLETED)) return undefined;
  const overdueEnd = index.noDueEnd + lowerBound(index.stateDueValues, todayStart);
  // Slices: 0 unassigned, 1 assigned without due date (on time), 2 overdue, 3 due today or later (on time).
  const offsets = Uint32Array.of(0, index.unassignedEnd, index.noDueEnd, overdueEnd, index.stateRows.length);
  const codes: number[] = [];
  if (mask & (1 << UNASSIGNED)) codes.push(0);
  if (mask & (1 << ON_TIME)) codes.push(1, 3);
  if (mask & (1 << OVERDUE)) codes.push(2);
  return { index: { offsets, rows: index.stateRows }, codes };
}
