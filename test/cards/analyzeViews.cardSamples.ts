// Samples for the analyze cards (recommendations, details, breakdown), so the template conformance test covers
// them: a full page, an empty result, and values with markdown and template-like text from tenant data.
import type { CardReply } from '../../src/views/reply';

const row = (position: number, name: string) => ({
  position,
  recommendation: 'Storage accounts should restrict network access',
  resourceName: name,
  recommendationLine: 'Storage accounts should restrict network access',
  resourceNameLine: name,
  riskLevel: 'Critical',
  riskColor: 'attention',
  riskFactors: 'Internet exposure, Sensitive data +1\u00a0more',
  severity: 'High',
  severityColor: 'warning',
  governance: 'alice@contoso.com · due 12 Dec (overdue)',
  governanceColor: 'attention',
  detailsRef: `rK3x9a1Zq0Pw7Lm${position}`,
  detailsTitle: `Details of ${position}: Storage accounts should restrict network access on ${name}`,
});

export const CARD_SAMPLES: CardReply[] = [
  {
    template: 'recommendations',
    model: {
      title: 'Critical risk recommendations',
      filterSummary: 'Critical risk · Unhealthy',
      range: 'Rows 1–2 of 37',
      rankingNote: '',
      emptyText: '',
      rows: [row(1, 'stcontosoprod01'), row(2, '**bold** <at>x</at> $root \\ "quoted"'), { ...row(3, 'vm-unrated'), riskLevel: '', riskFactors: '', governance: '', governanceColor: 'Default' }],
      hasMore: true,
      moreRef: 'k3x9a1_2',
      moreLabel: 'Show 10 more',
    },
  },
  {
    template: 'recommendations',
    model: {
      title: 'Recommendations',
      filterSummary: 'Low risk · Healthy',
      range: '',
      rankingNote: 'Ranked by severity: this tenant has no risk data.',
      emptyText: 'Nothing matched.',
      rows: [],
      hasMore: false,
      moreRef: 'k3x9a2_0',
      moreLabel: '',
    },
  },
  {
    template: 'details',
    model: {
      title: 'Storage accounts should restrict network access',
      origin: 'Row 12 of 132 · Critical risk · Internet exposure · Unhealthy',
      headline: 'Critical risk · High severity · Unhealthy',
      headlineColor: 'attention',
      description: 'Network access to the storage account is open to all networks.',
      remediation: '1. Open the storage account.\n2. Restrict public network access.',
      recommendation: [{ label: 'Category', value: 'Data' }],
      resource: [{ label: 'Name', value: 'stcontosoprod01' }],
      governance: [{ label: 'Owner', value: 'alice@contoso.com' }],
      riskFactors: 'Internet exposure',
      attackPaths: [{ label: 'Path', value: 'Internet → VM → Storage' }],
      findingsTitle: 'Findings',
      findings: [{ title: 'CVE-2021-44228', severity: 'Critical', severityColor: 'attention', facts: 'CVSS 10 · patch available' }],
      portalLink: 'https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade',
      rankingNote: '',
    },
  },
  {
    template: 'details',
    model: {
      title: 'A recommendation with little data',
      origin: '',
      headline: 'High severity · Unhealthy',
      headlineColor: 'warning',
      description: '',
      remediation: '',
      recommendation: [],
      resource: [],
      governance: [],
      riskFactors: '',
      attackPaths: [],
      findingsTitle: '',
      findings: [],
      portalLink: '',
      rankingNote: 'Ranked by severity: this tenant has no risk data.',
    },
  },
  {
    template: 'breakdown',
    model: {
      title: 'Unhealthy recommendations by severity',
      filterSummary: 'Unhealthy',
      total: '37',
      rows: [
        { label: 'High', count: '20', share: '54%' },
        { label: 'Medium', count: '17', share: '46%' },
      ],
      more: '',
      rankingNote: '',
    },
  },
  {
    template: 'secureScore',
    model: {
      title: 'Secure score',
      percentage: '33%',
      points: '79.7 of 245 points',
      subscriptionsTitle: 'By subscription',
      subscriptions: [
        { label: 'Contoso Production', value: '20% (11 of 55)' },
        { label: '**bold** <at>x</at> $root', value: '41% (33.7 of 82)' },
      ],
      gainsTitle: 'Most points to gain',
      gains: [{ label: 'Enable MFA', value: '30 points · 3 unhealthy resources' }],
    },
  },
  {
    template: 'secureScore',
    model: { title: 'Secure score', percentage: '100%', points: '60 of 60 points', subscriptionsTitle: '', subscriptions: [], gainsTitle: '', gains: [] },
  },
];
