// Compiles a PostureFilter into per-column checks over codes, resolved once per query against the
// dictionaries, and picks the most selective index to draw candidate rows from.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_LEVELS, STATUS_CODES } from '../model';
import type { PostureFilter } from '../engine';
import { categoryMask, maskOf, riskFactorMask, severityMask } from './codecs';
import { indexedCount, type CodeIndex } from './columns';
import type { StringDictionary } from './dictionary';
import { governanceStateCode } from './governance';
import { dueRangeCandidates, governanceCandidates, governanceIndexOf } from './governanceIndex';
import { attackPathIndexOf, codeBitmapsOf, resourceGroupIndexOf, stateBitmapsOf } from './rowBitmaps';
import { rowsContaining, valuesContaining } from './textSearch';
import { addIndexedRows, countRows, emptyRowSet, intersectInto, rowsOf, uniteInto, type RowSet } from './rowSet';
import { resourcesWithTags } from './tags';
import type { PostureTable, RowTerms } from './table';

export interface CompiledFilter {
  /** Some value resolved to nothing in the data: no row can match. */
  none: boolean;
  source: { index: CodeIndex; codes: number[] };
  test: (row: number) => boolean;
  /**
   * Set when the candidates are many: the rows every indexed condition admits (an intersection of bitmaps), to be
   * walked in ascending order instead of `source`. Only `residual` is left to check on them (undefined: nothing).
   */
  rows?: RowSet;
  residual?: (row: number) => boolean;
}

/** Rows of some codes of a CSR index; `bitmaps` when the index keeps one per code. */
interface Candidates {
  readonly index: CodeIndex;
  codes: number[];
  bitmaps?: RowSet[];
  /** The rows as one bitmap (`index` then lists them only when read) and how many there are. */
  set?: RowSet;
  size?: number;
}

const sizeOf = (candidates: Candidates): number => candidates.size ?? indexedCount(candidates.index, candidates.codes);

/** Candidates held as a bitmap; listed as a one-code index only if the planner walks them. */
function setCandidates(set: RowSet): Candidates {
  let index: CodeIndex | undefined;
  return {
    set,
    size: countRows(set),
    codes: [0],
    get index(): CodeIndex {
      if (!index) {
        const rows = Uint32Array.from(rowsOf(set));
        index = { offsets: Uint32Array.of(0, rows.length), rows };
      }
      return index;
    },
  };
}

/** A scoped viewer's rows (those the status index holds, as an unscoped query's), kept per visible-row array and table. */
const visibleCache = new WeakMap<Uint8Array, { status: CodeIndex; candidates: Candidates }>();

/**
 * The rows a scope lets its viewer see as candidates like any indexed condition's: intersected with the filter's
 * bitmaps (no visibility test per row left), or walked when they are the fewest. Built on a scope's first query.
 */
function visibleCandidates(t: PostureTable, visible: Uint8Array): Candidates {
  const status = t.indexes.status;
  const hit = visibleCache.get(visible);
  if (hit && hit.status === status) return hit.candidates;
  const set = emptyRowSet(t.rowCount);
  for (let row = 0; row < t.rowCount; row++) if (visible[row] === 1) set[row >>> 5] = (set[row >>> 5] as number) | (1 << (row & 31));
  const held = emptyRowSet(t.rowCount);
  const maps = codeBitmapsOf(status, t.rowCount);
  if (maps) for (const map of maps) uniteInto(held, map);
  else addIndexedRows(held, status, Array.from({ length: status.offsets.length - 1 }, (_, code) => code));
  intersectInto(set, held);
  const candidates = setCandidates(set);
  visibleCache.set(visible, { status, candidates });
  return candidates;
}

/** Below this many candidate rows (and 1/64 of the table), walking one index beats intersecting bitmaps. */
const MIN_BITMAP_CANDIDATES = 1024;

interface CodeCondition {
  column: Int32Array;
  table: Uint8Array;
  index?: CodeIndex;
  codes: number[];
}

const given = <T>(values: readonly T[] | undefined): values is readonly T[] => values !== undefined && values.length > 0;
const text = (value: string | undefined): string | undefined => (value?.trim() ? value.trim().toLowerCase() : undefined);

/** How candidates are drawn: by the planner's choice, or always one way (tests compare the two with a scan). */
export type CandidatePlan = 'auto' | 'bitmaps' | 'index';

