// The conversation's "active page", as the planner sees it: the analyze skill owns the list's definition and
// writes it at `state.conversation.activeList`; the planner only reads a summary to tell follow-ups from new
// questions.
import { ACTIVE_LIST_KEY, parseActiveList, shownRows } from '../actions/contracts/activeList';
import { INSIGHT_LIST_KEY, parseInsightList } from '../actions/contracts/insightList';
import type { AnalyzeFilter } from '../actions/contracts/analyze';

export { ACTIVE_LIST_KEY };

/** What the planner needs to know about the active list. */
export interface ActiveListSummary {
  filter: AnalyzeFilter;
  groupBy?: string;
  /** Rows shown so far (for "the last one"). */
  shown: number;
  total: number;
}

/** Reads the active list from conversation state; anything malformed (or older than maxAgeMs) counts as no list. */
export function readActiveList(conversation: unknown, maxAgeMs?: number, now: number = Date.now()): ActiveListSummary | undefined {
  if (typeof conversation !== 'object' || conversation === null) return undefined;
  const list = parseActiveList((conversation as Record<string, unknown>)[ACTIVE_LIST_KEY]);
  if (!list) return insightSummary((conversation as Record<string, unknown>)[INSIGHT_LIST_KEY], maxAgeMs, now);
  if (maxAgeMs !== undefined && now - list.createdAt > maxAgeMs) return undefined;
  return { filter: list.filter, ...(list.groupBy ? { groupBy: list.groupBy } : {}), shown: shownRows(list), total: list.total };
}

/** A CVEs, resources or attack paths card is a list too: its follow-up filters as the filter on screen. */
function insightSummary(value: unknown, maxAgeMs: number | undefined, now: number): ActiveListSummary | undefined {
  const list = parseInsightList(value);
  if (!list || (maxAgeMs !== undefined && now - list.createdAt > maxAgeMs)) return undefined;
  const filter = list.kind === 'resources' ? { ...(list.params['filter'] as AnalyzeFilter | undefined), ...list.rows } : list.rows;
  return { filter, shown: list.shown, total: list.total };
}
