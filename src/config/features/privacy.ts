// What the bot keeps about people and for how long: feedback (with its text) and usage counters have their own
// retention; prompts and answers live in the reply records (RETENTION_REPLY_RECORDS_DAYS, src/config/features/retention.ts).
import { z } from 'zod';
import { defineFeature, positiveInteger } from './feature';

const DAY = 24 * 60 * 60 * 1000;

export interface PrivacyConfig {
  privacy: {
    feedbackMs: number;
    usageMs: number;
  };
}

export const privacyFeature = defineFeature<PrivacyConfig>({
  name: 'privacy',
  schema: () =>
    z
      .object({
        RETENTION_FEEDBACK_DAYS: positiveInteger(90, 3650),
        RETENTION_USAGE_DAYS: positiveInteger(90, 3650),
      })
      .transform((e) => ({ privacy: { feedbackMs: e.RETENTION_FEEDBACK_DAYS * DAY, usageMs: e.RETENTION_USAGE_DAYS * DAY } })),
});
