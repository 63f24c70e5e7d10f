// Turns a follow-up's filter draft into a `refine` of the list on screen: narrow (set), widen (add), clear, or
// leave out values ("without AWS" keeps the other clouds).
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../posture/model';
import { ANALYZE_FILTER_FIELDS, type AnalyzeFilter, type AnalyzeFilterField, type RefineParams } from '../skills/analyze/params';
import type { FilterDraft } from './filterBuilder';
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
/** Fields whose values the user can add to; the others (texts, a flag) are simply replaced. */
const ADDABLE = new Set<AnalyzeFilterField>(['riskLevels', 'riskFactors', 'severities', 'statuses', 'categories', 'clouds', 'resourceTypes', 'subscriptions', 'resourceGroups', 'owners', 'governance', 'findingSeverities']);

/** `adding`: the user widened the list ("include", "also", "too", a leading "and"). */
export function resolveFollowUp(draft: FilterDraft, active: AnalyzeFilter, vocab: BoundVocabulary, adding: boolean): RefineParams | undefined {
  const refine: RefineParams = {};
  const set: Record<string, unknown> = {};
  const add: Record<string, unknown> = {};

  for (const field of Object.keys(draft.filter) as AnalyzeFilterField[]) {
    const values = draft.filter[field];
    if (values === undefined) continue;
    if (adding && ADDABLE.has(field)) {
      // Widening an unstated status means the default (Unhealthy) plus the new one.
      add[field] = field === 'statuses' && !active.statuses ? unique(['Unhealthy', ...(values as string[])]) : values;
    } else set[field] = values;
  }
  for (const field of Object.keys(draft.excluded) as AnalyzeFilterField[]) {
    const kept = complement(field, draft.excluded, active, vocab);
    if (kept === 'clear') refine.clear = unique([...(refine.clear ?? []), field]);
    else if (kept) set[field] = kept;
  }
  const clear = draft.clearAll ? (Object.keys(active).length > 0 ? (Object.keys(active) as AnalyzeFilterField[]) : [...ANALYZE_FILTER_FIELDS]) : draft.clear;
  const clearable = clear.filter((f) => set[f] === undefined && add[f] === undefined);
  if (clearable.length > 0) refine.clear = unique([...(refine.clear ?? []), ...clearable]);
  if (Object.keys(set).length > 0) refine.set = set as AnalyzeFilter;
  if (Object.keys(add).length > 0) refine.add = add as AnalyzeFilter;
  if (draft.breakdown) {
    refine.view = 'breakdown';
    refine.groupBy = draft.groupBy ?? 'severity';
  } else if (draft.count) refine.view = 'count';
  if (draft.sort) refine.sort = draft.sort;
  return Object.keys(refine).length > 0 ? refine : undefined;
}

/** The values left once the excluded ones are taken away, from the list's own values or every known value. */
function complement(field: AnalyzeFilterField, excluded: AnalyzeFilter, active: AnalyzeFilter, vocab: BoundVocabulary): string[] | 'clear' | undefined {
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

const unique = <T>(values: T[]): T[] => [...new Set(values)];
