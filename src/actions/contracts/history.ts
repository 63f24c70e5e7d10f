// Questions about change over time and the executive summary. Points in time are words (contracts/time.ts), turned
// into dates by the skill in the user's time zone.
import { z } from 'zod';
import { analyzeFilterSchema } from './analyze';
import { sinceSchema } from './time';

const topN = z.number().int().min(1).max(50);

/**
 * How an assessment changed between two loads:
 * - new: open (Unhealthy) now, not open then (healthy, exempt or not yet assessed);
 * - fixed: open then, Healthy now;
 * - exempted: open then, exempt / not applicable now;
 * - deleted: in the data then, gone now (resource or assessment removed);
 * - newlyAssessed: not in the data then, in it now (any status).
 */
export const CHANGE_KINDS = ['new', 'fixed', 'exempted', 'deleted', 'newlyAssessed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * `changes`: "what changed since last week", "new critical risks since Monday", "what got fixed this month".
 * `kinds` narrows to some kinds of change (all when left out); `filter` narrows to rows that match it now (its
 * level, type, subscription... fields; rows that were deleted are matched on what was recorded about them).
 */
export const changesParamsSchema = z
  .object({
    since: sinceSchema,
    kinds: z.array(z.enum(CHANGE_KINDS)).min(1).max(5).optional(),
    filter: analyzeFilterSchema.optional(),
    limit: topN.optional(),
  })
  .strict();
export type ChangesParams = z.infer<typeof changesParamsSchema>;

/**
 * `executiveSummary`: one card with the posture in numbers, the top risks with their owners, overdue work, and
 * what changed since `since` (a week ago when left out). `limit`: how many top risks ("top 3 risks for the board").
 */
export const executiveSummaryParamsSchema = z
  .object({
    since: sinceSchema.optional(),
    limit: topN.optional(),
  })
  .strict();
export type ExecutiveSummaryParams = z.infer<typeof executiveSummaryParamsSchema>;
