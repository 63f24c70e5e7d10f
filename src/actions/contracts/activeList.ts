// The conversation's "active page": the list the analyze skill last showed, what it was asked with, which rows were
// shown (ordinals point into them) and the selected recommendation; and the few lists before it, so a "Show more"
// button on an older card still pages its own list. The analyze skill writes them to conversation state under
// ACTIVE_LIST_KEY and RECENT_LISTS_KEY; planners and other skills (assign) read them through this contract.
import { z } from 'zod';
import type { ConversationMemory } from '../registry';
import { groupingSchema, listIdSchema, sortOrderSchema, viewSchema } from '../vocabularies';
import { analyzeFilterSchema } from './analyze';
import { INSIGHT_LIST_KEY } from './insightList';
import { LIST_LIMITS, plainActiveList } from './plainActiveList';

export const ACTIVE_LIST_KEY = 'activeList';
export const RECENT_LISTS_KEY = 'recentLists';
/** Lists a "Show more" button still works on: the active one and the ones before it. */
export const MAX_LISTS = 5;
/** Rows remembered per list: enough for many "show more" pages, small enough for conversation state. */
export const MAX_REMEMBERED_ROWS = LIST_LIMITS.maxRefs;

const activeListSchema = z.object({
  listId: listIdSchema,
  filter: analyzeFilterSchema,
  view: viewSchema,
  groupBy: groupingSchema.optional(),
  sort: sortOrderSchema.optional(),
  pageSize: z.number().int().min(1).max(LIST_LIMITS.maxPageSize),
  total: z.number().int().min(0),
  /** The rows remembered, from the first: card refs, or assessment ids in lists older versions stored (listRows.ts reads both). */
  refs: z.array(z.string().max(LIST_LIMITS.maxRef)).max(LIST_LIMITS.maxRefs),
  /** Rows shown so far, from the first: pages are absolute, so the next page starts here. Defaults to refs.length. */
  shown: z.number().int().min(0).optional(),
  selectedRef: z.string().max(LIST_LIMITS.maxRef).optional(),
  /** "top 5": the list ends after this many rows. */
  limit: z.number().int().min(1).max(LIST_LIMITS.maxLimit).optional(),
  createdAt: z.number(),
});
export type ActiveList = z.infer<typeof activeListSchema>;

// The planner, the skill and activateList read the same stored object in one turn: it is parsed once. The result is
// frozen (with its rows and filter) because every reader shares it.
const parsedLists = new WeakMap<object, ActiveList | null>();

/** Conversation state is JSON written by earlier turns (and earlier versions): anything malformed counts as no list. */
export function parseActiveList(value: unknown): ActiveList | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const known = parsedLists.get(value);
  if (known !== undefined) return known ?? undefined;
  // The plain check takes the lists that plainly pass (every list the skill writes); the schema decides the rest.
  const data = plainActiveList<ActiveList>(value) ?? parseActiveListBySchema(value);
  // Both parses return a fresh object with fresh rows and filter: frozen where they are, not copied again.
  const list = data ? freezeList(data) : null;
  parsedLists.set(value, list);
  return list ?? undefined;
}

function freezeList(data: ActiveList): ActiveList {
  Object.freeze(data.refs);
  Object.freeze(data.filter);
  return Object.freeze(data);
}

/** The schema alone (the rule the plain check must agree with; its test compares the two). */
export function parseActiveListBySchema(value: unknown): ActiveList | undefined {
  const parsed = activeListSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export const shownRows = (list: ActiveList): number => list.shown ?? list.refs.length;

/** Older lists, newest first; kept without their rows (a list taken up again fetches them). */
export function recentLists(conversation: ConversationMemory): ActiveList[] {
  const value: unknown = conversation.get(RECENT_LISTS_KEY);
  return Array.isArray(value) ? value.map(parseActiveList).filter((l): l is ActiveList => l !== undefined) : [];
}

const hasListId = (value: unknown): value is { listId: string } =>
  typeof value === 'object' && value !== null && typeof (value as { listId?: unknown }).listId === 'string';

/** A recent list keeps no rows (one stored by an older version may still hold some): how many were shown stays. */
function withoutRows(l: { listId: string; refs?: unknown; shown?: unknown }): { listId: string; refs?: unknown; shown?: unknown } {
  if (!Array.isArray(l.refs) || l.refs.length === 0) return l;
  return { ...l, shown: typeof l.shown === 'number' ? l.shown : l.refs.length, refs: [] };
}

/** Makes `list` the active one; the list it replaces joins the recent ones (a list appears once). */
export function activateList(conversation: ConversationMemory, list: ActiveList): void {
  const previous = parseActiveList(conversation.get(ACTIVE_LIST_KEY));
  const retired = previous && previous.listId !== list.listId ? [{ ...previous, shown: shownRows(previous), refs: [] }] : [];
  // The recent lists ride along as stored (already without rows): each reader parses them (findList), so parsing
  // all of them here on every new list would only repeat that work.
  const stored: unknown = conversation.get(RECENT_LISTS_KEY);
  const carried = (Array.isArray(stored) ? stored : []).filter(hasListId).map(withoutRows);
  const older = [...retired, ...carried].filter((l) => l.listId !== list.listId).slice(0, MAX_LISTS - 1);
  conversation.set(ACTIVE_LIST_KEY, list);
  conversation.set(RECENT_LISTS_KEY, older);
  // One list is active at a time: a recommendations list replaces a CVEs, resources or attack paths card's.
  conversation.delete(INSIGHT_LIST_KEY);
}

/** The active list or a recent one with this id. */
export function findList(conversation: ConversationMemory, listId: string): { list: ActiveList; active: boolean } | undefined {
  const active = parseActiveList(conversation.get(ACTIVE_LIST_KEY));
  if (active?.listId === listId) return { list: active, active: true };
  const recent = recentLists(conversation).find((l) => l.listId === listId);
  return recent ? { list: recent, active: false } : undefined;
}

/** "start over": no list is active any more; the one that was joins the recent ones, so its card's buttons still page it. */
export function retireActiveList(conversation: ConversationMemory): void {
  const active = parseActiveList(conversation.get(ACTIVE_LIST_KEY));
  if (active) {
    const older = [active, ...recentLists(conversation).filter((l) => l.listId !== active.listId)]
      .slice(0, MAX_LISTS - 1)
      .map((l): ActiveList => ({ ...l, shown: shownRows(l), refs: [], selectedRef: undefined }));
    conversation.set(RECENT_LISTS_KEY, older.map(({ selectedRef: _s, ...l }) => l));
  }
  conversation.delete(ACTIVE_LIST_KEY);
  conversation.delete(INSIGHT_LIST_KEY);
}
