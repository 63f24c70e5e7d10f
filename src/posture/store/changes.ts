// Local changes laid over a finished table without reloading it: a derived table shares every column with its base
// except the few a change touches (status and its texts, or owner, due date and assignment), which are copied and
// edited, with the status index rebuilt. The base is never modified, so turns still reading it are not disturbed.
import type { OverlayChange } from '../model';
import { statusCode } from './codecs';
import { buildCodeIndex } from './columns';
import { findRow } from './rowLookup';
import type { GovernanceFacts, PostureTable } from './table';

type StatusChange = Extract<OverlayChange, { kind: 'status' }>;
type GovernanceChange = Extract<OverlayChange, { kind: 'governance' }>;
/** Governance fields a change may set besides owner and due date, copied as they are. */
const GOVERNANCE_EXTRAS = ['isGracePeriod', 'etaDate', 'etaJustification', 'ticketNumber', 'ticketLink', 'ticketStatus'] as const;

export interface ChangedTable {
  table: PostureTable;
  /** Changes whose assessment is in the table (the others name rows this data does not have). */
  applied: number;
  /** True when an owner was added or changed: the owner vocabulary must be read again. */
  ownersChanged: boolean;
}

/** Applies the changes in time order (the latest per assessment and kind wins) to a copy of the touched columns. */
export function applyChanges(base: PostureTable, changes: readonly OverlayChange[]): ChangedTable {
  const statusByRow = new Map<number, StatusChange>();
  const governanceByRow = new Map<number, GovernanceChange>();
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const row = findRow(base, change.assessmentId);
    if (row === undefined) continue;
    if (change.kind === 'status') statusByRow.set(row, change);
    else governanceByRow.set(row, change);
  }
  const applied = statusByRow.size + governanceByRow.size;
  if (applied === 0) return { table: base, applied, ownersChanged: false };
  const table: PostureTable = { ...base, columns: { ...base.columns }, dict: { ...base.dict }, indexes: { ...base.indexes } };
  if (statusByRow.size > 0) applyStatus(base, table, statusByRow);
  if (governanceByRow.size > 0) applyGovernance(base, table, governanceByRow);
  return { table, applied, ownersChanged: governanceByRow.size > 0 };
}

function applyStatus(base: PostureTable, table: PostureTable, changes: Map<number, StatusChange>): void {
  const c = base.columns;
  const status = c.status.slice();
  const statusChange = c.statusChange.slice();
  const statusCause = c.statusCause.slice();
  const statusDescription = c.statusDescription.slice();
  const text = base.dict.text.clone();
  for (const [row, change] of changes) {
    status[row] = statusCode(change.status);
    statusChange[row] = change.at;
    statusCause[row] = text.encodeOptional(change.cause);
    statusDescription[row] = text.encodeOptional(change.note);
  }
  Object.assign(table.columns, { status, statusChange, statusCause, statusDescription });
  table.dict.text = text;
  table.indexes.status = buildCodeIndex(status, base.indexes.status.offsets.length - 1, base.live);
}

function applyGovernance(base: PostureTable, table: PostureTable, changes: Map<number, GovernanceChange>): void {
  const c = base.columns;
  const governanceColumn = c.governance.slice();
  const owner = c.owner.slice();
  const dueDate = c.dueDate.slice();
  const records = base.governance.slice();
  const owners = base.dict.owner.clone();
  for (const [row, change] of changes) {
    const previous: GovernanceFacts | undefined = records[c.governance[row] as number];
    // Merged over the data's own assignment, so its ticket, ETA and grace period survive.
    const record: GovernanceFacts = { ...(previous ?? {}) };
    if (change.owner !== undefined) record.owner = change.owner;
    if (change.dueDate !== undefined) record.dueDate = change.dueDate;
    for (const field of GOVERNANCE_EXTRAS) if (change[field] !== undefined) Object.assign(record, { [field]: change[field] });
    governanceColumn[row] = records.length;
    records.push(record);
    owner[row] = record.owner?.trim() ? owners.encode(record.owner.trim()) : -1;
    dueDate[row] = record.dueDate ?? Number.NaN;
  }
  Object.assign(table.columns, { governance: governanceColumn, owner, dueDate });
  table.governance = records;
  table.dict.owner = owners;
}
