// Samples for the "what changed" and executive summary cards: full answers, an empty one, and tenant values with
// markdown and template-like text.
import type { CardReply } from '../../src/views/reply';

export const CARD_SAMPLES: CardReply[] = [
  {
    template: 'changes',
    model: {
      title: 'What changed since 30 Nov 2026',
      compared: 'Compared the load of 29 Nov 2026 06:00 (Europe/Berlin) with the data now (4 Dec 2026 17:00 (Europe/Berlin)).',
      summary: '3 newly open · 2 fixed · 0 exempted · 1 deleted · 1 newly assessed',
      note: '',
      sections: [
        { heading: 'Newly open: 3', lines: [{ text: 'Storage accounts should restrict network access · stprod01', facts: 'Critical risk · owner priya@alderbrook.example · due 10 Dec 2026' }], more: '', moreLabel: 'Show all 3 newly open', moreKind: 'new', moreSince: '2026-11-30' },
        { heading: 'Deleted (no longer in the data): 1', lines: [{ text: '**bold** <at>x</at> $root {title} · vm-old', facts: '' }], more: 'and 2 more', moreLabel: '', moreKind: '', moreSince: '' },
      ],
    },
  },
  {
    template: 'changes',
    model: { title: 'What changed since 3 Dec 2026', compared: 'Compared the load of 3 Dec 2026 06:00 UTC with the data now (4 Dec 2026 09:00 UTC).', summary: 'Nothing of this kind changed between these dates.', note: 'Only rows that match the filter now are counted.', sections: [] },
  },
  {
    template: 'executiveSummary',
    model: {
      title: 'Executive summary',
      asOf: 'Posture as of 4 Dec 2026 17:00 UTC',
      facts: [
        { title: 'Open recommendations', value: '1,204' },
        { title: 'Critical / high risk', value: '103 / 240' },
        { title: 'Secure score', value: '61%' },
      ],
      topRisksHeading: 'Top 2 risks and their owners',
      topRisks: [
        { text: 'Machines should have vulnerability findings resolved · jumpbox-01', facts: 'Critical risk · Unassigned' },
        { text: '{title} **x** $root · données-clients', facts: 'High risk · owner sofia@alderbrook.example · due 1 Nov 2026' },
      ],
      overdueHeading: 'Overdue work: 12',
      overdue: [{ text: 'priya@alderbrook.example: 7 overdue', facts: '' }],
      hasOverdue: true,
      changedHeading: 'What changed',
      changedCompared: 'Compared the load of 27 Nov 2026 06:00 UTC with the data now (4 Dec 2026 17:00 UTC).',
      changed: '4 newly open · 9 fixed · 0 exempted · 1 deleted · 2 newly assessed',
      note: '',
    },
  },
];
