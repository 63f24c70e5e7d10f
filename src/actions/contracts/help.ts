// The help skill's actions: `help` (what the bot can do) and `outOfScope` (a polite refusal, with a reason).
import { z } from 'zod';
import { OUT_OF_SCOPE_REASONS } from '../vocabularies';

export const helpParamsSchema = z.object({}).strict();

export const outOfScopeParamsSchema = z.object({ reason: z.enum(OUT_OF_SCOPE_REASONS) }).strict();
export type OutOfScopeParams = z.infer<typeof outOfScopeParamsSchema>;
