// Says the secure score from the data: overall, per subscription, and the controls with the most points to gain.
// A card rather than a text message: Teams renders markdown in text messages, the Agents Playground shows it raw,
// and a list needs line breaks that plain text does not keep.
import type { SecureScoreSummary } from '../../posture/engine';
import type { SecureScoreView } from '../../views/secureScoreView';
import { countLabel, shortWords } from '../../views/postureLabels';

const pct = (p: number) => `${Math.round(p * 100)}%`;
const points = (n: number) => countLabel(Math.round(n * 10) / 10);

export const NO_SECURE_SCORE =
  'This data has no secure score. Defender for Cloud computes it per subscription: export the microsoft.security/securescores rows to see it here.';

export function buildSecureScoreView(score: SecureScoreSummary): SecureScoreView {
  const losing = [...score.controls].filter((c) => c.max > c.current).sort((a, b) => b.max - b.current - (a.max - a.current)).slice(0, 3);
  const several = score.subscriptions.length > 1;
  return {
    title: 'Secure score',
    percentage: pct(score.percentage),
    points: `${points(score.current)} of ${points(score.max)} points`,
    subscriptionsTitle: several ? 'By subscription' : '',
    subscriptions: several
      ? score.subscriptions.map((s) => ({ label: shortWords(s.subscriptionName ?? s.subscriptionId), value: `${pct(s.percentage)} (${points(s.current)} of ${points(s.max)})` }))
      : [],
    gainsTitle: losing.length > 0 ? 'Most points to gain' : '',
    gains: losing.map((c) => ({
      label: c.displayName,
      value: `${points(c.max - c.current)} points${c.unhealthyResourceCount ? ` · ${countLabel(c.unhealthyResourceCount)} unhealthy resource${c.unhealthyResourceCount === 1 ? '' : 's'}` : ''}`,
    })),
  };
}
