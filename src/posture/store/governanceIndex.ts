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

/**
 * Parts kept by the arrays they are built from, so a table derived by withChanges reuses those its changes did not
 * replace (a status change keeps the owner and due-date orders; only the state rows are listed again).
 */
const ownerCache = new WeakMap<Int32Array, { live: Uint8Array; size: number; index: CodeIndex }>();
const dueCache = new WeakMap<Float64Array, { live: Uint8Array; rows: Uint32Array; values: Float64Array }>();

function buildGovernanceIndex(t: PostureTable): GovernanceIndex {
  const c = t.columns;
  let owned = ownerCache.get(c.owner);
  if (!owned || owned.live !== t.live || owned.size !== t.dict.owner.size) {
    owned = { live: t.live, size: t.dict.owner.size, index: buildCodeIndex(c.owner, t.dict.owner.size, t.live) };
    ownerCache.set(c.owner, owned);
  }
  const owner = owned.index;
  // One pass over the rows, listing each kind into arrays of the table's size (trimmed after).
  let due = dueCache.get(c.dueDate);
  const listDated = !due || due.live !== t.live;
  const dated = new Uint32Array(listDated ? t.rowCount : 0);
  const unassigned = new Uint32Array(t.rowCount);
  const noDue = new Uint32Array(t.rowCount);
  let d = 0;
  let u = 0;
  let n = 0;
  for (let row = 0; row < t.rowCount; row++) {
    if (t.live[row] !== 1) continue;
    const hasDue = !Number.isNaN(c.dueDate[row] as number);
    if (hasDue && listDated) dated[d++] = row;
    if (c.status[row] !== UNHEALTHY) continue;
    if ((c.governance[row] as number) < 0 || ((c.owner[row] as number) < 0 && !hasDue)) unassigned[u++] = row;
    else if (!hasDue) noDue[n++] = row;
  }
  if (listDated) {
    const rows = sortByDue(dated.subarray(0, d), c.dueDate);
    due = { live: t.live, rows, values: valuesAt(rows, c.dueDate) };
    dueCache.set(c.dueDate, due);
  }
  const dueRows = (due as { rows: Uint32Array }).rows;
  const dueValues = (due as { values: Float64Array }).values;
  // Assigned unhealthy rows with a due date, in the same (due date, row) order: a subsequence of dueRows.
  const stateRows = new Uint32Array(u + n + dueRows.length);
  stateRows.set(unassigned.subarray(0, u));
  stateRows.set(noDue.subarray(0, n), u);
  let at = u + n;
  for (let i = 0; i < dueRows.length; i++) {
    const row = dueRows[i] as number;
    if (c.status[row] === UNHEALTHY && (c.governance[row] as number) >= 0) stateRows[at++] = row;
  }
  const trimmed = stateRows.slice(0, at);
  return {
    owner,
    dueRows,
    dueValues,
    stateRows: trimmed,
    unassignedEnd: u,
    noDueEnd: u + n,
    stateDueValues: valuesAt(trimmed.subarray(u + n), c.dueDate),
  };
}

/** column[rows[i]] for each i. */
function valuesAt(rows: Uint32Array, column: Float64Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i] as number] as number;
  return out;
}

/**
 * The rows (ascending) ordered by due date, ties by row: a counting sort over the rank of each row's date among the
 * distinct dates, instead of a comparison sort of the rows.
 */
export function sortByDue(rows: Uint32Array, due: Float64Array): Uint32Array {
  // The distinct dates: few in practice (due dates fall on days), so collected in a set rather than sorting every row's.
  const seen = new Set<number>();
  let last = Number.NaN;
  for (let i = 0; i < rows.length; i++) {
    const value = due[rows[i] as number] as number;
    if (value !== last) seen.add((last = value));
  }
  const distinct = Float64Array.from(seen).sort();
  const distinctCount = distinct.length;
  const ranks = new Uint32Array(rows.length);
  const starts = new Uint32Array(distinctCount + 1);
  for (let i = 0; i < rows.length; i++) {
    const rank = lowerBound(distinct, due[rows[i] as number] as number);
    ranks[i] = rank;
    starts[rank + 1] = (starts[rank + 1] as number) + 1;
  }
  for (let rank = 0; rank < distinctCount; rank++) starts[rank + 1] = (starts[rank + 1] as number) + (starts[rank] as number);
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const rank = ranks[i] as number;
    out[starts[rank] as number] = rows[i] as number;
    starts[rank] = (starts[rank] as number) + 1;
  }
  return out;
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
