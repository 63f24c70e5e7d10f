// `assignOwner`'s parameters: which recommendation, and nothing else. Who and when come from the data and the
// confirmation card's inputs, never from a planner's arguments.
import { z } from 'zod';
import { ordinalSchema, rowRefSchema } from '../vocabularies';

export const assignOwnerParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional() })
  .strict()
  .refine((p) => p.ordinal === undefined || p.ref === undefined, { message: 'give at most one of ordinal or ref' });
export type AssignOwnerParams = z.infer<typeof assignOwnerParamsSchema>;
