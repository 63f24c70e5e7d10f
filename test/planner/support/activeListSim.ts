// Plays the analyze skill's part in a labelled conversation: keeps the active list the way the skill will
// (new list on analyze, refine applied to it, pages counted), so follow-ups are planned in context.
import type { PlannedAction } from '../../../src/actions/registry';
import type { ActiveListSummary } from '../../../src/planner/activeList';
import { analyzeParamsSchema, refineParamsSchema, type AnalyzeFilter } from '../../../src/actions/contracts/analyze';

export const PAGE_SIZE = 5;

export function applyRefine(filter: AnalyzeFilter, parameters: unknown): AnalyzeFilter {
  const refine = refineParamsSchema.parse(parameters);
  const next: Record<string, unknown> = { ...filter };
  for (const field of refine.clear ?? []) delete next[field];
  for (const [field, value] of Object.entries(refine.set ?? {})) next[field] = value;
  for (const [field, value] of Object.entries(refine.add ?? {})) {
    const current = next[field];
    next[field] = Array.isArray(current) && Array.isArray(value) ? [...new Set([...current, ...value].map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown) : value;
  }
  return next as AnalyzeFilter;
}

/** The active list after `action` ran on `before`. */
export function nextActiveList(before: ActiveListSummary | undefined, action: PlannedAction): ActiveListSummary | undefined {
  if (action.name === 'analyze') {
    const params = analyzeParamsSchema.parse(action.parameters);
    return { filter: params.filter, shown: PAGE_SIZE, total: 100, ...(params.groupBy ? { groupBy: params.groupBy } : {}) };
  }
  if (!before) return before;
  if (action.name === 'refine') {
    const refine = refineParamsSchema.parse(action.parameters);
    return { ...before, filter: applyRefine(before.filter, action.parameters), ...(refine.groupBy ? { groupBy: refine.groupBy } : {}) };
  }
  if (action.name === 'showMore') return { ...before, shown: before.shown + PAGE_SIZE };
  return before;
}
