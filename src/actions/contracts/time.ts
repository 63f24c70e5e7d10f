// Time in the planner contract: calendar periods, points in the past and due-date ranges, said the way people say
// them ("this week", "since Monday", "in the next 7 days"). Planners never compute dates: the skill turns these into
// dates when it answers, with its clock and the user's time zone (weeks start on Monday), and the answer says
// which dates it used.
import { z } from 'zod';

/** Calendar periods relative to today in the user's time zone; weeks run Monday to Sunday. */
export const PERIODS = ['today', 'yesterday', 'tomorrow', 'thisWeek', 'lastWeek', 'nextWeek', 'thisMonth', 'lastMonth', 'nextMonth'] as const;
export type Period = (typeof PERIODS)[number];
export const periodSchema = z.enum(PERIODS);

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar date as the user wrote it, YYYY-MM-DD (read in the user's time zone). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const days = z.number().int().min(1).max(366);

/**
 * A point in the past to compare with now ("since ..."):
 * - `{ period }`: the start of that period ("since yesterday" → yesterday, "since last week" → lastWeek, "this month" → thisMonth);
 * - `{ weekday }`: the start of the latest such day before today ("since Monday"; on a Monday, the Monday before);
 * - `{ daysAgo }`: that many days before today ("in the last 7 days", "over the past 3 days");
 * - `{ date }`: the start of a calendar date ("since 2026-11-01").
 */
export const sinceSchema = z.union([
  z.object({ period: z.enum(['today', 'yesterday', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth']) }).strict(),
  z.object({ weekday: z.enum(WEEKDAYS) }).strict(),
  z.object({ daysAgo: days }).strict(),
  z.object({ date: isoDateSchema }).strict(),
]);
export type Since = z.infer<typeof sinceSchema>;

/**
 * A due-date range on the analyze filter (`filter.due`):
 * - `{ period }`: due within that period ("due this week", "due today", "due next month"; a past period finds
 *   rows whose due date fell in it);
 * - `{ nextDays }`: due from today through that many days ahead ("in the next 7 days", "within 2 weeks" = 14);
 * - `{ overdueMoreThanDays }`: the due date passed more than that many days ago ("overdue by more than 30 days");
 * - `{ from, to }`: calendar dates, both inclusive, either may be left out ("due before 2027-01-01" → { to: '2026-12-31' }).
 */
export const dueSchema = z.union([
  z.object({ period: periodSchema }).strict(),
  z.object({ nextDays: days }).strict(),
  z.object({ overdueMoreThanDays: z.number().int().min(0).max(3650) }).strict(),
  z
    .object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() })
    .strict()
    .refine((r) => r.from !== undefined || r.to !== undefined, { message: 'give from, to or both' }),
]);
export type DueRange = z.infer<typeof dueSchema>;
