// The analyze family's action parameters: what any planner (keyless now, LLM later) must emit and what the
// registry validates. Plain zod objects of enums and short strings, so an LLM can be given the same schema.
import { z } from 'zod';
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../../posture/model';
import { groupingSchema, ordinalSchema, pageRefSchema, rowRefSchema, sortOrderSchema, viewSchema } from '../vocabularies';
import { dueSchema } from './time';

const text = z.string().trim().min(1).max(200);
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1).max(25);
/** "top 5", "the 3 worst": a list shows only that many rows, riskiest (or by `sort`) first. */
export const topNSchema = z.number().int().min(1).max(50);
/** Words of the message the planner could not place; the answer says they were not used. */
export const unusedWordsSchema = z.array(z.string().trim().min(1).max(60)).min(1).max(10);

/** Filters in the user's terms; names are resolved against the tenant's vocabulary by the planner. */
export const analyzeFilterSchema = z
  .object({
    riskLevels: list(z.enum(RISK_LEVELS)),
    riskFactors: list(z.enum(RISK_FACTORS)),
    severities: list(z.enum(SEVERITIES)),
    statuses: list(z.enum(STATUS_CODES)),
    categories: list(z.enum(CATEGORIES)),
    clouds: list(z.enum(CLOUDS)),
    /** ARM resource types, e.g. microsoft.compute/virtualmachines. */
    resourceTypes: list(text),
    /** Subscription ids or display names as they appear in the data. */
    subscriptions: list(text),
    resourceGroups: list(text),
    owners: list(text),
    governance: list(z.enum(GOVERNANCE_STATES)),
    recommendationText: text,
    resourceText: text,
    tags: list(z.object({ key: text.optional(), value: text }).strict()),
    findingSeverities: list(z.enum(SEVERITIES)),
    hasAttackPaths: z.boolean(),
    /** Due-date range of the governance assignment, in the user's calendar (contracts/time.ts). */
    due: dueSchema,
  })
  .partial()
  .strict();
export type AnalyzeFilter = z.infer<typeof analyzeFilterSchema>;
export type AnalyzeFilterField = keyof AnalyzeFilter;
export const ANALYZE_FILTER_FIELDS = Object.keys(analyzeFilterSchema.shape) as AnalyzeFilterField[];

/** `analyze`: a new question, a new list. Status defaults to Unhealthy when not given. */
export const analyzeParamsSchema = z
  .object({
    filter: analyzeFilterSchema.default({}),
    view: viewSchema.default('list'),
    groupBy: groupingSchema.optional(),
    sort: sortOrderSchema.optional(),
    limit: topNSchema.optional(),
    unusedWords: unusedWordsSchema.optional(),
  })
  .strict();
export type AnalyzeParams = z.infer<typeof analyzeParamsSchema>;

/**
 * `refine`: acts on the current list ("just the VMs", "include medium too", "only production").
 * `set` replaces those fields, `add` unions values into them, `clear` removes fields.
 */
export const refineParamsSchema = z
  .object({
    set: analyzeFilterSchema.optional(),
    add: analyzeFilterSchema.optional(),
    clear: z.array(z.enum(ANALYZE_FILTER_FIELDS as [AnalyzeFilterField, ...AnalyzeFilterField[]])).max(20).optional(),
    view: viewSchema.optional(),
    groupBy: groupingSchema.optional(),
    sort: sortOrderSchema.optional(),
    limit: topNSchema.optional(),
    unusedWords: unusedWordsSchema.optional(),
  })
  .strict();
export type RefineParams = z.infer<typeof refineParamsSchema>;

/** `showMore`: the next page of the current list. */
export const showMoreParamsSchema = z.object({}).strict();

/** `showMorePage`: a "Show more" button names its list and the page it shows (pageRef); one too old is refused by the skill. */
export const showMorePageParamsSchema = z.object({ page: pageRefSchema }).strict();

/** `details`: one recommendation, by its 1-based position in the current list or by an opaque card reference. */
export const detailsParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional() })
  .strict()
  .refine((p) => (p.ordinal === undefined) !== (p.ref === undefined), { message: 'give exactly one of ordinal or ref' });
export type DetailsParams = z.infer<typeof detailsParamsSchema>;

/** `secureScore`: the tenant's secure score. */
export const secureScoreParamsSchema = z.object({}).strict();
