// Builds the breakdown card's view model from grouped counts.
import type { GroupBy, GroupResult } from '../../posture/engine';
import type { BreakdownView } from '../../views/breakdownView';
import { CATEGORY_LABELS, CLOUD_LABELS, GOVERNANCE_LABELS, NO_OWNER, countLabel, RISK_FACTOR_LABELS, resourceTypeLabel, shortWords } from '../../views/postureLabels';

const MAX_GROUPS = 15;

const GROUP_NAMES: Record<GroupBy, string> = {
  severity: 'severity',
  riskLevel: 'risk level',
  resourceType: 'resource type',
  subscription: 'subscription',
  owner: 'owner',
  category: 'category',
  cloud: 'cloud',
  recommendation: 'recommendation',
  governance: 'governance state',
  riskFactor: 'risk factor',
};

function groupLabel(by: GroupBy, key: string, label: string): string {
  switch (by) {
    case 'resourceType':
      // The everyday name only: the ARM type beside it ("microsoft.storage/storageaccounts") broke mid-word in the
      // card's narrow column, and two types with one name are told apart by the details card.
      return resourceTypeLabel(key);
    case 'owner':
      return key === '' ? NO_OWNER : shortWords(label || key);
    case 'riskFactor':
      return RISK_FACTOR_LABELS[key as keyof typeof RISK_FACTOR_LABELS] ?? label;
    case 'category':
      return CATEGORY_LABELS[key as keyof typeof CATEGORY_LABELS] ?? label;
    case 'cloud':
      return CLOUD_LABELS[key as keyof typeof CLOUD_LABELS] ?? label;
    case 'governance':
      return GOVERNANCE_LABELS[key as keyof typeof GOVERNANCE_LABELS] ?? label;
    default:
      return shortWords(label || key || '(none)');
  }
}

export function buildBreakdownView(groups: GroupResult, filterSummary: string, hasRiskData: boolean, notes: string[]): BreakdownView {
  const shown = groups.groups.slice(0, MAX_GROUPS);
  const hidden = groups.groups.length - shown.length;
  const pct = (n: number) => (groups.total === 0 ? '0%' : `${Math.round((n / groups.total) * 100)}%`);
  const riskNote = !hasRiskData && (groups.by === 'riskLevel' || groups.by === 'riskFactor') ? ['This data has no risk levels: risk prioritization needs Defender CSPM.'] : [];
  return {
    title: `By ${GROUP_NAMES[groups.by]}`,
    filterSummary,
    total: `${countLabel(groups.total)} ${groups.total === 1 ? 'recommendation' : 'recommendations'} in all${groups.by === 'riskFactor' ? ' (one can have several risk factors)' : ''}`,
    rows: shown.map((g) => ({ label: groupLabel(groups.by, g.key, g.label), count: countLabel(g.count), share: pct(g.count) })),
    more: hidden > 0 ? `and ${hidden} more` : '',
    rankingNote: [...riskNote, ...notes].join(' '),
  };
}
