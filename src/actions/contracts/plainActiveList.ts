// The active list's schema rules written out for the lists every turn reads back (a stored list of enum filters and
// plain names): no zod pass, no issue list. It returns what the schema would (known keys only, in the schema's order,
// arrays copied) or undefined when it is not sure, and the schema then decides (activeList.ts). Filters with tags or
// a due range, text that trimming would change, and anything malformed are always left to the schema.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../../posture/model';
import { GROUPINGS, LIST_ID_PATTERN, SORT_ORDERS, VIEWS } from '../vocabularies';
import { ANALYZE_FILTER_FIELDS, type AnalyzeFilter } from './analyze';

/** The stored list's limits, shared with the schema in activeList.ts so the two cannot drift apart. */
export const LIST_LIMITS = { maxPageSize: 50, maxRefs: 500, maxRef: 2000, maxLimit: 50 } as const;
/** The filter's limits (contracts/analyze.ts: `list` and `text`). */
const MAX_VALUES = 25;
const MAX_TEXT = 200;

type Check = (value: unknown) => boolean;
const oneOf = (values: readonly string[]): Check => {
  const set = new Set<unknown>(values);
  return (value) => set.has(value);
};
/** `text` in analyze.ts trims: only a string that trimming leaves alone is taken here. */
const isText: Check = (value) => typeof value === 'string' && value.length >= 1 && value.length <= MAX_TEXT && value.trim() === value;

/** Filter fields this check knows; the others (tags, due) go to the schema. */
const LIST_FIELDS: Readonly<Partial<Record<keyof AnalyzeFilter, Check>>> = {
  riskLevels: oneOf(RISK_LEVELS),
  riskFactors: oneOf(RISK_FACTORS),
  severities: oneOf(SEVERITIES),
  statuses: oneOf(STATUS_CODES),
  categories: oneOf(CATEGORIES),
  clouds: oneOf(CLOUDS),
  resourceTypes: isText,
  subscriptions: isText,
  resourceGroups: isText,
  owners: isText,
  governance: oneOf(GOVERNANCE_STATES),
  findingSeverities: oneOf(SEVERITIES),
};
const SINGLE_FIELDS: Readonly<Partial<Record<keyof AnalyzeFilter, Check>>> = {
  recommendationText: isText,
  resourceText: isText,
  hasAttackPaths: (value) => typeof value === 'boolean',
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const isInt = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** The filter as the schema returns it, or undefined when the schema must decide. */
function plainFilter(value: unknown): AnalyzeFilter | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = key as keyof AnalyzeFilter;
    const item = value[key];
    if (item === undefined && (LIST_FIELDS[field] || SINGLE_FIELDS[field])) continue;
    const each = LIST_FIELDS[field];
    if (each) {
      if (!Array.isArray(item) || item.length < 1 || item.length > MAX_VALUES || !item.every(each)) return undefined;
      continue;
    }
    const single = SINGLE_FIELDS[field];
    if (!single || !single(item)) return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const field of ANALYZE_FILTER_FIELDS) {
    if (!(field in value)) continue;
    const item = value[field];
    out[field] = Array.isArray(item) ? [...(item as unknown[])] : item;
  }
  return out as AnalyzeFilter;
}

const isListId = (value: unknown) => typeof value === 'string' && LIST_ID_PATTERN.test(value);
const isView = oneOf(VIEWS);
const isGrouping = oneOf(GROUPINGS);
const isSort = oneOf(SORT_ORDERS);
const isRef = (value: unknown) => typeof value === 'string' && value.length <= LIST_LIMITS.maxRef;

/** The keys of a stored list, in the schema's order, each with its rule (optional ones may be absent or undefined). */
const LIST_KEYS: ReadonlyArray<readonly [string, Check, 'required' | 'optional']> = [
  ['listId', isListId, 'required'],
  ['filter', () => true, 'required'],
  ['view', isView, 'required'],
  ['groupBy', isGrouping, 'optional'],
  ['sort', isSort, 'optional'],
  ['pageSize', (v) => isInt(v, 1, LIST_LIMITS.maxPageSize), 'required'],
  ['total', (v) => isInt(v, 0), 'required'],
  ['refs', (v) => Array.isArray(v) && v.length <= LIST_LIMITS.maxRefs && v.every(isRef), 'required'],
  ['shown', (v) => isInt(v, 0), 'optional'],
  ['selectedRef', isRef, 'optional'],
  ['limit', (v) => isInt(v, 1, LIST_LIMITS.maxLimit), 'optional'],
  ['createdAt', (v) => typeof v === 'number' && Number.isFinite(v), 'required'],
];

/**
 * A stored active list as the schema would return it, or undefined when the schema must decide (always safe: the
 * schema is the rule, this is a shortcut for the lists that plainly pass it).
 */
export function plainActiveList<T>(value: unknown): T | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, check, presence] of LIST_KEYS) {
    const present = key in value;
    const item = value[key];
    if (presence === 'optional' && (!present || item === undefined)) {
      if (present) out[key] = undefined;
      continue;
    }
    if (!check(item)) return undefined;
    out[key] = item;
  }
  const filter = plainFilter(value['filter']);
  if (!filter) return undefined;
  out['filter'] = filter;
  out['refs'] = [...(out['refs'] as string[])];
  return out as T;
}
