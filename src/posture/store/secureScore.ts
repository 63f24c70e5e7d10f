// Secure score across subscriptions: Defender's overall score is the sum of current points over the sum of
// maximum points (so larger subscriptions weigh more), not an average of percentages.
import type { SecureScoreSummary } from '../engine';
import { subscriptionLabel } from './rows';
import type { PostureTable } from './table';

/** `includes` keeps only some subscriptions' scores and controls (a scoped viewer's). */
export function summarizeSecureScore(t: PostureTable, includes: (subscriptionId: string | undefined) => boolean = () => true): SecureScoreSummary | undefined {
  if (!t.secureScores.length && !t.secureScoreControls.length) return undefined;
  const scores = t.secureScores.filter((score) => includes(score.subscriptionId));
  const controlRecords = t.secureScoreControls.filter((control) => includes(control.subscriptionId));
  if (!scores.length && !controlRecords.length) return undefined;
  const perSubscription = new Map<string, { subscriptionId: string; subscriptionName?: string; current: number; max: number }>();
  let current = 0;
  let max = 0;
  for (const score of scores) {
    if (!Number.isFinite(score.current) || !Number.isFinite(score.max)) continue;
    current += score.current;
    max += score.max;
    const id = score.subscriptionId ?? '';
    const key = id.toLowerCase();
    let entry = perSubscription.get(key);
    if (!entry) {
      const code = id ? t.dict.subscription.find(id) : undefined;
      entry = { subscriptionId: id, current: 0, max: 0 };
      const name = code === undefined ? undefined : subscriptionLabel(t, code);
      if (name !== undefined) entry.subscriptionName = name;
      perSubscription.set(key, entry);
    }
    entry.current += score.current;
    entry.max += score.max;
  }
  const controls = new Map<string, { displayName: string; current: number; max: number; unhealthyResourceCount?: number }>();
  for (const control of controlRecords) {
    const key = control.displayName.trim().toLowerCase();
    let entry = controls.get(key);
    if (!entry) controls.set(key, (entry = { displayName: control.displayName.trim(), current: 0, max: 0 }));
    entry.current += finite(control.current);
    entry.max += finite(control.max);
    if (control.unhealthyResourceCount !== undefined) entry.unhealthyResourceCount = (entry.unhealthyResourceCount ?? 0) + control.unhealthyResourceCount;
  }
  return {
    current: round(current),
    max: round(max),
    percentage: max > 0 ? current / max : 0,
    subscriptions: [...perSubscription.values()]
      .map((s) => ({ ...s, current: round(s.current), max: round(s.max), percentage: s.max > 0 ? s.current / s.max : 0 }))
      .sort((a, b) => a.percentage - b.percentage || (a.subscriptionName ?? a.subscriptionId).localeCompare(b.subscriptionName ?? b.subscriptionId)),
    // Where the most points are lost first, then where the most resources are unhealthy.
    controls: [...controls.values()]
      .map((c) => ({ ...c, current: round(c.current), max: round(c.max) }))
      .sort((a, b) => b.max - b.current - (a.max - a.current) || (b.unhealthyResourceCount ?? 0) - (a.unhealthyResourceCount ?? 0) || a.displayName.localeCompare(b.displayName)),
  };
}

const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
const round = (value: number): number => Math.round(value * 100) / 100;
