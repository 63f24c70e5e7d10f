// Assessment ids <-> rows without a million-entry id map: standard ids are the resource id plus the key, so a
// lookup goes through the resource's rows; only ids of another shape are kept (and looked up) verbatim.
import { ASSESSMENT_ID_INFIX, INFIX_LOWER } from './governanceAssignments';
import type { CodeIndex } from './columns';
import type { Dictionaries, Sparse } from './table';


interface LookupSource {
  dict: Dictionaries;
  sparse: Sparse;
  columns: { key: Int32Array; resource: Int32Array };
  live: Uint8Array;
  indexes: { resource: CodeIndex };
}

export function assessmentIdOf(t: Pick<LookupSource, 'dict' | 'sparse' | 'columns'>, row: number): string {
  return (
    t.sparse.id.get(row) ??
    t.dict.resource.value(t.columns.resource[row] as number) + ASSESSMENT_ID_INFIX + t.dict.key.value(t.columns.key[row] as number)
  );
}

/** The live row with this assessment id (any casing), or undefined. */
export function findRow(t: LookupSource, id: string): number | undefined {
  const lower = id.trim().toLowerCase();
  const verbatim = t.sparse.idLookup.get(lower);
  if (verbatim !== undefined && t.live[verbatim] === 1) return verbatim;
  const at = lower.lastIndexOf(INFIX_LOWER);
  if (at <= 0) return undefined;
  const resource = t.dict.resource.find(lower.slice(0, at));
  const key = t.dict.key.find(lower.slice(at + INFIX_LOWER.length));
  if (resource === undefined || key === undefined) return undefined;
  const { offsets, rows } = t.indexes.resource;
  for (let i = offsets[resource] ?? 0; i < (offsets[resource + 1] ?? 0); i++) {
    const row = rows[i] as number;
    if (t.columns.key[row] === key && !t.sparse.id.has(row)) return row;
  }
  return undefined;
}

/** Rows whose verbatim id is made of a known resource and key (idLookup's), by resource code then key code. */
export type VerbatimRows = Map<number, Map<number, number>>;

/** idLookup's ids that split into known (resource, key) codes, held by those codes: findRowOfCodes reads them. */
export function verbatimRowsByCodes(t: Pick<LookupSource, 'dict' | 'sparse'>): VerbatimRows {
  const out: VerbatimRows = new Map();
  for (const [lower, row] of t.sparse.idLookup) {
    const at = lower.lastIndexOf(INFIX_LOWER);
    if (at <= 0) continue;
    const resource = t.dict.resource.findLower(lower.slice(0, at));
    const key = resource === undefined ? undefined : t.dict.key.findLower(lower.slice(at + INFIX_LOWER.length));
    if (resource === undefined || key === undefined) continue;
    let keys = out.get(resource);
    if (!keys) out.set(resource, (keys = new Map()));
    keys.set(key, row);
  }
  return out;
}

/**
 * findRow for the id made of a resource code, the infix and a key code (lower-cased, trimmed: governanceAssignments'
 * assignGovernance), without building it: its verbatim row first (from verbatimRowsByCodes), then the resource's rows.
 */
export function findRowOfCodes(t: LookupSource, resource: number, key: number, verbatim: VerbatimRows): number | undefined {
  const row = verbatim.get(resource)?.get(key);
  if (row !== undefined && t.live[row] === 1) return row;
  const { offsets, rows } = t.indexes.resource;
  for (let i = offsets[resource] ?? 0; i < (offsets[resource + 1] ?? 0); i++) {
    const candidate = rows[i] as number;
    if (t.columns.key[candidate] === key && !t.sparse.id.has(candidate)) return candidate;
  }
  return undefined;
}
