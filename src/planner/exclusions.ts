// Leaving values out ("without AWS", "everything except low"): the filter keeps the other values, taken from the
// list's own values or from every known value (enums, and the tenant's own types and subscriptions).
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../posture/model';
import type { AnalyzeFilter, AnalyzeFilterField } from '../actions/contracts/analyze';
import type { BoundVocabulary } from './vocabularyPort';

type ListField = 'riskLevels' | 'riskFactors' | 'severities' | 'statuses' | 'categories' | 'clouds' | 'governance' | 'findingSeverities' | 'resourceTypes' | 'subscriptions';

const ENUMS: Partial<Record<ListField, readonly string[]>> = {
  riskLevels: RISK_LEVELS,
  severities: SEVERITIES,
  findingSeverities: SEVERITIES,
  statuses: STATUS_CODES,
  categories: CATEGORIES,
  clouds: CLOUDS,
  governance: GOVERNANCE_STATES,
};
/** The values left once the excluded ones are taken away, from the list's own values or every known value. */
export function complement(field: AnalyzeFilterField, excluded: AnalyzeFilter, active: AnalyzeFilter, vocab: BoundVocabulary): string[] | 'clear' | undefined {
  const out = excluded[field];
  if (!Array.isArray(out)) return undefined;
  const drop = new Set(out.map((v) => (typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v))));
  const current = active[field];
  let base: readonly string[] | undefined;
  if (Array.isArray(current)) base = current.filter((v): v is string => typeof v === 'string');
  else if (field === 'statuses') base = ['Unhealthy'];
  else if (field === 'resourceTypes') base = vocab.values('resourceType');
  else if (field === 'subscriptions') base = vocab.values('subscription');
  else base = ENUMS[field as ListField];
  if (!base) return undefined;
  const kept = base.filter((v) => !drop.has(v.toLowerCase()));
  if (kept.length === base.length) return undefined;
  if (kept.length === 0) return Array.isArray(current) ? 'clear' : undefined;
  return kept.length <= 25 ? kept : undefined;
}

