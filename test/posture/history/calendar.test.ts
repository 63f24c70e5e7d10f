// Dates on the user's calendar with a fixed clock: time zones either side of UTC, week boundaries (weeks start on
// Monday), month ends and a daylight-saving change.
import { MAX_CALENDAR_ZONES, dueDates, formatLocalDate, localDateOf, periodRange, safeTimeZone, sinceStart, startOfLocalDay, utcDateBounds } from '../../../src/posture/history/calendar';

const at = (iso: string) => Date.parse(iso);
const day = (d: { year: number; month: number; day: number } | undefined) => (d ? formatLocalDate(d) : undefined);

describe('calendar in the user time zone', () => {
  it('reads "this week" from Monday to Sunday, also on a Sunday and a Monday', () => {
    // Sunday 2026-12-06 12:00 UTC.
    const sunday = at('2026-12-06T12:00:00Z');
    const week = periodRange('thisWeek', sunday, 'UTC');
    expect([day(week.first), day(week.last)]).toEqual(['2026-11-30', '2026-12-06']);
    const monday = at('2026-12-07T00:30:00Z');
    expect(day(periodRange('thisWeek', monday, 'UTC').first)).toBe('2026-12-07');
    expect(day(periodRange('lastWeek', monday, 'UTC').first)).toBe('2026-11-30');
    expect(day(periodRange('nextWeek', monday, 'UTC').last)).toBe('2026-12-20');
  });

  it('crosses the week boundary by time zone: Sunday 23:30 UTC is already Monday in Tokyo, still Sunday in Los Angeles', () => {
    const now = at('2026-12-06T23:30:00Z');
    expect(day(periodRange('thisWeek', now, 'UTC').first)).toBe('2026-11-30');
    expect(day(periodRange('thisWeek', now, 'Asia/Tokyo').first)).toBe('2026-12-07');
    expect(day(periodRange('today', now, 'America/Los_Angeles').first)).toBe('2026-12-06');
    // The week starts at local midnight: 2026-12-07 00:00 in Tokyo is 2026-12-06 15:00 UTC.
    expect(new Date(periodRange('thisWeek', now, 'Asia/Tokyo').from).toISOString()).toBe('2026-12-06T15:00:00.000Z');
  });

  it('finds the start of a local day across a daylight-saving change', () => {
    // Europe/Berlin moves to summer time on 2026-03-29: that day starts at 00:00 CET (23:00 UTC the day before).
    expect(new Date(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay({ year: 2026, month: 3, day: 30 }, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // São Paulo has no DST now; New York's change on 2026-11-01.
    expect(new Date(startOfLocalDay({ year: 2026, month: 11, day: 2 }, 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('reads "since Monday" as the latest Monday before today, and a Monday as the one a week before', () => {
    expect(day(sinceStart({ weekday: 'monday' }, at('2026-12-03T10:00:00Z'), 'UTC').date)).toBe('2026-11-30');
    expect(day(sinceStart({ weekday: 'monday' }, at('2026-11-30T10:00:00Z'), 'UTC').date)).toBe('2026-11-23');
    expect(day(sinceStart({ period: 'lastWeek' }, at('2026-12-03T10:00:00Z'), 'UTC').date)).toBe('2026-11-23');
    expect(day(sinceStart({ daysAgo: 7 }, at('2026-12-03T10:00:00Z'), 'UTC').date)).toBe('2026-11-26');
    expect(day(sinceStart({ period: 'thisMonth' }, at('2026-12-01T03:00:00Z'), 'America/Los_Angeles').date)).toBe('2026-11-01');
  });

  it('turns due ranges into calendar dates compared as dates', () => {
    const now = at('2026-12-31T22:00:00Z');
    // New Year's Day already in Auckland: "next month" is February there, January in UTC.
    expect(day(dueDates({ period: 'nextMonth' }, now, 'Pacific/Auckland').first)).toBe('2027-02-01');
    expect(day(dueDates({ period: 'nextMonth' }, now, 'UTC').first)).toBe('2027-01-01');
    const next7 = dueDates({ nextDays: 7 }, now, 'UTC');
    expect([day(next7.first), day(next7.last)]).toEqual(['2026-12-31', '2027-01-07']);
    expect(day(dueDates({ overdueMoreThanDays: 30 }, now, 'UTC').last)).toBe('2026-11-30');
    expect(utcDateBounds({ first: { year: 2026, month: 12, day: 31 }, last: { year: 2026, month: 12, day: 31 } })).toEqual({ dueFrom: at('2026-12-31T00:00:00Z'), dueBefore: at('2027-01-01T00:00:00Z') });
    expect(dueDates({ from: '2026-02-30' }, now, 'UTC')).toEqual({});
  });

  it('falls back to UTC for a zone the platform does not know', () => {
    expect(safeTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
    expect(safeTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('checks a zone once: a known or unknown zone asked again builds no formatter, and past the bound answers stay right', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(safeTimeZone('Asia/Kathmandu')).toBe('Asia/Kathmandu');
      expect(safeTimeZone('Venus/Maxwell')).toBe('UTC');
      const first = built.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      expect(safeTimeZone('Asia/Kathmandu')).toBe('Asia/Kathmandu');
      expect(safeTimeZone('Venus/Maxwell')).toBe('UTC');
      expect(localDateOf(Date.parse('2026-12-31T20:00:00Z'), 'Asia/Kathmandu')).toEqual({ year: 2027, month: 1, day: 1 });
      expect(built.mock.calls.length).toBe(first);
      // Client input: letter cases of one zone are names of their own; the cache stays bounded and correct past it.
      const letters = 'europeberlin';
      const names = Array.from({ length: MAX_CALENDAR_ZONES + 8 }, (_, i) => {
        const cased = [...letters].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join('');
        return `${cased.slice(0, 6)}/${cased.slice(6)}`;
      });
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) safeTimeZone(name);
      expect(safeTimeZone('Venus/Maxwell')).toBe('UTC');
      expect(safeTimeZone(names[0])).toBe(names[0]);
      expect(localDateOf(Date.parse('2026-12-31T23:30:00Z'), names[1]!)).toEqual({ year: 2027, month: 1, day: 1 });
    } finally {
      built.mockRestore();
    }
  });
});
