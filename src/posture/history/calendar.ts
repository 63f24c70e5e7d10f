// Calendar arithmetic in the user's time zone with the platform's Intl data (no hand-kept offset tables): local
// dates, the start of a local day (daylight-saving days included), periods with weeks starting on Monday, and the
// contract's "since" points and due ranges turned into epoch-ms instants.
import type { DueRange, Period, Since, Weekday } from '../../actions/contracts/time';
import { WEEKDAYS } from '../../actions/contracts/time';
import { keepNewest } from '../../collections/keepNewest';

const DAY_MS = 86_400_000;

/** A date on the user's calendar. month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** An IANA zone name the platform knows, else UTC ("clientInfo" is client input: never trusted as is). */
export function safeTimeZone(zone: string | undefined): string {
  if (!zone || zone.length > 64) return 'UTC';
  return formatter(zone) ? zone : 'UTC';
}

// One formatter per zone name, kept: building one costs some 60 µs, formatting with one about 1 µs. A name Intl does
// not know is kept as null, so it is not tried again each turn. Names are client input (any letter case of a zone is
// valid), so at most MAX_CALENDAR_ZONES are kept, the oldest dropped first.
export const MAX_CALENDAR_ZONES = 256;
const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(zone: string): Intl.DateTimeFormat | null {
  const kept = formatters.get(zone);
  if (kept !== undefined) return kept;
  let made: Intl.DateTimeFormat | null;
  try {
    made = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    made = null;
  }
  keepNewest(formatters, zone, made, MAX_CALENDAR_ZONES);
  return made;
}

/** The zone's formatter; a zone Intl does not know throws, as Intl does (callers pass zones from safeTimeZone). */
function zoneFormatter(zone: string): Intl.DateTimeFormat {
  const f = formatter(zone);
  if (!f) throw new RangeError(`Invalid time zone specified: ${zone}`);
  return f;
}

function parts(ms: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const out: Record<string, number> = {};
  for (const p of zoneFormatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year ?? 1970, month: out.month ?? 1, day: out.day ?? 1, hour: out.hour ?? 0, minute: out.minute ?? 0, second: out.second ?? 0 };
}

/** The zone's offset from UTC at that instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, zone: string): number {
  const p = parts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000 + 1000) % 1000);
}

export function localDateOf(ms: number, zone: string): LocalDate {
  const p = parts(ms, zone);
  return { year: p.year, month: p.month, day: p.day };
}

/** The date and time of day on the user's calendar and clock (hour 0-23), read once from the zone's kept formatter. */
export function localDateTimeOf(ms: number, zone: string): LocalDate & { hour: number; minute: number } {
  const p = parts(ms, zone);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

/** The instant the local date begins (the first existing instant, on days a clock change skips midnight). */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let guess = utcMidnight - offsetAt(utcMidnight, zone);
  // A second pass settles days where the offset at the guess differs from the one at UTC midnight.
  guess = utcMidnight - offsetAt(guess, zone);
  const back = localDateOf(guess, zone);
  if (back.day !== date.day) {
    // Midnight does not exist locally (clock jumped forward): the day starts at the first hour that does.
    for (let h = 1; h <= 3; h += 1) if (localDateOf(guess + h * 3_600_000, zone).day === date.day) return guess + h * 3_600_000;
  }
  return guess;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = addDays(date, 0);
  return back.year === date.year && back.month === date.month && back.day === date.day ? date : undefined;
}

/** A half-open range of local dates [first, end), as instants and as the dates to say in answers. */
export interface DateRange {
  from: number;
  to: number;
  first: LocalDate;
  /** The last date inside the range. */
  last: LocalDate;
}

function rangeOf(first: LocalDate, endExclusive: LocalDate, zone: string): DateRange {
  return { from: startOfLocalDay(first, zone), to: startOfLocalDay(endExclusive, zone), first, last: addDays(endExclusive, -1) };
}

const firstOfMonth = (d: LocalDate, shift = 0): LocalDate => {
  const x = new Date(Date.UTC(d.year, d.month - 1 + shift, 1));
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: 1 };
};

/** The calendar period around `now` in `zone`; weeks start on Monday. */
export function periodRange(period: Period, now: number, zone: string): DateRange {
  const today = localDateOf(now, zone);
  const monday = addDays(today, -weekdayIndex(today));
  switch (period) {
    case 'today':
      return rangeOf(today, addDays(today, 1), zone);
    case 'yesterday':
      return rangeOf(addDays(today, -1), today, zone);
    case 'tomorrow':
      return rangeOf(addDays(today, 1), addDays(today, 2), zone);
    case 'thisWeek':
      return rangeOf(monday, addDays(monday, 7), zone);
    case 'lastWeek':
      return rangeOf(addDays(monday, -7), monday, zone);
    case 'nextWeek':
      return rangeOf(addDays(monday, 7), addDays(monday, 14), zone);
    case 'thisMonth':
      return rangeOf(firstOfMonth(today), firstOfMonth(today, 1), zone);
    case 'lastMonth':
      return rangeOf(firstOfMonth(today, -1), firstOfMonth(today), zone);
    case 'nextMonth':
      return rangeOf(firstOfMonth(today, 1), firstOfMonth(today, 2), zone);
  }
}

/** The local date a "since" point names, and the instant it begins. */
export function sinceStart(since: Since, now: number, zone: string): { at: number; date: LocalDate } {
  const today = localDateOf(now, zone);
  let date: LocalDate;
  if ('period' in since) date = periodRange(since.period, now, zone).first;
  else if ('weekday' in since) {
    const wanted = WEEKDAYS.indexOf(since.weekday as Weekday);
    const back = (weekdayIndex(today) - wanted + 7) % 7 || 7;
    date = addDays(today, -back);
  } else if ('daysAgo' in since) date = addDays(today, -since.daysAgo);
  else date = parseLocalDate(since.date) ?? today;
  return { at: startOfLocalDay(date, zone), date };
}

/**
 * A due range as calendar dates (either end may be open). Due dates are calendar dates stored at midnight UTC, so
 * the user's time zone decides which dates "this week" means, and the dates are compared as dates.
 */
export function dueDates(due: DueRange, now: number, zone: string): { first?: LocalDate; last?: LocalDate } {
  const today = localDateOf(now, zone);
  if ('period' in due) {
    const r = periodRange(due.period, now, zone);
    return { first: r.first, last: r.last };
  }
  if ('nextDays' in due) return { first: today, last: addDays(today, due.nextDays) };
  // Overdue by more than N days: the due date is before today - N.
  if ('overdueMoreThanDays' in due) return { last: addDays(today, -due.overdueMoreThanDays - 1) };
  const first = due.from ? parseLocalDate(due.from) : undefined;
  const last = due.to ? parseLocalDate(due.to) : undefined;
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** Calendar dates as the epoch-ms bounds due dates are stored in: [first 00:00 UTC, day after last 00:00 UTC). */
export function utcDateBounds(range: { first?: LocalDate; last?: LocalDate }): { dueFrom?: number; dueBefore?: number } {
  return {
    ...(range.first ? { dueFrom: Date.UTC(range.first.year, range.first.month - 1, range.first.day) } : {}),
    ...(range.last ? { dueBefore: Date.UTC(range.last.year, range.last.month - 1, range.last.day + 1) } : {}),
  };
}

export const DAY = DAY_MS;
