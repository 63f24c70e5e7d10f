// Confirmed side effects: how long a confirmation card can be confirmed before it expires (an editable card open on
// its requester's screen is renewed by Teams' card refresh, within the flow's own cap).
import { z } from 'zod';
import { defineFeature, positiveInteger } from './feature';

export interface ConfirmationConfig {
  confirmation: { ttlMs: number };
}

export const confirmationFeature = defineFeature<ConfirmationConfig>({
  name: 'confirmation',
  schema: () =>
    z.object({ CONFIRMATION_TTL_MINUTES: positiveInteger(15, 24 * 60) }).transform((e) => ({ confirmation: { ttlMs: e.CONFIRMATION_TTL_MINUTES * 60_000 } })),
});
