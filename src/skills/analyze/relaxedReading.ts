// Looser readings of a question that found nothing: vulnerability findings read as recommendations of that
// severity, the vulnerabilities risk factor dropped, risk levels read as severities. The answer shows the first
// looser reading that finds something and says what was relaxed.
import type { AnalyzeFilter } from '../../actions/contracts/analyze';

export interface Relaxation {
  filter: AnalyzeFilter;
  /** What was relaxed, said to the user. */
  said: string;
}

const or = (values: readonly string[]) => values.join(' or ');

/** Each looser reading alone, then all of them together; none when nothing can be relaxed. */
export function relaxations(filter: AnalyzeFilter): Relaxation[] {
  const steps: Array<{ apply: (f: AnalyzeFilter) => AnalyzeFilter | undefined; said: string }> = [];
  if (filter.findingSeverities) {
    const levels = filter.findingSeverities;
    steps.push({
      apply: ({ findingSeverities: _dropped, ...rest }) => ({ ...rest, severities: levels }),
      said: `No vulnerability findings of ${or(levels)} severity matched, so these are recommendations of ${or(levels)} severity`,
    });
  }
  if (filter.riskFactors?.includes('vulnerabilities')) {
    steps.push({
      apply: (f) => {
        const factors = (f.riskFactors ?? []).filter((r) => r !== 'vulnerabilities');
        const { riskFactors: _dropped, ...rest } = f;
        return factors.length > 0 ? { ...rest, riskFactors: factors as NonNullable<AnalyzeFilter['riskFactors']> } : rest;
      },
      said: 'Nothing matched with the vulnerabilities risk factor, so these are recommendations without that condition',
    });
  }
  if (filter.riskLevels && !filter.severities) {
    const levels = filter.riskLevels;
    steps.push({
      apply: ({ riskLevels: _dropped, ...rest }) => ({ ...rest, severities: levels }),
      said: `No recommendation has ${or(levels)} risk, so "${or(levels)}" is read as severity`,
    });
  }
  const out: Relaxation[] = steps.map((s) => ({ filter: s.apply(filter) ?? filter, said: s.said }));
  if (steps.length > 1) {
    const all = steps.reduce<AnalyzeFilter>((f, s) => s.apply(f) ?? f, filter);
    out.push({ filter: all, said: steps.map((s) => s.said).join('. ') });
  }
  return out;
}
