// How long each kind of stored row is kept, and how the background job prunes (src/jobs/retentionJob.ts).
// Pending confirmations are kept until their own expiry (plus the grace below), not for a fixed age.
import { z } from 'zod';
import { defineFeature, positiveInteger } from './feature';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface RetentionConfig {
  retention: {
    dedupMs: number;
    conversationIdleMs: number;
    replyRecordsMs: number;
    auditMs: number;
    /** How long an expired pending confirmation is kept, so a late press still gets "expired", not "unknown". */
    pendingGraceMs: number;
    /** Between two runs; the first run starts soon after startup. */
    intervalMs: number;
    /** Rows deleted per transaction: bounds how long one batch can hold the write lock. */
    batchSize: number;
  };
}

export const retentionFeature = defineFeature<RetentionConfig>({
  name: 'retention',
  schema: () =>
    z
      .object({
        RETENTION_DEDUP_HOURS: positiveInteger(24, 24 * 365),
        RETENTION_CONVERSATION_IDLE_DAYS: positiveInteger(30, 3650),
        RETENTION_REPLY_RECORDS_DAYS: positiveInteger(90, 3650),
        RETENTION_AUDIT_DAYS: positiveInteger(90, 3650),
        RETENTION_PENDING_GRACE_HOURS: positiveInteger(24, 24 * 365),
        RETENTION_INTERVAL_MINUTES: positiveInteger(60, 24 * 60),
        RETENTION_BATCH_SIZE: positiveInteger(500, 100_000),
      })
      .transform((e) => ({
        retention: {
          dedupMs: e.RETENTION_DEDUP_HOURS * HOUR,
          conversationIdleMs: e.RETENTION_CONVERSATION_IDLE_DAYS * DAY,
          replyRecordsMs: e.RETENTION_REPLY_RECORDS_DAYS * DAY,
          auditMs: e.RETENTION_AUDIT_DAYS * DAY,
          pendingGraceMs: e.RETENTION_PENDING_GRACE_HOURS * HOUR,
          intervalMs: e.RETENTION_INTERVAL_MINUTES * 60 * 1000,
          batchSize: e.RETENTION_BATCH_SIZE,
        },
      })),
});
