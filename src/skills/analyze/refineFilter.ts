// Applies a follow-up ("just the VMs", "include medium too", "any severity") to the active list's filter.
import { ANALYZE_FILTER_FIELDS, type AnalyzeFilter, type AnalyzeFilterField, type RefineParams } from '../../actions/contracts/analyze';

type Mutable = Record<AnalyzeFilterField, unknown>;

function union(a: unknown, b: unknown): unknown {
  if (!Array.isArray(a) || !Array.isArray(b)) return b;
  const seen = new Set(a.map((v) => JSON.stringify(v)));
  return [...a, ...b.filter((v) => !seen.has(JSON.stringify(v)))];
}

/** `clear` first, then `set` replaces fields, then `add` unions values into them. */
export function refineFilter(current: AnalyzeFilter, params: Pick<RefineParams, 'set' | 'add' | 'clear'>): AnalyzeFilter {
  const next: Partial<Mutable> = { ...current };
  for (const field of params.clear ?? []) delete next[field];
  for (const field of ANALYZE_FILTER_FIELDS) {
    const replacement = params.set?.[field];
    if (replacement !== undefined) next[field] = replacement;
    const addition = params.add?.[field];
    if (addition !== undefined) next[field] = next[field] === undefined ? addition : union(next[field], addition);
  }
  return next as AnalyzeFilter;
}