export function compileFilter(t: PostureTable, filter: PostureFilter, todayStart: number, visible?: Uint8Array, plan: CandidatePlan = 'auto'): CompiledFilter {
  const c = t.columns;
  const conditions: CodeCondition[] = [];
  let none = false;
  const byCodes = (column: Int32Array, dict: StringDictionary, wanted: readonly string[], index?: CodeIndex) => {
    const set = new Set(wanted.map((value) => value.trim().toLowerCase()));
    const match = dict.matching((lower) => set.has(lower));
    conditions.push({ column, index, ...match });
    if (!match.codes.length) none = true;
  };
  // Text matched through a word index comes as a bitmap of rows (see rowsContaining), checked bit by bit.
  const textSets: Candidates[] = [];
  const byText = (column: Int32Array, dict: StringDictionary, needle: string, index: CodeIndex) => {
    const rows = rowsContaining(dict, index, t.rowCount, needle);
    if (rows) {
      const candidates = setCandidates(rows);
      textSets.push(candidates);
      if (candidates.size === 0) none = true;
      return;
    }
    const match = valuesContaining(dict, needle);
    conditions.push({ column, index, ...match });
    if (!match.codes.length) none = true;
  };

  if (given(filter.recommendationKeys)) byCodes(c.key, t.dict.key, filter.recommendationKeys, t.indexes.key);
  if (given(filter.resourceTypes)) byCodes(c.resourceType, t.dict.resourceType, filter.resourceTypes, t.indexes.resourceType);
  if (given(filter.resourceGroups)) byCodes(c.resourceGroup, t.dict.resourceGroup, filter.resourceGroups, resourceGroupIndexOf(t));
  if (given(filter.owners)) byCodes(c.owner, t.dict.owner, filter.owners, governanceIndexOf(t).owner);
  if (given(filter.subscriptions)) {
    const wanted = new Set(filter.subscriptions.map((value) => value.trim().toLowerCase()));
    const match = t.dict.subscription.matching(
      (lower, code) => wanted.has(lower) || wanted.has((t.subscriptionNames.get(code) ?? '').trim().toLowerCase()),
    );
    conditions.push({ column: c.subscription, index: t.indexes.subscription, ...match });
    if (!match.codes.length) none = true;
  }
  const recommendationText = text(filter.recommendationText);
  if (recommendationText) byText(c.name, t.dict.name, recommendationText, t.indexes.name);
  const resourceText = text(filter.resourceText);
  if (resourceText) byText(c.resourceName, t.dict.resourceName, resourceText, t.indexes.resourceName);

  if (given(filter.recommendationCategories)) {
    byCodes(c.recommendationCategory, t.dict.recommendationCategory, filter.recommendationCategories, t.indexes.recommendationCategory);
  }
  const termRows = termConditions(t, filter);
  if (termRows && termRows.rows.length === 0) none = true;

  const resourceTable = resourceConditions(t, filter);
  if (resourceTable) {
    const codes: number[] = [];
    resourceTable.forEach((flag, code) => flag && codes.push(code));
    conditions.push({ column: c.resource, table: resourceTable, index: t.indexes.resource, codes });
    if (!codes.length) none = true;
  }

  const statusMask = given(filter.statuses) ? maskOf(STATUS_CODES, filter.statuses) : 0;
  const severities = given(filter.severities) ? severityMask(filter.severities) : 0;
  const risks = given(filter.riskLevels) ? maskOf(RISK_LEVELS, filter.riskLevels, 1) : 0;
  const clouds = given(filter.clouds) ? maskOf(CLOUDS, filter.clouds) : 0;
  const factors = given(filter.riskFactors) ? riskFactorMask(filter.riskFactors) : 0;
  const categories = given(filter.categories) ? categoryMask(filter.categories.filter((x) => CATEGORIES.includes(x))) : 0;
  const governance = given(filter.governance) ? maskOf(GOVERNANCE_STATES, filter.governance) : 0;
  const attackPaths = filter.hasAttackPaths === true;
  // The resource condition above narrows candidates; this keeps the recommendations the findings belong to.
  const findings = given(filter.findingSeverities) ? severityMask(filter.findingSeverities) : 0;
  const fix = filter.fixAvailable === true ? 2 : filter.fixAvailable === false ? 1 : 0;
  const dueFrom = filter.dueFrom ?? -Infinity;
  const dueBefore = filter.dueBefore ?? Infinity;
  const dueBounded = filter.dueFrom !== undefined || filter.dueBefore !== undefined;
  if ((given(filter.statuses) && !statusMask) || (given(filter.severities) && !severities) || (given(filter.riskLevels) && !risks)) none = true;
  if ((given(filter.riskFactors) && factors === 0) || (given(filter.categories) && !categories) || (given(filter.governance) && !governance)) none = true;

  const small = (index: CodeIndex, codes: number[]): Candidates => ({ index, codes, bitmaps: codeBitmapsOf(index, t.rowCount) });
  const statusCandidates = small(t.indexes.status, statusMask ? bits(statusMask) : [0, 1, 2]);
  const candidates: Candidates[] = [statusCandidates];
  if (severities) candidates.push(small(t.indexes.severity, bits(severities)));
  if (risks) candidates.push(small(t.indexes.risk, bits(risks)));
  for (const condition of conditions) if (condition.index) candidates.push({ index: condition.index, codes: condition.codes });
  candidates.push(...textSets);
  if (attackPaths) candidates.push({ index: attackPathIndexOf(t), codes: [0] });
  if (termRows) candidates.push({ index: { offsets: Uint32Array.of(0, termRows.rows.length), rows: termRows.rows }, codes: [0] });
  if (dueBounded) candidates.push(dueRangeCandidates(governanceIndexOf(t), dueFrom, dueBefore));
  const governed = governance ? governanceCandidates(governanceIndexOf(t), governance, todayStart) : undefined;
  if (governed) candidates.push(governed);
  if (visible !== undefined) candidates.push(visibleCandidates(t, visible));
  let source: Candidates = statusCandidates;
  let best = sizeOf(source);
  for (const candidate of candidates.slice(1)) {
    const size = sizeOf(candidate);
    if (size < best) [source, best] = [candidate, size];
  }

  const codeChecks = conditions.map(({ column, table }) => ({ column, table }));
  const rowChecks = textSets.map((candidates) => candidates.set as RowSet);
  const test = (row: number): boolean => {
    if (visible !== undefined && visible[row] !== 1) return false;
    if (statusMask && !(statusMask & (1 << (c.status[row] as number)))) return false;
    if (severities && !(severities & (1 << (c.severity[row] as number)))) return false;
    if (risks && !(risks & (1 << (c.risk[row] as number)))) return false;
    if (clouds && !(clouds & (1 << (c.cloud[row] as number)))) return false;
    if (factors && ((c.riskFactors[row] as number) & factors) !== factors) return false;
    if (categories && !((c.categories[row] as number) & categories)) return false;
    if (attackPaths && c.attackPaths[row] === 0) return false;
    if (findings && !((c.findingSeverity[row] as number) & findings)) return false;
    if (fix && c.fixState[row] !== fix) return false;
    // NaN (no due date) fails both comparisons.
    if (dueBounded && !((c.dueDate[row] as number) >= dueFrom && (c.dueDate[row] as number) < dueBefore)) return false;
    if (termRows && !hasRow(termRows.set, row)) return false;
    for (const set of rowChecks) if (!hasRow(set, row)) return false;
    for (const check of codeChecks) {
      const code = check.column[row] as number;
      if (code < 0 || check.table[code] !== 1) return false;
    }
    if (governance && !(governance & (1 << governanceStateCode(c, row, todayStart)))) return false;
    return true;
  };
  const fewCandidates = best < MIN_BITMAP_CANDIDATES || best * 64 < t.rowCount;
  if (none || plan === 'index' || (plan === 'auto' && fewCandidates)) return { none, source, test };

  // Many candidates: intersect every indexed condition as bitmaps; the rest is checked row by row. The wanted
  // governance states are the union of their bitmaps as of today (kept per table and day), not the index's rows.
  const wantedStates = (): Candidates => {
    const maps = stateBitmapsOf(t, todayStart);
    const set = emptyRowSet(t.rowCount);
    maps.forEach((map, state) => {
      if (governance & (1 << state)) uniteInto(set, map);
    });
    return setCandidates(set);
  };
  const parts: Candidates[][] = candidates
    .filter((candidate) => candidate !== statusCandidates || statusMask)
    .map((candidate) => [candidate === governed ? wantedStates() : candidate]);
  if (governance && !governed) parts.push([wantedStates()]);
  if (parts.length === 0) parts.push([statusCandidates]);
  const rows = intersection(t.rowCount, parts);
  const unindexed = conditions.filter((condition) => !condition.index).map(({ column, table }) => ({ column, table }));
  // The scope is one of the intersected parts: its rows need no check of their own.
  const needsResidual = clouds || factors || categories || findings || fix || unindexed.length > 0;
  const residual = needsResidual
    ? (row: number): boolean => {
        if (clouds && !(clouds & (1 << (c.cloud[row] as number)))) return false;
        if (factors && ((c.riskFactors[row] as number) & factors) !== factors) return false;
        if (categories && !((c.categories[row] as number) & categories)) return false;
        if (findings && !((c.findingSeverity[row] as number) & findings)) return false;
        if (fix && c.fixState[row] !== fix) return false;
        for (const check of unindexed) {
          const code = check.column[row] as number;
          if (code < 0 || check.table[code] !== 1) return false;
        }
        return true;
      }
    : undefined;
  return { none, source, test, rows, ...(residual ? { residual } : {}) };
}

