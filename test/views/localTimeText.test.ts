// The clock time in a zone from the calendar's kept formatter: the same text as a new en-GB 24-hour
// Intl.DateTimeFormat, for every zone Intl knows, also past the calendar's bound; none built for a zone seen before.
import { MAX_CALENDAR_ZONES, localDateTimeOf } from '../../src/posture/history/calendar';
import { localTimeText } from '../../src/views/postureLabels';

const AT = Date.parse('2026-12-04T23:05:00Z');
const fresh = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clock = (at: number, zone: string) => localTimeText(localDateTimeOf(at, zone));

describe('localTimeText of localDateTimeOf', () => {
  it('reads as a 24-hour en-GB clock in the zone', () => {
    expect(clock(AT, 'UTC')).toBe('23:05');
    expect(clock(AT, 'Europe/Paris')).toBe('00:05');
    expect(clock(AT, 'Asia/Kolkata')).toBe('04:35');
  });

  it('gives what a new formatter gives, for every zone Intl knows, also past MAX_CALENDAR_ZONES of them', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(MAX_CALENDAR_ZONES);
    for (const at of [AT, AT + 13 * 3_600_000, AT + 190 * 86_400_000]) for (const zone of zones) expect(clock(at, zone)).toBe(fresh(zone).format(at));
  });

  it("builds no formatter for a zone seen before", () => {
    clock(AT, 'America/Denver');
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(clock(AT, 'America/Denver')).toBe('16:05');
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('throws for a zone Intl does not know, as Intl does (callers pass zones from safeTimeZone)', () => {
    expect(() => localDateTimeOf(AT, 'Not/AZone')).toThrow(RangeError);
  });
});
