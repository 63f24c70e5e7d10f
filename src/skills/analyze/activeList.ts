// The conversation's "active page" as the analyze skill keeps it in conversation state: the current list, what it
// was asked with, which rows were shown (ordinals and card refs point into them) and the selected recommendation.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { analyzeFilterSchema, GROUP_BY } from './params';

export const ACTIVE_LIST_KEY = 'activeList';
/** Rows remembered per list: enough for many "show more" pages, small enough for conversation state. */
export const MAX_REMEMBERED_ROWS = 500;

const activeListSchema = z.object({
  listId: z.string().regex(/^[a-z0-9]{6,16}$/),
  filter: analyzeFilterSchema,
  view: z.enum(['list', 'count', 'breakdown']),
  groupBy: z.enum(GROUP_BY).optional(),
  sort: z.enum(['risk', 'severity', 'dueDate']).optional(),
  pageSize: z.number().int().min(1).max(50),
  total: z.number().int().min(0),
  refs: z.array(z.string().max(2000)).max(MAX_REMEMBERED_ROWS),
  selectedRef: z.string().max(2000).optional(),
  createdAt: z.number(),
});
export type ActiveList = z.infer<typeof activeListSchema>;

/** Conversation state is JSON written by earlier turns (and earlier versions): anything malformed counts as no list. */
export function parseActiveList(value: unknown): ActiveList | undefined {
  const parsed = activeListSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function newListId(): string {
  return randomBytes(6).toString('hex');
}

/** Card buttons carry `<listId>_<index>`: opaque, short, and checkable against the active list. */
export function rowRef(listId: string, index: number): string {
  return `${listId}_${index}`;
}

export function parseRowRef(ref: string): { listId: string; index: number } | undefined {
  const match = /^([a-z0-9]{6,16})_(\d{1,4})$/.exec(ref);
  if (!match?.[1] || !match[2]) return undefined;
  return { listId: match[1], index: Number(match[2]) };
}
