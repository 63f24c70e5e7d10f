// The draft card's due date: "7", "14 days", "30d", "90" (days from today) or a date (2027-01-31).
import { dueDateProblem, parseDateInput, toDateInput } from '../../actions/dueDate';
import { AppError } from '../../errors/appError';

const DAY_MS = 86_400_000;
export const DUE_CHOICES = [7, 14, 30, 90] as const;

/** The due day as YYYY-MM-DD; BAD_REQUEST with a sentence the user can act on otherwise. */
export function parseDueInput(text: string, now: number): string {
  const trimmed = text.trim().toLowerCase();
  const days = /^(\d{1,3})\s*(d|day|days)?$/.exec(trimmed);
  if (days) {
    const n = Number(days[1]);
    if (n < 1) throw new AppError('BAD_REQUEST', 'The due date must be at least one day away.');
    return toDateInput(now + n * DAY_MS);
  }
  const end = parseDateInput(trimmed);
  if (end === undefined) throw new AppError('BAD_REQUEST', 'The due date must be 7, 14, 30 or 90 (days), or a date like 2027-01-31.');
  const problem = dueDateProblem(end, now);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  return toDateInput(end);
}

export function parseYesNo(text: string, label: string): boolean {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', 'on'].includes(t)) return true;
  if (['no', 'n', 'false', 'off', ''].includes(t)) return false;
  throw new AppError('BAD_REQUEST', `${label} must be yes or no.`);
}
