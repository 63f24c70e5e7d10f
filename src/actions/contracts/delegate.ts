// The delegate skill's planner contract. Delegating names only which recommendation (a position in the list on
// screen or a card's ref): recipients, subject and body come from the data and the draft card's inputs, never from
// a planner's arguments. Tracking names a scope, or a delegation by its position in the last delegation list.
import { z } from 'zod';
import { ordinalSchema, rowRefSchema } from '../vocabularies';

export const delegateParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional() })
  .strict()
  .refine((p) => p.ordinal === undefined || p.ref === undefined, { message: 'give at most one of ordinal or ref' });
export type DelegateParams = z.infer<typeof delegateParamsSchema>;

export const DELEGATION_SCOPES = ['delegatedByMe', 'overdue', 'all'] as const;
export const listDelegationsParamsSchema = z.object({ scope: z.enum(DELEGATION_SCOPES).default('delegatedByMe') }).strict();
export type ListDelegationsParams = z.infer<typeof listDelegationsParamsSchema>;

/** "mark the first delegation as fixed": a position in the delegation list shown last in this conversation. */
export const markFixedParamsSchema = z.object({ ordinal: ordinalSchema.optional() }).strict();
export type MarkFixedParams = z.infer<typeof markFixedParamsSchema>;

/** "cancel the second delegation": only its delegator may. */
export const cancelDelegationParamsSchema = markFixedParamsSchema;