/** The rows every part admits; a part admits the rows of any of its candidates. */
function intersection(rowCount: number, parts: Candidates[][]): RowSet {
  const setOf = (part: Candidates[]): { set: RowSet; shared: boolean } => {
    const only = part[0] as Candidates;
    if (part.length === 1 && only.bitmaps && only.codes.length === 1) return { set: only.bitmaps[only.codes[0] as number] ?? emptyRowSet(rowCount), shared: true };
    // The row test of the index plan reads it too: never written here.
    if (part.length === 1 && only.set) return { set: only.set, shared: true };
    const set = emptyRowSet(rowCount);
    for (const candidates of part) {
      if (candidates.set) {
        uniteInto(set, candidates.set);
      } else if (candidates.bitmaps) {
        for (const code of candidates.codes) {
          const map = candidates.bitmaps[code];
          if (map) uniteInto(set, map);
        }
      } else addIndexedRows(set, candidates.index, candidates.codes);
    }
    return { set, shared: false };
  };
  // Smallest first: cheaper to build and it empties the result soonest.
  const sized = parts.map((part) => ({ part, size: part.reduce((sum, candidates) => sum + sizeOf(candidates), 0) }));
  sized.sort((a, b) => a.size - b.size);
  let result: RowSet | undefined;
  for (const { part } of sized) {
    const { set, shared } = setOf(part);
    if (!result) result = shared ? set.slice() : set;
    else intersectInto(result, set);
  }
  return result ?? emptyRowSet(rowCount);
}

