// The active list's schema rules written out for the lists every turn reads back (a stored list of enum filters and
// plain names): no zod pass, no issue list. It returns what the schema would (known keys only, in the schema's order,
// arrays copied) or undefined when it is not sure, and the schema then decides (activeList.ts). Filters with tags or
// a due range, text that trimming would change, and anything malformed are always left to the schema.
import { GROUPINGS, LIST_ID_PATTERN, SORT_ORDERS, VIEWS } from '../vocabularies';
import { isInt, isPlainObject, listOf, oneOf, plainFilter } from './plainFilter';

/** The stored list's limits, shared with the schema in activeList.ts so the two cannot drift apart. */
export const LIST_LIMITS = { maxPageSize: 50, maxRefs: 500, maxRef: 2000, maxLimit: 50 } as const;
const isListId = (value: unknown) => typeof value === 'string' && LIST_ID_PATTERN.test(value);
const isView = oneOf(VIEWS);
const isGrouping = oneOf(GROUPINGS);
const isSort = oneOf(SORT_ORDERS);
const isRef = (value: unknown) => typeof value === 'string' && value.length <= LIST_LIMITS.maxRef;
const isRefs = listOf(isRef, 0, LIST_LIMITS.maxRefs);

/**
 * A stored active list as the schema would return it, or undefined when the schema must decide (always safe: the
 * schema is the rule, this is a shortcut for the lists that plainly pass it). The schema's keys in its order, one by one:
 * named property reads and writes, not a keyed access per key (that went megamorphic on every turn's read).
 */
export function plainActiveList<T>(value: unknown): T | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  if (!isListId(value.listId)) return undefined;
  out.listId = value.listId;
  out.filter = value.filter;
  if (!isView(value.view)) return undefined;
  out.view = value.view;
  if (value.groupBy !== undefined) {
    if (!isGrouping(value.groupBy)) return undefined;
    out.groupBy = value.groupBy;
  } else if ('groupBy' in value) out.groupBy = undefined;
  if (value.sort !== undefined) {
    if (!isSort(value.sort)) return undefined;
    out.sort = value.sort;
  } else if ('sort' in value) out.sort = undefined;
  if (!isInt(value.pageSize, 1, LIST_LIMITS.maxPageSize)) return undefined;
  out.pageSize = value.pageSize;
  if (!isInt(value.total, 0)) return undefined;
  out.total = value.total;
  if (!isRefs(value.refs)) return undefined;
  out.refs = value.refs;
  if (value.shown !== undefined) {
    if (!isInt(value.shown, 0)) return undefined;
    out.shown = value.shown;
  } else if ('shown' in value) out.shown = undefined;
  if (value.selectedRef !== undefined) {
    if (!isRef(value.selectedRef)) return undefined;
    out.selectedRef = value.selectedRef;
  } else if ('selectedRef' in value) out.selectedRef = undefined;
  if (value.limit !== undefined) {
    if (!isInt(value.limit, 1, LIST_LIMITS.maxLimit)) return undefined;
    out.limit = value.limit;
  } else if ('limit' in value) out.limit = undefined;
  if (!(typeof value.createdAt === 'number' && Number.isFinite(value.createdAt))) return undefined;
  out.createdAt = value.createdAt;
  const filter = plainFilter(value.filter);
  if (!filter) return undefined;
  out.filter = filter;
  out.refs = [...(out.refs as string[])];
  return out as T;
}
