// Citations for model-written prose: a name the data holds cites its record (name, a line about it, the portal link
// when it is a real Azure portal link), with a [n] marker after the name's first mention; unknown names cite nothing.
import { citeNames, isCitationSource, MAX_CITATIONS, type CitationSource } from '../../src/llmPlanner/citations';
import type { RecommendationDetails, RecommendationRow } from '../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';

function source(rows: Array<Partial<RecommendationRow> & { portalLink?: string }>): CitationSource & { searched: unknown[] } {
  const searched: unknown[] = [];
  return {
    searched,
    search: (_viewer, request) => {
      searched.push(request.filter);
      const text = (request.filter.resourceText ?? request.filter.recommendationText ?? '').toLowerCase();
      const items = rows.filter((r) => (request.filter.resourceText ? r.resourceName : r.displayName)?.toLowerCase().includes(text)) as RecommendationRow[];
      return { total: items.length, offset: 0, items: items.slice(0, request.limit) };
    },
    details: (_viewer, id) => rows.find((r) => r.assessmentId === id) as RecommendationDetails | undefined,
  };
}

const row = (name: string, id: string, portalLink?: string) => ({ assessmentId: id, displayName: 'Management ports should be closed', resourceName: name, severity: 'High' as const, status: 'Unhealthy' as const, subscriptionName: 'Zeta', ...(portalLink ? { portalLink } : {}) });

describe('citeNames', () => {
  it('cites the record behind each known name, with its portal link, and marks the text', () => {
    const data = source([row('vm-quasar-07', 'a1', 'https://portal.azure.com/#blade/x/a1'), row('sql-nova-2', 'a2', 'https://evil.example/phish')]);
    const { text, citations } = citeNames('Patch vm-quasar-07 first, then sql-nova-2. Again vm-quasar-07.', ['vm-quasar-07', 'sql-nova-2'], data, SYSTEM_VIEWER);
    expect(text).toBe('Patch vm-quasar-07 [1] first, then sql-nova-2 [2]. Again vm-quasar-07.');
    expect(citations).toEqual([
      { name: 'Management ports should be closed (vm-quasar-07)', abstract: 'High severity, Unhealthy on vm-quasar-07 in Zeta: from your Defender for Cloud data.', url: 'https://portal.azure.com/#blade/x/a1' },
      // A link that is not the Azure portal is dropped; the citation stays.
      { name: 'Management ports should be closed (sql-nova-2)', abstract: 'High severity, Unhealthy on sql-nova-2 in Zeta: from your Defender for Cloud data.' },
    ]);
  });

  it('cites nothing for a name without a record, and at most a few records', () => {
    expect(citeNames('vm-ghost-1 is fine.', ['vm-ghost-1'], source([]), SYSTEM_VIEWER)).toEqual({ text: 'vm-ghost-1 is fine.', citations: [] });
    const names = Array.from({ length: 8 }, (_, i) => `vm-n-${i}`);
    const many = citeNames(names.join(' '), names, source(names.map((n, i) => row(n, `id${i}`))), SYSTEM_VIEWER);
    expect(many.citations).toHaveLength(MAX_CITATIONS);
  });

  it('knows a source that can cite from one that only has names', () => {
    expect(isCitationSource(source([]))).toBe(true);
    expect(isCitationSource({ vocabulary: () => [] })).toBe(false);
  });
});
