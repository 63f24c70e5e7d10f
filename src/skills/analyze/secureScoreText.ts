// Says the secure score from the data: overall, per subscription, and where points are lost.
import type { SecureScoreSummary } from '../../posture/engine';
import { escapeMarkdown } from '../../views/markdown';

const pct = (p: number) => `${Math.round(p * 100)}%`;
const points = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-US');

export function secureScoreText(score: SecureScoreSummary | undefined): string {
  if (!score) return 'This data has no secure score. Defender for Cloud computes it per subscription; export `microsoft.security/securescores` rows to see it here.';
  const lines = [`Your secure score is **${pct(score.percentage)}** (${points(score.current)} of ${points(score.max)} points).`];
  if (score.subscriptions.length > 1) {
    lines.push('', ...score.subscriptions.map((s) => `- ${escapeMarkdown(s.subscriptionName ?? s.subscriptionId)}: ${pct(s.percentage)} (${points(s.current)} of ${points(s.max)})`));
  }
  const losing = [...score.controls].sort((a, b) => b.max - b.current - (a.max - a.current)).filter((c) => c.max > c.current).slice(0, 3);
  if (losing.length > 0) {
    lines.push('', 'Most points to gain:', ...losing.map((c) => `- ${escapeMarkdown(c.displayName)}: ${points(c.max - c.current)} points${c.unhealthyResourceCount ? ` (${c.unhealthyResourceCount} unhealthy resources)` : ''}`));
  }
  return lines.join('\n');
}
