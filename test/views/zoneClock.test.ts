// The kept clock formatter per zone: the same text as a new Intl.DateTimeFormat, built once per zone, none for a zone
// Intl does not know.
import { MAX_CLOCK_ZONES, zoneClock } from '../../src/views/zoneClock';

const AT = Date.parse('2026-12-04T23:05:00Z');
const fresh = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

describe('zoneClock', () => {
  it('formats as a 24-hour en-GB clock in the zone', () => {
    expect(zoneClock('UTC')?.format(AT)).toBe('23:05');
    expect(zoneClock('Europe/Paris')?.format(AT)).toBe('00:05');
    expect(zoneClock('Asia/Kolkata')?.format(AT)).toBe('04:35');
  });

  it('gives what a new formatter gives, for every zone Intl knows, also past MAX_CLOCK_ZONES of them', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(MAX_CLOCK_ZONES);
    for (const at of [AT, AT + 13 * 3_600_000, AT + 190 * 86_400_000]) for (const zone of zones) expect(zoneClock(zone)?.format(at)).toBe(fresh(zone).format(at));
  });

  it('builds a zone\'s formatter once', () => {
    zoneClock('America/Denver');
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(zoneClock('America/Denver')?.format(AT)).toBe('16:05');
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('has none for an unknown, empty or over-long zone', () => {
    expect(zoneClock('Not/AZone')).toBeUndefined();
    expect(zoneClock('')).toBeUndefined();
    expect(zoneClock(undefined)).toBeUndefined();
    expect(zoneClock(`Europe/${'x'.repeat(60)}`)).toBeUndefined();
  });
});
