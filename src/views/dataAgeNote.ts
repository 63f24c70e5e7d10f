// The line answers on live data end with: when the data was read and how long ago ("Data from Azure as of 14:02,
// 12 min ago."), and, when reading Azure is failing (the data kept is older than it should be), that plainly; when part
// of the scope could not be read (a subscription whose role was taken away), that its findings are left out.
import { localDateOf, localDateTimeOf, safeTimeZone } from '../posture/history/calendar';
import { localDateText, localTimeText } from './postureLabels';
import type { PostureInfo } from '../posture/postureHolder';

const MINUTE = 60_000;

/** "just now", "12 min ago", "3 h 5 min ago", "2 days ago". */
export function ageText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h ago` : `${hours} h ${minutes % 60} min ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** The clock time of `at` in the viewer's zone; with the date when it is not today there. */
function clockText(at: number, now: number, timeZone: string): string {
  const local = localDateTimeOf(at, timeZone);
  const day = localDateText(local);
  const time = localTimeText(local);
  const zone = timeZone === 'UTC' ? ' UTC' : '';
  return day === localDateText(localDateOf(now, timeZone)) ? `${time}${zone}` : `${day} ${time}${zone}`;
}

/** Undefined for data that is not live (the demo tenant, an export). */
export function dataAgeNote(info: Pick<PostureInfo, 'live' | 'loadedAt' | 'stale' | 'refreshFailing' | 'unreadable' | 'governanceAt'>, now: number, timeZone?: string): string | undefined {
  if (!info.live) return undefined;
  // A zone Intl does not know reads as UTC; the zone's check and its clock share the calendar's kept formatter.
  const zone = safeTimeZone(timeZone);
  // Governance assignments are read again less often than the rest: say their age when it differs by a minute or more.
  const governance = info.governanceAt !== undefined && info.loadedAt - info.governanceAt >= 60_000 ? ` Owners and due dates as of ${clockText(info.governanceAt, now, zone)}.` : '';
  const when = `Data from Azure as of ${clockText(info.loadedAt, now, zone)}, ${ageText(now - info.loadedAt)}.${governance}`;
  const missing = info.unreadable?.length ?? 0;
  const partial = missing > 0 ? ` ${missing === 1 ? 'One part' : `${missing} parts`} of the Azure scope could not be read, so ${missing === 1 ? 'its' : 'their'} findings are left out.` : '';
  if (info.stale || info.refreshFailing) return `${when}${partial} Reading Azure is failing right now, so this may be out of date; I keep trying.`;
  return `${when}${partial}`;
}