function hasRow(set: RowSet, row: number): boolean {
  return (((set[row >>> 5] as number) >>> (row & 31)) & 1) === 1;
}

/**
 * CVE and software conditions, through the row<->term relations: the rows that qualify (ascending) and as a bitmap. Undefined when the filter has none of them.
 */
function termConditions(t: PostureTable, filter: PostureFilter): { rows: Uint32Array; set: RowSet } | undefined {
  const sets: Uint32Array[] = [];
  if (given(filter.cves)) {
    const wanted = new Set(filter.cves.map((id) => id.trim().toLowerCase()));
    sets.push(rowsOfCodes(t.cves, t.dict.cve.matching((lower) => wanted.has(lower)).codes));
  }
  const vulnerability = text(filter.vulnerabilityText);
  if (vulnerability) {
    const match = t.dict.cve.matching((lower, code) => lower.includes(vulnerability) || (t.cveInfo.get(code)?.title?.toLowerCase().includes(vulnerability) ?? false));
    sets.push(rowsOfCodes(t.cves, match.codes));
  }
  const software = text(filter.software);
  if (software) sets.push(rowsOfCodes(t.software, t.dict.software.matching((lower) => lower.includes(software)).codes));
  if (sets.length === 0) return undefined;
  let rows = sets[0] as Uint32Array;
  for (const other of sets.slice(1)) {
    const inOther = emptyRowSet(t.rowCount);
    for (const row of other) inOther[row >>> 5] = (inOther[row >>> 5] as number) | (1 << (row & 31));
    rows = rows.filter((row) => hasRow(inOther, row));
  }
  const set = emptyRowSet(t.rowCount);
  for (const row of rows) set[row >>> 5] = (set[row >>> 5] as number) | (1 << (row & 31));
  return { rows, set };
}

/** Rows of any of the codes, ascending, each once. */
function rowsOfCodes(terms: RowTerms, codes: readonly number[]): Uint32Array {
  const { offsets, rows } = terms.byCode;
  if (codes.length === 1) {
    const code = codes[0] as number;
    return rows.slice(offsets[code] as number, offsets[code + 1] as number);
  }
  const out: number[] = [];
  for (const code of codes) for (let i = offsets[code] as number; i < (offsets[code + 1] as number); i++) out.push(rows[i] as number);
  const sorted = Uint32Array.from(out).sort();
  return sorted.filter((row, i) => i === 0 || sorted[i - 1] !== row);
}

/** Resource-level conditions (ids, tags, finding severities) folded into one flag per resource code. */
function resourceConditions(t: PostureTable, filter: PostureFilter): Uint8Array | undefined {
  const size = t.dict.resource.size;
  let table: Uint8Array | undefined;
  const and = (next: Uint8Array) => {
    if (!table) table = next;
    else for (let code = 0; code < size; code++) table[code] = (table[code] as number) & (next[code] as number);
  };
  if (given(filter.resourceIds)) {
    const ids = new Uint8Array(size);
    for (const id of filter.resourceIds) {
      const code = t.dict.resource.find(id.trim());
      if (code !== undefined) ids[code] = 1;
    }
    and(ids);
  }
  if (given(filter.tags)) and(resourcesWithTags(t.tagIndex, filter.tags, size));
  if (given(filter.findingSeverities)) {
    const wanted = severityMask(filter.findingSeverities);
    const hits = new Uint8Array(size);
    for (let code = 0; code < size; code++) if ((t.findingSeverityMask[code] as number) & wanted) hits[code] = 1;
    and(hits);
  }
  return table;
}

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let bit = 0; bit < 31; bit++) if (mask & (1 << bit)) out.push(bit);
  return out;
}
