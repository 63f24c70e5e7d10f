// The conversation's "active page": the list the analyze skill last showed, what it was asked with, which rows were
// shown (ordinals and card refs point into them) and the selected recommendation. The analyze skill writes it to
// conversation state under ACTIVE_LIST_KEY; planners and other skills (assign) read it through this contract.
import { z } from 'zod';
import { groupingSchema, listIdSchema, sortOrderSchema, viewSchema } from '../vocabularies';
import { analyzeFilterSchema } from './analyze';

export const ACTIVE_LIST_KEY = 'activeList';
/** Rows remembered per list: enough for many "show more" pages, small enough for conversation state. */
export const MAX_REMEMBERED_ROWS = 500;

const activeListSchema = z.object({
  listId: listIdSchema,
  filter: analyzeFilterSchema,
  view: viewSchema,
  groupBy: groupingSchema.optional(),
  sort: sortOrderSchema.optional(),
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
