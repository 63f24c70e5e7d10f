// Samples for the vulnerabilities, resources and attack paths cards: full answers, empty ones, and values with
// markdown and template-like text from tenant data.
import type { CardReply } from '../../src/views/reply';

const line = (text: string, facts: string, color = 'Attention') => ({ text, facts, color });
const more = { hasMore: true, moreRef: 'k3x9a1b2_5', moreLabel: 'Show 5 more' };
const noMore = { hasMore: false, moreRef: '', moreLabel: '' };

export const CARD_SAMPLES: CardReply[] = [
  {
    template: 'vulnerabilities',
    model: {
      title: 'Vulnerabilities (CVEs) by affected resources',
      ...more,
      filterSummary: 'CVE CVE-2021-44228 · Unhealthy',
      range: '1 CVE',
      emptyText: '',
      rows: [line('1. CVE-2021-44228 — Log4j JNDI lookup remote code execution (Log4Shell)', '6 resources · 6 recommendations · Critical severity · CVSS 10 · fix available · log4j-core')],
      affectedTitle: 'Most affected resources (6 resources)',
      affected: [line('1. **bold** <at>x</at> $root \\ "quoted" {title}', 'Virtual machine · Contoso Production · Critical risk · 3 CVEs')],
    },
  },
  {
    template: 'vulnerabilities',
    model: { title: 'Vulnerabilities (CVEs) by affected resources', ...noMore, filterSummary: 'Fix available · Unhealthy', range: '', emptyText: 'No open recommendation names a CVE that matches.', rows: [], affectedTitle: '', affected: [] },
  },
  {
    template: 'resources',
    model: {
      title: 'Top 2 riskiest resources',
      ...more,
      filterSummary: 'Unhealthy',
      range: 'Top 2 of 120 resources',
      emptyText: '',
      rankingNote: '',
      resources: [
        {
          heading: '1. jumpbox-$(whoami)-01',
          headline: 'Critical risk · High severity · 2 attack paths · 4 CVEs',
          headlineColor: 'Attention',
          facts: 'Virtual machine · Contoso Production · rg-core · owners: alice@contoso.com',
          recommendationsTitle: '12 open recommendations, riskiest first (showing 5)',
          recommendations: [line('1. Machines should have secrets findings resolved', 'Critical risk · High severity · owner alice@contoso.com')],
        },
        { heading: '2. [link](https://evil.example)', headline: 'High severity', headlineColor: 'Warning', facts: 'Storage account', recommendationsTitle: '', recommendations: [] },
      ],
    },
  },
  {
    template: 'resources',
    model: { title: "What's wrong with nothing-here", ...noMore, filterSummary: 'Resource name contains "nothing-here" · Unhealthy', range: '', emptyText: 'No resource with an open recommendation matches.', rankingNote: 'Ranked by severity: this data has no risk levels or attack paths (needs Defender CSPM).', resources: [] },
  },
  {
    template: 'attackPaths',
    model: {
      title: 'Attack paths',
      ...more,
      filterSummary: 'Through a resource named like "jumpbox"',
      range: '1 attack path',
      emptyText: '',
      paths: [
        {
          heading: '1. Internet exposed VM with high severity vulnerabilities has permissions to a storage account',
          headline: 'Critical risk',
          headlineColor: 'Attention',
          description: 'jumpbox accepts traffic from the internet and can reach **données-clients** <at>x</at>.',
          entryPoint: 'jumpbox-$(whoami)-01',
          target: 'données-clients',
          steps: [{ text: '1. jumpbox-$(whoami)-01 → Has permission to → données-clients' }],
          route: '',
          riskFactors: 'Internet exposure, Sensitive data',
          recommendationsTitle: 'Fix any of these to break the path (2)',
          recommendations: [line('1. Vulnerabilities in log4j-core should be remediated', 'jumpbox · Critical risk · CVE-2021-44228 · fixed in 2.17.1')],
        },
        { heading: '2. A path with little data', headline: 'No risk', headlineColor: 'Default', description: '', entryPoint: 'Not given in the data', target: 'Not given in the data', steps: [], route: 'jumpbox → Has permission to → **db**', riskFactors: 'None listed', recommendationsTitle: 'No open recommendation on this path is visible to you', recommendations: [] },
      ],
    },
  },
  { template: 'attackPaths', model: { title: 'Attack paths', ...noMore, filterSummary: 'All attack paths, riskiest first', range: '', emptyText: 'No attack path matches.', paths: [] } },
];
