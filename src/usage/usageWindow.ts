// Calendar windows in UTC: the hour, the day or the month a moment falls in, with a sortable key.
import type { UsageWindow } from '../config/features/usage';

export interface WindowSpan {
  /** Sortable: 2026-12 (month), 2026-12-04 (day), 2026-12-04T16 (hour). */
  key: string;
  start: number;
  /** Exclusive. */
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function windowOf(at: number, window: UsageWindow): WindowSpan {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (window === 'month') return { key: `${y}-${pad(m + 1)}`, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
  const day = d.getUTCDate();
  if (window === 'day') return { key: `${y}-${pad(m + 1)}-${pad(day)}`, start: Date.UTC(y, m, day), end: Date.UTC(y, m, day + 1) };
  const hour = d.getUTCHours();
  return { key: `${y}-${pad(m + 1)}-${pad(day)}T${pad(hour)}`, start: Date.UTC(y, m, day, hour), end: Date.UTC(y, m, day, hour + 1) };
}

/** "this hour", "today", "this month" */
export const windowName = (window: UsageWindow) => (window === 'hour' ? 'this hour' : window === 'day' ? 'today' : 'this month');
