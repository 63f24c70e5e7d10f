// The clock time ("14:02", 24-hour, en-GB) in a time zone, from one Intl.DateTimeFormat kept per zone: building one
// costs some 60 µs, formatting with one under 1 µs. Zones are names clients send (Teams' clientInfo), so at most
// MAX_CLOCK_ZONES are kept, the oldest dropped first.
import { keepNewest } from '../collections/keepNewest';
import { MAX_CALENDAR_ZONES } from '../posture/history/calendar';

const clocks = new Map<string, Intl.DateTimeFormat>();
/** As many as the calendar keeps formatters for (one bound for the zones a process keeps). */
export const MAX_CLOCK_ZONES = MAX_CALENDAR_ZONES;

/** The zone's clock formatter; undefined when Intl knows no such zone (or the name is longer than 64 characters). */
export function zoneClock(zone: string | undefined): Intl.DateTimeFormat | undefined {
  if (!zone || zone.length > 64) return undefined;
  const kept = clocks.get(zone);
  if (kept) return kept;
  let clock: Intl.DateTimeFormat;
  try {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false });
  } catch {
    return undefined;
  }
  keepNewest(clocks, zone, clock, MAX_CLOCK_ZONES);
  return clock;
}
