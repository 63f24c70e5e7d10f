// finish(): freezes the builder's columns, drops superseded duplicate rows, joins governance and findings,
// applies the date shift and builds the indexes the queries use.
import type { GovernanceRecord } from '../model';
import type { BuilderState } from './builder';
import { severityCode } from './codecs';
import { buildCodeIndex, type CodeIndex } from './columns';
import { buildTagIndex } from './tags';
import { assessmentIdOf, findRow } from './rowLookup';
import type { Columns, PostureTable } from './table';

export interface FinishOptions {
  /** Added to every date (demo tenants are shifted to the present this way). */
  dateShiftMs?: number;
}

export function buildTable(state: BuilderState, options: FinishOptions = {}): PostureTable {
  const shift = options.dateShiftMs ?? 0;
  const { cols, dict, sparse } = state;
  const rowCount = cols.key.length;
  const base = {
    key: cols.key.toArray(), name: cols.name.toArray(), status: cols.status.toArray(), severity: cols.severity.toArray(),
    risk: cols.risk.toArray(), cloud: cols.cloud.toArray(), riskFactors: cols.riskFactors.toArray(),
    categories: cols.categories.toArray(), attackPaths: cols.attackPaths.toArray(), resource: cols.resource.toArray(),
    resourceName: cols.resourceName.toArray(), resourceType: cols.resourceType.toArray(),
    resourceGroup: cols.resourceGroup.toArray(), subscription: cols.subscription.toArray(),
    statusCause: cols.statusCause.toArray(), statusDescription: cols.statusDescription.toArray(),
    riskLabels: cols.riskLabels.toArray(), firstEvaluation: cols.firstEvaluation.toArray(), statusChange: cols.statusChange.toArray(),
  };
  const columns: Columns = {
    ...base,
    governance: new Int32Array(rowCount).fill(-1),
    owner: new Int32Array(rowCount).fill(-1),
    dueDate: new Float64Array(rowCount).fill(Number.NaN),
    findingCount: new Uint32Array(rowCount),
    findingSeverity: new Uint8Array(rowCount),
    riskRank: new Uint32Array(rowCount),
  };
  if (shift) shiftDates([columns.firstEvaluation, columns.statusChange], shift);
  for (const [row, id] of sparse.id) sparse.idLookup.set(id.toLowerCase(), row);

  const live = dropSuperseded(state, columns, rowCount);
  const index = (codes: ArrayLike<number>, count: number): CodeIndex => buildCodeIndex(codes, count, live);
  const indexes = {
    status: index(columns.status, 3),
    severity: index(columns.severity, 5),
    risk: index(columns.risk, 5),
    key: index(columns.key, dict.key.size),
    name: index(columns.name, dict.name.size),
    resource: index(columns.resource, dict.resource.size),
    resourceName: index(columns.resourceName, dict.resourceName.size),
    resourceType: index(columns.resourceType, dict.resourceType.size),
    subscription: index(columns.subscription, dict.subscription.size),
  };
  let liveCount = 0;
  let hasRiskData = false;
  let hasAttackPathRows = false;
  const referenced = new Uint8Array(dict.resource.size);
  for (let row = 0; row < rowCount; row++) {
    if (live[row] !== 1) continue;
    liveCount++;
    const risk = columns.risk[row] as number;
    const paths = columns.attackPaths[row] as number;
    if (risk > 0) hasRiskData = true;
    if (paths > 0) hasAttackPathRows = true;
    columns.riskRank[row] = (risk << 19) | (paths << 3) | (columns.severity[row] as number);
    referenced[columns.resource[row] as number] = 1;
  }
  for (const code of state.resources.keys()) referenced[code] = 1;

  const table: PostureTable = {
    rowCount, liveCount, live, columns, dict, sparse, keyInfo: state.keyInfo,
    governance: [], subscriptionNames: state.subscriptionNames, resources: state.resources,
    ...buildTagIndex(state.resources),
    findingsByResource: state.findings,
    findingSeverityMask: new Uint8Array(dict.resource.size),
    findingCount: state.findingCount,
    attackPaths: state.attackPaths, secureScores: state.secureScores, secureScoreControls: state.secureScoreControls,
    nameOrder: sortOrder(dict.name.lowerValues()),
    resourceNameOrder: sortOrder(dict.resourceName.lowerValues()),
    indexes,
    resourceCount: referenced.reduce((sum, flag) => sum + flag, 0),
    hasRiskData,
    hasAttackPathRows,
  };
  joinGovernance(state, table, shift);
  joinFindings(table, shift);
  for (const d of Object.values(dict)) d.seal();
  return table;
}

