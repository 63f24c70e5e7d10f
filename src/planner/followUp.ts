// Turns a follow-up's filter draft into a `refine` of the list on screen: narrow (set), widen (add), clear, or
// leave out values ("without AWS" keeps the other clouds).
import { ANALYZE_FILTER_FIELDS, type AnalyzeFilter, type AnalyzeFilterField, type RefineParams } from '../actions/contracts/analyze';
import { complement } from './exclusions';
import type { FilterDraft } from './filterBuilder';
import type { BoundVocabulary } from './vocabularyPort';

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

const unique = <T>(values: T[]): T[] => [...new Set(values)];
