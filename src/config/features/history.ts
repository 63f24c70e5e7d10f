// Posture history: how long the daily deltas of each load are kept before they are folded into the base state.
import { z } from 'zod';
import { defineFeature, positiveInteger } from './feature';

export interface HistoryConfig {
  history: { retentionMs: number };
}

export const historyFeature = defineFeature<HistoryConfig>({
  name: 'history',
  schema: () =>
    z.object({ POSTURE_HISTORY_DAYS: positiveInteger(90, 3650) }).transform((e) => ({ history: { retentionMs: e.POSTURE_HISTORY_DAYS * 86_400_000 } })),
});
