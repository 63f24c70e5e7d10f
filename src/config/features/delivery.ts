// At-least-once delivery: how long a delivery's in-progress lease lasts before a redelivery may take it over.
// Channels redeliver within seconds, so the lease is short; it is renewed while a long turn runs.
import { z } from 'zod';
import { defineFeature, positiveInteger } from './feature';

export interface DeliveryConfig {
  delivery: { leaseMs: number };
}

export const deliveryFeature = defineFeature<DeliveryConfig>({
  name: 'delivery',
  schema: () => z.object({ DELIVERY_LEASE_SECONDS: positiveInteger(10, 600) }).transform((e) => ({ delivery: { leaseMs: e.DELIVERY_LEASE_SECONDS * 1000 } })),
});
