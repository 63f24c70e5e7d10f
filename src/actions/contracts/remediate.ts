// `summarize` and `remediate` parameters: which recommendation — a list position, a card's ref, or words from its
// name ("the SQL public network access one"). Nothing else: what is said and scripted comes from data.
import { z } from 'zod';
import { ordinalSchema, rowRefSchema } from '../vocabularies';

export const remediateTargetParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional(), name: z.string().trim().min(2).max(200).optional() })
  .strict()
  .refine((p) => [p.ordinal, p.ref, p.name].filter((v) => v !== undefined).length <= 1, { message: 'give at most one of ordinal, ref or name' });
export type RemediateTargetParams = z.infer<typeof remediateTargetParamsSchema>;

/** `applyFix`: a list position or a card's ref only (a button press, or "apply the fix to the first one"). */
export const applyFixParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional() })
  .strict()
  .refine((p) => p.ordinal === undefined || p.ref === undefined, { message: 'give at most one of ordinal or ref' });

/** `undoFix`: takes back a simulated fix, named the same way as `applyFix` (a position, a card's ref, or the one on screen). */
export const undoFixParamsSchema = applyFixParamsSchema;