function shiftDates(arrays: Float64Array[], shift: number): void {
  for (const values of arrays) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) + shift;
}

/** A row added again with the same id (an export page repeated, a local overlay) replaces the earlier one. */
function dropSuperseded(state: BuilderState, columns: Columns, rowCount: number): Uint8Array {
  const live = new Uint8Array(rowCount).fill(1);
  const byResource = buildCodeIndex(columns.resource, state.dict.resource.size, live);
  const seen = new Map<number | string, number>();
  const t = { dict: state.dict, sparse: state.sparse, columns };
  for (let code = 0; code + 1 < byResource.offsets.length; code++) {
    const start = byResource.offsets[code] as number;
    const end = byResource.offsets[code + 1] as number;
    if (end - start < 2) continue;
    seen.clear();
    for (let i = start; i < end; i++) {
      const row = byResource.rows[i] as number;
      const key = columns.key[row] as number;
      const verbatim = state.sparse.id.get(row)?.toLowerCase();
      const identity = verbatim === undefined || verbatim === standardLower(state, code, key) ? key : verbatim;
      const earlier = seen.get(identity);
      if (earlier !== undefined && assessmentIdOf(t, earlier).toLowerCase() === assessmentIdOf(t, row).toLowerCase()) live[earlier] = 0;
      seen.set(identity, row);
    }
  }
  return live;
}

function standardLower(state: BuilderState, resource: number, key: number): string {
  return state.dict.resource.lower(resource) + '/providers/microsoft.security/assessments/' + state.dict.key.lower(key);
}

function joinGovernance(state: BuilderState, table: PostureTable, shift: number): void {
  const { columns } = table;
  for (const [assessmentId, record] of state.governance) {
    const row = findRow(table, assessmentId);
    if (row === undefined) continue;
    const shifted: GovernanceRecord = {
      ...record,
      dueDate: record.dueDate === undefined ? undefined : record.dueDate + shift,
      etaDate: record.etaDate === undefined ? undefined : record.etaDate + shift,
    };
    columns.governance[row] = table.governance.length;
    table.governance.push(shifted);
    columns.owner[row] = record.owner ? table.dict.owner.encode(record.owner.trim()) : -1;
    columns.dueDate[row] = shifted.dueDate ?? Number.NaN;
  }
}

function joinFindings(table: PostureTable, shift: number): void {
  const { columns, indexes } = table;
  const openByKey = new Map<string, number>();
  const severitiesByKey = new Map<string, number>();
  for (const [resource, findings] of table.findingsByResource) {
    openByKey.clear();
    severitiesByKey.clear();
    let mask = 0;
    for (const finding of findings) {
      if (shift && finding.timeGenerated !== undefined) finding.timeGenerated += shift;
      if (finding.status !== 'Unhealthy') continue;
      const bit = 1 << severityCode(finding.severity);
      mask |= bit;
      openByKey.set(finding.parentKey, (openByKey.get(finding.parentKey) ?? 0) + 1);
      severitiesByKey.set(finding.parentKey, (severitiesByKey.get(finding.parentKey) ?? 0) | bit);
    }
    table.findingSeverityMask[resource] = mask;
    const end = indexes.resource.offsets[resource + 1] ?? 0;
    for (let i = indexes.resource.offsets[resource] ?? 0; i < end; i++) {
      const row = indexes.resource.rows[i] as number;
      const key = table.dict.key.lower(columns.key[row] as number);
      columns.findingCount[row] = openByKey.get(key) ?? 0;
      columns.findingSeverity[row] = severitiesByKey.get(key) ?? 0;
    }
  }
}

/** Position of each value in case-insensitive order: sorts distinct values, never rows. */
function sortOrder(values: readonly string[]): Uint32Array {
  const codes = Array.from(values.keys()).sort((a, b) => {
    const x = values[a] as string;
    const y = values[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const order = new Uint32Array(values.length);
  codes.forEach((code, position) => (order[code] = position));
  return order;
}
