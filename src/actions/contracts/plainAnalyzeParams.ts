// The `analyze` action's parameter schema (analyzeParamsSchema in analyze.ts) written out in plain code for the
// parameters a list, count or breakdown question carries: no zod pass, no issue list. It returns exactly what the
// schema's parse returns (known keys in the schema's order, defaults filled, arrays copied) or undefined when it is
// not sure, and the schema then decides. So nothing is let through that the schema would refuse: a plan from any
// planner, a card's data or a model's output is checked by these rules or by the schema itself.
import { GROUPINGS, SORT_ORDERS, VIEWS } from '../vocabularies';
import type { AnalyzeParams } from './analyze';
import { isInt, isPlainObject, listOf, oneOf, plainFilter, trimmedText, type Check } from './plainFilter';

/** The limits of analyze.ts: `topNSchema` and `unusedWordsSchema`. */
const MAX_LIMIT = 50;
const MAX_UNUSED_WORDS = 10;
const MAX_UNUSED_WORD = 60;

/** The optional keys after the defaulted ones (filter, view), in the schema's order, each with its rule. */
const OPTIONAL_KEYS: ReadonlyArray<readonly [keyof AnalyzeParams, Check]> = [
  ['groupBy', oneOf(GROUPINGS)],
  ['sort', oneOf(SORT_ORDERS)],
  ['limit', (value) => isInt(value, 1, MAX_LIMIT)],
  ['unusedWords', listOf(trimmedText(1, MAX_UNUSED_WORD), 1, MAX_UNUSED_WORDS)],
];
const KNOWN_KEYS: ReadonlySet<string> = new Set(['filter', 'view', ...OPTIONAL_KEYS.map(([key]) => key)]);
const isView = oneOf(VIEWS);

/** The analyze parameters as the schema returns them, or undefined when the schema must decide. */
export function plainAnalyzeParams(value: unknown): AnalyzeParams | undefined {
  if (!isPlainObject(value)) return undefined;
  // The schema is strict: a key it does not know (own or inherited, as its check walks them) is its to refuse.
  for (const key in value) if (!KNOWN_KEYS.has(key)) return undefined;
  const filter = value['filter'] === undefined ? {} : plainFilter(value['filter']);
  if (!filter) return undefined;
  const view = value['view'] === undefined ? 'list' : value['view'];
  if (!isView(view)) return undefined;
  const out: Record<string, unknown> = { filter, view };
  for (const [key, check] of OPTIONAL_KEYS) {
    if (!(key in value)) continue;
    const item = value[key];
    if (item !== undefined && !check(item)) return undefined;
    out[key] = Array.isArray(item) ? item.slice() : item;
  }
  return out as AnalyzeParams;
}
