// Due dates as a card's Input.Date submits them (YYYY-MM-DD), stored as the end of that day in UTC. Shared by the assign and delegate skills.
const DAY_MS = 24 * 60 * 60 * 1000;
/** Further out than this is almost surely a typo (2062 for 2026). */
const MAX_YEARS_AHEAD = 5;

export const toDateInput = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The end of the given UTC day, or undefined when the text is not a real calendar date. */
export function parseDateInput(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const date = new Date(start);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return start + DAY_MS - 1;
}

/** A sentence saying what is wrong with a due date, or undefined when it is acceptable. */
export function dueDateProblem(endOfDay: number, now: number): string | undefined {
  if (endOfDay < now) return 'The due date is in the past.';
  if (endOfDay > now + MAX_YEARS_AHEAD * 365 * DAY_MS) return `The due date is more than ${MAX_YEARS_AHEAD} years away.`;
  return undefined;
}

/** A starting suggestion the requester edits on the card: sooner for what matters more. */
export function suggestedDueDate(severity: string, now: number): number {
  const days = severity === 'High' || severity === 'Critical' ? 14 : severity === 'Medium' ? 30 : 60;
  return now + days * DAY_MS;
}
