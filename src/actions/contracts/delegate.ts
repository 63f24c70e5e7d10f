// The delegate skill's planner contract. Delegating names only which recommendation (a position in the list on
// screen or a card's ref): recipients, subject and body come from the data and the draft card's inputs, never from
// a planner's arguments. Tracking names a scope, or a delegation by its position in the last delegation list.
import { z } from 'zod';
import { ordinalSchema, rowRefSchema } from '../vocabularies';
import { analyzeFilterSchema, unusedWordsSchema } from './analyze';

export const delegateParamsSchema = z
  .object({ ordinal: ordinalSchema.optional(), ref: rowRefSchema.optional() })
  .strict()
  .refine((p) => p.ordinal === undefined || p.ref === undefined, { message: 'give at most one of ordinal or ref' });
export type DelegateParams = z.infer<typeof delegateParamsSchema>;

export const DELEGATION_SCOPES = ['delegatedByMe', 'assignedToMe', 'overdue', 'all'] as const;
export const listDelegationsParamsSchema = z.object({ scope: z.enum(DELEGATION_SCOPES).default('delegatedByMe') }).strict();
export type ListDelegationsParams = z.infer<typeof listDelegationsParamsSchema>;

/** "mark the first delegation as fixed": a position in the delegation list shown last in this conversation. */
export const markFixedParamsSchema = z.object({ ordinal: ordinalSchema.optional() }).strict();
export type MarkFixedParams = z.infer<typeof markFixedParamsSchema>;

/** "cancel the second delegation": only its delegator may. */
export const cancelDelegationParamsSchema = markFixedParamsSchema;

/**
 * What the delegation card's buttons do: the owner's (accept, eta, done, exempt, ask), the delegator's (cancel,
 * approve, deny), reassign (either of them), and `view` (a refresh) for anyone.
 */
export const DELEGATION_CARD_ACTS = ['view', 'accept', 'eta', 'done', 'exempt', 'ask', 'mute', 'reassign', 'cancel', 'approve', 'deny'] as const;
export const delegationCardParamsSchema = z
  .object({
    ref: z.string().regex(/^d_[A-Za-z0-9_-]{1,62}$/),
    act: z.enum(DELEGATION_CARD_ACTS),
    /** The version the pressed card showed (the delegation's history length then). */
    v: z.coerce.number().int().min(0).max(10_000),
    eta: z.string().max(10).optional(),
    etaNote: z.string().max(500).optional(),
    exReason: z.string().max(500).optional(),
    exKind: z.enum(['Mitigated', 'RiskAccepted']).optional(),
    exExpiry: z.string().max(10).optional(),
    /** Reassign: the new owner's address (validated by the action, never trusted as typed). */
    newOwner: z.string().max(254).optional(),
    /** Ask a question: relayed to the delegator. */
    question: z.string().max(500).optional(),
  })
  .strict();
export type DelegationCardParams = z.infer<typeof delegationCardParamsSchema>;

/** Bulk delegation caps: one turn drafts at most this many owners' emails, listing at most this many recommendations. */
export const BULK_DELEGATION_LIMITS = { owners: 20, items: 200 } as const;

/**
 * `delegateToOwners`: "assign the storage findings in rg-web to their owners" (a filter), or "delegate these to their
 * owners" (no filter: the list on screen). Owners come from the data, one draft per owner; never from the message.
 */
export const delegateToOwnersParamsSchema = z.object({ filter: analyzeFilterSchema.optional(), unusedWords: unusedWordsSchema.optional() }).strict();
export type DelegateToOwnersParams = z.infer<typeof delegateToOwnersParamsSchema>;

/**
 * `delegateOwnerGroup`: one owner's draft listing their recommendations, proposed by `delegateToOwners` (not a
 * planner's action). The ids are re-read from the data, which must give them all one owner (or none).
 */
export const delegateOwnerGroupParamsSchema = z
  .object({ assessmentIds: z.array(z.string().min(1).max(2000)).min(1).max(BULK_DELEGATION_LIMITS.items) })
  .strict();
export type DelegateOwnerGroupParams = z.infer<typeof delegateOwnerGroupParamsSchema>;
