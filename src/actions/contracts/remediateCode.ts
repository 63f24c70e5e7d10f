// `iacFindings` and `openIacPullRequest` parameters: which service (a topic word), which recommendation (a list
// position or card ref, or the one on screen), which security check (its place in the list shown, or its rule id).
import { z } from 'zod';
import { IAC_TOPICS } from '../../iac/topics';
import { ordinalSchema, rowRefSchema } from '../vocabularies';

export const iacFindingsParamsSchema = z
  .object({
    topic: z.enum(IAC_TOPICS).optional(),
    ordinal: ordinalSchema.optional(),
    ref: rowRefSchema.optional(),
    /** Start from the recommendation on screen (the one opened, or the only row). */
    onScreen: z.literal(true).optional(),
  })
  .strict();
export type IacFindingsParams = z.infer<typeof iacFindingsParamsSchema>;

export const openIacPullRequestParamsSchema = z
  .object({
    /** 1-based place in the list of checks shown last. */
    check: z.number().int().min(1).max(50).optional(),
    ruleId: z.string().regex(/^[a-z0-9-]{2,60}$/).optional(),
  })
  .strict()
  .refine((p) => (p.check === undefined) !== (p.ruleId === undefined), { message: 'give either check or ruleId' });
