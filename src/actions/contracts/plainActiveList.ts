// The active list's schema rules written out for the lists every turn reads back (a stored list of enum filters and
// plain names): no zod pass, no issue list. It returns what the schema would (known keys only, in the schema's order,
// arrays copied) or undefined when it is not sure, and the schema then decides (activeList.ts). Filters with tags or
// a due range, text that trimming would change, and anything malformed are always left to the schema.
import { GROUPINGS, LIST_ID_PATTERN, SORT_ORDERS, VIEWS } from '../vocabularies';
import { isInt, isPlainObject, listOf, oneOf, plainFilter, type Check } from './plainFilter';

/** The stored list's limits, shared with the schema in activeList.ts so the two cannot drift apart. */
export const LIST_LIMITS = { maxPageSize: 50, maxRefs: 500, maxRef: 2000, maxLimit: 50 } as const;
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
  ['refs', listOf(isRef, 0, LIST_LIMITS.maxRefs), 'required'],
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
