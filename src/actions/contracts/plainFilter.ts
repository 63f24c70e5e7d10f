// The analyze filter's schema rules (contracts/analyze.ts) written out in plain code for the filters planners and
// stored lists carry every turn: enum lists and plain names. It returns what the schema would (known keys only, in
// the schema's order, arrays copied) or undefined when it is not sure, and the schema then decides. Tags, due
// ranges, text that trimming would change, unknown keys and anything malformed are always left to the schema.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../../posture/model';
import { ANALYZE_FILTER_FIELDS, type AnalyzeFilter } from './analyze';

/** The filter's limits (contracts/analyze.ts: `list` and `text`). */
const MAX_VALUES = 25;
const MAX_TEXT = 200;

export type Check = (value: unknown) => boolean;
export const oneOf = (values: readonly string[]): Check => {
  const set = new Set<unknown>(values);
  return (value) => set.has(value);
};
/** A string that trimming leaves alone, `min` to `max` long (the schemas' `z.string().trim().min().max()`). */
export const trimmedText = (min: number, max: number): Check => (value) =>
  typeof value === 'string' && value.length >= min && value.length <= max && value.trim() === value;
/** An array of `min` to `max` items, each passing `each` (a hole counts as undefined, as in the schema). */
export const listOf = (each: Check, min: number, max: number): Check => (value) => {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i += 1) if (!each(value[i])) return false;
  return true;
};
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
export const isInt = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const isText = trimmedText(1, MAX_TEXT);
const list = (each: Check) => listOf(each, 1, MAX_VALUES);

/** Filter fields this check knows, with their rule; the others (tags, due) and unknown keys go to the schema. */
const FIELD_RULES: ReadonlyMap<string, Check> = new Map<keyof AnalyzeFilter, Check>([
  ['riskLevels', list(oneOf(RISK_LEVELS))],
  ['riskFactors', list(oneOf(RISK_FACTORS))],
  ['severities', list(oneOf(SEVERITIES))],
  ['statuses', list(oneOf(STATUS_CODES))],
  ['categories', list(oneOf(CATEGORIES))],
  ['clouds', list(oneOf(CLOUDS))],
  ['resourceTypes', list(isText)],
  ['subscriptions', list(isText)],
  ['resourceGroups', list(isText)],
  ['owners', list(isText)],
  ['governance', list(oneOf(GOVERNANCE_STATES))],
  ['recommendationText', isText],
  ['resourceText', isText],
  ['findingSeverities', list(oneOf(SEVERITIES))],
  ['hasAttackPaths', (value) => typeof value === 'boolean'],
]);

/** The filter as the schema returns it, or undefined when the schema must decide. */
export function plainFilter(value: unknown): AnalyzeFilter | undefined {
  if (!isPlainObject(value)) return undefined;
  // Every key the schema would see (its strict check walks the same keys): one this check does not know is the schema's.
  for (const key in value) if (!FIELD_RULES.has(key)) return undefined;
  const out: Record<string, unknown> = {};
  for (const field of ANALYZE_FILTER_FIELDS) {
    if (!(field in value)) continue;
    const item = value[field];
    if (item !== undefined) {
      const rule = FIELD_RULES.get(field);
      if (!rule || !rule(item)) return undefined;
    }
    out[field] = Array.isArray(item) ? item.slice() : item;
  }
  return out as AnalyzeFilter;
}
