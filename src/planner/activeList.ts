// The conversation's "active page": the list the bot last showed. The analyze skill writes it at
// `state.conversation.activeList`; the planner only reads it to tell follow-ups from new questions.
import { analyzeFilterSchema, type AnalyzeFilter } from '../skills/analyze/params';

export const ACTIVE_LIST_KEY = 'activeList';

export type ActiveListView = 'list' | 'count' | 'breakdown';

export interface ActiveListState {
  filter: AnalyzeFilter;
  view: ActiveListView;
  groupBy?: string;
  /** Index of the first row shown on the current page. */
  offset: number;
  pageSize: number;
  total: number;
  /** Assessment ids of the rows shown so far, in display order: ordinals refer to these. */
  refs: string[];
  /** The recommendation the user last opened. */
  selectedRef?: string;
  /** Epoch ms. */
  createdAt: number;
}

/** What the planner needs to know about the active list. */
export interface ActiveListSummary {
  filter: AnalyzeFilter;
  groupBy?: string;
  /** Rows shown so far (for "the last one"). */
  shown: number;
  total: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the active list from conversation state written by anyone; anything malformed counts as no list. */
export function readActiveList(conversation: unknown, maxAgeMs?: number, now: number = Date.now()): ActiveListSummary | undefined {
  if (!isRecord(conversation)) return undefined;
  const state = conversation[ACTIVE_LIST_KEY];
  if (!isRecord(state) || !isRecord(state.filter)) return undefined;
  const refs = Array.isArray(state.refs) ? state.refs : [];
  const createdAt = typeof state.createdAt === 'number' ? state.createdAt : undefined;
  if (maxAgeMs !== undefined && (createdAt === undefined || now - createdAt > maxAgeMs)) return undefined;
  const filter = analyzeFilterSchema.safeParse(state.filter);
  return {
    filter: filter.success ? filter.data : {},
    ...(typeof state.groupBy === 'string' ? { groupBy: state.groupBy } : {}),
    shown: refs.length,
    total: typeof state.total === 'number' ? state.total : refs.length,
  };
}
