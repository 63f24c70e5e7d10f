// The conversation's active insight list: the CVEs, resources or attack paths card shown last, so "show more",
// "the second one" and "only the critical ones" act on it as they do on a recommendations list. The analyze skill
// writes it under INSIGHT_LIST_KEY when it shows one of those cards; a recommendations list, or "start over",
// replaces it (src/actions/contracts/activeList.ts). Planners read a summary of it (src/planner/activeList.ts).
import { z } from 'zod';
import type { ConversationMemory } from '../registry';
import { analyzeFilterSchema } from './analyze';
import { listIdSchema } from '../vocabularies';

export const INSIGHT_LIST_KEY = 'insightList';
export const INSIGHT_KINDS = ['vulnerabilities', 'resources', 'attackPaths'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];
/** Keys remembered per list (CVE ids, resource ids, path ids), for "the second one" after several pages. */
export const MAX_INSIGHT_KEYS = 200;

const insightListSchema = z.object({
  /** Named by the card's "Show more" button (a pageRef); a button from another list is refused. Absent in older state. */
  listId: listIdSchema.optional(),
  kind: z.enum(INSIGHT_KINDS),
  /** The action's own parameters (validated again by the action's schema when a follow-up reuses them). */
  params: z.record(z.unknown()),
  /** Follow-up filters on the rows behind the card ("only the critical ones"). */
  rows: analyzeFilterSchema,
  pageSize: z.number().int().min(1).max(50),
  shown: z.number().int().min(0),
  total: z.number().int().min(0),
  /** "top 5": the list ends after this many. */
  limit: z.number().int().min(1).max(50).optional(),
  keys: z.array(z.string().max(2000)).max(MAX_INSIGHT_KEYS),
  createdAt: z.number(),
});
export type InsightList = z.infer<typeof insightListSchema>;

/** Anything malformed (state written by another version) counts as no list. */
export function parseInsightList(value: unknown): InsightList | undefined {
  const parsed = insightListSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export const readInsightList = (conversation: ConversationMemory): InsightList | undefined => parseInsightList(conversation.get(INSIGHT_LIST_KEY));
