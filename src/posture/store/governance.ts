// Governance state of a row at query time: depends on the clock, so it is never stored.
// Healthy and NotApplicable rows are "completed" (nothing left to do); an unhealthy row is "unassigned" without
// an assignment or with one that names neither owner nor due date, "onTime" while its due date is today (UTC)
// or later or when it has an owner but no due date, and "overdue" once the due date is before today.
import { governanceCode, UNHEALTHY } from './codecs';
import type { Columns } from './table';

export const COMPLETED = governanceCode('completed');
export const UNASSIGNED = governanceCode('unassigned');
export const ON_TIME = governanceCode('onTime');
export const OVERDUE = governanceCode('overdue');

const DAY_MS = 86_400_000;

export function startOfUtcDay(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

export function governanceStateCode(columns: Columns, row: number, todayStart: number): number {
  if (columns.status[row] !== UNHEALTHY) return COMPLETED;
  const owner = columns.owner[row] as number;
  const due = columns.dueDate[row] as number;
  if ((columns.governance[row] as number) < 0 || (owner < 0 && Number.isNaN(due))) return UNASSIGNED;
  if (Number.isNaN(due) || due >= todayStart) return ON_TIME;
  return OVERDUE;
}
