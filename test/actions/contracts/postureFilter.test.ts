import type { AnalyzeFilter } from '../../../src/actions/contracts/analyze';
import { severitiesForRiskLevels, toPostureFilter } from '../../../src/actions/contracts/postureFilter';
import { FILTER_VARIANTS } from './filterVariants';

/** toPostureFilter as it was written with a rest destructuring: the copy it must equal, keys in the same order. */
function reference(filter: AnalyzeFilter, hasRiskData: boolean) {
  const { riskLevels, riskFactors, hasAttackPaths, severities, due: _due, ...rest } = filter;
  const out: Record<string, unknown> = { ...rest, statuses: filter.statuses ?? ['Unhealthy'] };
  if (severities) out['severities'] = severities;
  if (hasRiskData) {
    if (riskLevels) out['riskLevels'] = riskLevels;
    if (riskFactors) out['riskFactors'] = riskFactors;
    if (hasAttackPaths !== undefined) out['hasAttackPaths'] = hasAttackPaths;
  } else if (riskLevels) {
    const asSeverity = severitiesForRiskLevels(riskLevels);
    out['severities'] = severities ? severities.filter((s) => asSeverity.includes(s)) : asSeverity;
  }
  if ((out['severities'] as unknown[] | undefined)?.length === 0) delete out['severities'];
  return out;
}

/** Own keys in order, each value, and the prototype: what a spread copy is made of. */
const shape = (value: object) => ({ proto: Object.getPrototypeOf(value) as unknown, entries: Reflect.ownKeys(value).map((k) => [k, (value as Record<PropertyKey, unknown>)[k]]) });

describe('toPostureFilter copies the fields it does not translate as a spread does', () => {
  const filters: Array<[string, AnalyzeFilter]> = [
    ...FILTER_VARIANTS.filter((v): v is [string, AnalyzeFilter] => typeof v[1] === 'object' && v[1] !== null && !('due' in v[1])),
    ['statuses between other keys', { owners: ['maya'], statuses: ['Healthy'], riskLevels: ['High'], clouds: ['AWS'] } as AnalyzeFilter],
    ['an undefined field', { owners: undefined, severities: ['High'] } as AnalyzeFilter],
    ['an inherited field is not copied', Object.assign(Object.create({ clouds: ['GCP'] }) as AnalyzeFilter, { owners: ['maya'] })],
  ];
  it.each(filters)('%s', (_name, filter) => {
    for (const hasRiskData of [true, false]) {
      expect(shape(toPostureFilter(filter, hasRiskData, { now: 0 }).filter)).toEqual(shape(reference(filter, hasRiskData)));
    }
  });
});
