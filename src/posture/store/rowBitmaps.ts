// Indexes the query planner adds to the table after load, built from the table's columns and CSR indexes (never
// during load): a bitmap per code of the few-valued indexes (status, severity, risk level), rows by resource group,
// and each row's governance class. Each is cached by the arrays it is built from, so an engine derived by
// withChanges rebuilds only what its changed columns invalidate.
import { UNHEALTHY } from './codecs';
import { buildCodeIndex, type CodeIndex } from './columns';
import { GOVERNANCE_STATES } from '../model';
import { COMPLETED, ON_TIME, OVERDUE, UNASSIGNED } from './governance';
import { addIndexedRows, emptyRowSet, type RowSet } from './rowSet';
import type { PostureTable } from './table';
import { textSearchBytes, warmTextSearch } from './textSearch';

/** Indexes with at most this many codes get a bitmap per code (each costs rowCount / 8 bytes). */
export const MAX_BITMAP_CODES = 8;

const bitmapCache = new WeakMap<CodeIndex, RowSet[]>();

/** One bitmap per code of a few-valued index, or undefined for an index with more codes than that. */
export function codeBitmapsOf(index: CodeIndex, rowCount: number): RowSet[] | undefined {
  const codeCount = index.offsets.length - 1;
  if (codeCount > MAX_BITMAP_CODES) return undefined;
  let maps = bitmapCache.get(index);
  if (!maps) {
    maps = [];
    for (let code = 0; code < codeCount; code++) {
      const set = emptyRowSet(rowCount);
      addIndexedRows(set, index, [code]);
      maps.push(set);
    }
    bitmapCache.set(index, maps);
  }
  return maps;
}

const groupCache = new WeakMap<Int32Array, { live: Uint8Array; index: CodeIndex }>();

/** Live rows by resource group code (the load builds no index for it). */
export function resourceGroupIndexOf(t: PostureTable): CodeIndex {
  const column = t.columns.resourceGroup;
  const hit = groupCache.get(column);
  if (hit && hit.live === t.live) return hit.index;
  const index = buildCodeIndex(column, t.dict.resourceGroup.size, t.live);
  groupCache.set(column, { live: t.live, index });
  return index;
}

const pathCache = new WeakMap<Uint16Array, { live: Uint8Array; index: CodeIndex }>();

/** Live rows with at least one attack path, ascending, as a one-code index (code 0). */
export function attackPathIndexOf(t: PostureTable): CodeIndex {
  const column = t.columns.attackPaths;
  const hit = pathCache.get(column);
  if (hit && hit.live === t.live) return hit.index;
  const flags = new Int32Array(t.rowCount).fill(-1);
  for (let row = 0; row < t.rowCount; row++) if ((column[row] as number) > 0) flags[row] = 0;
  const index = buildCodeIndex(flags, 1, t.live);
  pathCache.set(column, { live: t.live, index });
  return index;
}

/** governanceClassOf: the row's state when the clock cannot change it; DATED when it depends on today. */
export const DATED = 255;
const classCache = new WeakMap<PostureTable, Uint8Array>();

/**
 * Per row, its governance state code (COMPLETED, UNASSIGNED, ON_TIME) or DATED: unhealthy, assigned and with a due
 * date, so overdue or on time depending on the day. Same rules as governanceStateCode.
 */
export function governanceClassOf(t: PostureTable): Uint8Array {
  let classes = classCache.get(t);
  if (!classes) {
    const c = t.columns;
    classes = new Uint8Array(t.rowCount);
    for (let row = 0; row < t.rowCount; row++) {
      if (c.status[row] !== UNHEALTHY) {
        classes[row] = COMPLETED;
        continue;
      }
      const hasDue = !Number.isNaN(c.dueDate[row] as number);
      if ((c.governance[row] as number) < 0 || ((c.owner[row] as number) < 0 && !hasDue)) classes[row] = UNASSIGNED;
      else classes[row] = hasDue ? DATED : ON_TIME;
    }
    classCache.set(t, classes);
  }
  return classes;
}

const stateBitmaps = new WeakMap<Uint8Array, { live: Uint8Array; dueDate: Float64Array; todayStart: number; maps: RowSet[] }>();

/**
 * Live rows by governance state as of todayStart, a bitmap per state code (GOVERNANCE_STATES order); kept per table
 * for the last day asked (the state of a dated row changes at midnight UTC).
 */
export function stateBitmapsOf(t: PostureTable, todayStart: number): RowSet[] {
  const classes = governanceClassOf(t);
  const due = t.columns.dueDate;
  const hit = stateBitmaps.get(classes);
  if (hit && hit.live === t.live && hit.dueDate === due && hit.todayStart === todayStart) return hit.maps;
  const maps = GOVERNANCE_STATES.map(() => emptyRowSet(t.rowCount));
  for (let row = 0; row < t.rowCount; row++) {
    if (t.live[row] !== 1) continue;
    const known = classes[row] as number;
    const map = maps[known !== DATED ? known : (due[row] as number) < todayStart ? OVERDUE : ON_TIME] as RowSet;
    map[row >>> 5] = (map[row >>> 5] as number) | (1 << (row & 31));
  }
  stateBitmaps.set(classes, { live: t.live, dueDate: due, todayStart, maps });
  return maps;
}

/** Builds every planner index up front (a fresh load pays for them in load time, not in its first queries). */
export function warmQueryIndexes(t: PostureTable): void {
  codeBitmapsOf(t.indexes.status, t.rowCount);
  codeBitmapsOf(t.indexes.severity, t.rowCount);
  codeBitmapsOf(t.indexes.risk, t.rowCount);
  resourceGroupIndexOf(t);
  attackPathIndexOf(t);
  governanceClassOf(t);
  warmTextSearch(t.dict.resourceName);
  warmTextSearch(t.dict.name);
}

/** Bytes held by the planner's indexes of this table (the bench reports it). */
export function queryIndexBytes(t: PostureTable): number {
  let bytes = 0;
  for (const index of [t.indexes.status, t.indexes.severity, t.indexes.risk]) for (const map of codeBitmapsOf(index, t.rowCount) ?? []) bytes += map.byteLength;
  const group = resourceGroupIndexOf(t);
  bytes += attackPathIndexOf(t).rows.byteLength;
  bytes += textSearchBytes(t.dict.resourceName) + textSearchBytes(t.dict.name);
  return bytes + group.offsets.byteLength + group.rows.byteLength + governanceClassOf(t).byteLength;
}
