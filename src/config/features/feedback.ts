// Rating answers and reading the ratings: which feedback form Teams shows on a thumbs down, and who may read the
// feedback report (admins, by Entra object id).
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export const FEEDBACK_LOOP_TYPES = ['custom', 'default'] as const;
export type FeedbackLoopType = (typeof FEEDBACK_LOOP_TYPES)[number];

export interface FeedbackConfig {
  feedback: {
    /** custom: Teams asks the bot for its own form (message/fetchTask); default: Teams' form, then an inline card. */
    loop: FeedbackLoopType;
    /** Lower-case Entra object ids of the people who may read feedback and tenant usage. */
    adminObjectIds: string[];
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guidList = optionalText.transform((v, ctx) => {
  const ids = (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const id of ids) if (!GUID.test(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${id.slice(0, 40)}" is not an Entra object id (a GUID)` });
  return ids.map((id) => id.toLowerCase());
});

export const feedbackFeature = defineFeature<FeedbackConfig>({
  name: 'feedback',
  schema: () =>
    z
      .object({
        FEEDBACK_LOOP: optionalText.transform((v, ctx) => {
          const value = (v ?? 'custom').toLowerCase();
          if ((FEEDBACK_LOOP_TYPES as readonly string[]).includes(value)) return value as FeedbackLoopType;
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be custom or default (got "${(v ?? '').slice(0, 20)}")` });
          return z.NEVER;
        }),
        ADMIN_OBJECT_IDS: guidList,
      })
      .transform((e) => ({ feedback: { loop: e.FEEDBACK_LOOP, adminObjectIds: e.ADMIN_OBJECT_IDS } })),
});
