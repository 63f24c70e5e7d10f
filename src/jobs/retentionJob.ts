// Retention: every kind of stored row has a configured lifetime, and this background job removes what outlived it.
// It runs soon after startup and then on a timer, off the turn path, in bounded batches (one short transaction
// each, with a yield between them) so a turn never waits behind more than one batch.
import { setImmediate as yieldToTurns } from 'node:timers/promises';
import { ACTION_AUDIT_COLLECTION } from '../actions/actionAudit';
import { PENDING_ACTIONS_COLLECTION } from '../actions/pendingActions';
import type { RetentionConfig } from '../config/features/retention';
import type { Logger } from '../logging/logger';
import type { JobLease } from './jobLease';
import { ACTIVITY_DEDUP_COLLECTION } from '../storage/activityDeduper';
import type { RecordsStore } from '../storage/recordsStore';
import { REPLY_RECORDS_COLLECTION } from '../storage/replyRecordStore';
import { SCRIPT_LINKS_COLLECTION } from '../skills/remediate/scriptLinks';
import { DOWNLOAD_LINKS_COLLECTION } from '../downloads/downloadLinks';
import type { PrivacyConfig } from '../config/features/privacy';
import { FEEDBACK_COLLECTION } from '../feedback/feedbackRecord';
import { FEEDBACK_TICKETS_COLLECTION } from '../feedback/feedbackService';
import { USAGE_COLLECTION } from '../usage/usageMeter';
import { USAGE_USERS_COLLECTION } from '../usage/usageRows';
import { ADMIN_READS_COLLECTION } from '../account/adminReads';

export { REPLY_RECORDS_COLLECTION };

export interface RetentionRule {
  name: string;
  /** Removes at most `limit` rows that outlived their retention at `now`; returns how many. */
  pruneBatch(now: number, limit: number): Promise<number>;
}

export interface RetentionJobOptions {
  rules: RetentionRule[];
  retention: Pick<RetentionConfig['retention'], 'intervalMs' | 'batchSize'>;
  logger: Logger;
  now?: () => number;
  /** Delay before the first run after start(); short, so a bot that restarts often still prunes. */
  firstRunDelayMs?: number;
  /** With several replicas: runs only on the one holding this lease (src/jobs/jobLease.ts). */
  lease?: JobLease;
}

export interface RetentionReport {
  removed: Record<string, number>;
  batches: number;
  ms: number;
}

export interface RetentionJob {
  runOnce(): Promise<RetentionReport>;
  start(): void;
  /** Stops the timer and waits for a run in progress to finish its current batch. */
  stop(): Promise<void>;
}

export interface RetentionStores {
  records: RecordsStore;
  /** Removes conversation state idle since before `before`, at most `limit` rows. */
  pruneConversations(before: number, limit: number): number | Promise<number>;
}

/** The bot's rules: dedup marks, idle conversation state, expired confirmations, reply records and audit. */
export function retentionRules(stores: RetentionStores, retention: RetentionConfig['retention'], privacy?: PrivacyConfig['privacy']): RetentionRule[] {
  const { records } = stores;
  const byAge = (name: string, collection: string, keepMs: number): RetentionRule => ({
    name,
    pruneBatch: (now, limit) => records.prune(collection, { before: now - keepMs, limit }),
  });
  return [
    byAge('dedup', ACTIVITY_DEDUP_COLLECTION, retention.dedupMs),
    { name: 'conversationState', pruneBatch: async (now, limit) => stores.pruneConversations(now - retention.conversationIdleMs, limit) },
    {
      name: 'pendingActions',
      pruneBatch: (now, limit) => records.prune(PENDING_ACTIONS_COLLECTION, { before: now - retention.pendingGraceMs, field: 'expiresAt', limit }),
    },
    byAge('replyRecords', REPLY_RECORDS_COLLECTION, retention.replyRecordsMs),
    byAge('audit', ACTION_AUDIT_COLLECTION, retention.auditMs),
    { name: 'scriptLinks', pruneBatch: (now, limit) => records.prune(SCRIPT_LINKS_COLLECTION, { before: now, field: 'expiresAt', limit }) },
    { name: 'downloadLinks', pruneBatch: (now, limit) => records.prune(DOWNLOAD_LINKS_COLLECTION, { before: now, field: 'expiresAt', limit }) },
    ...(privacy ? privacyRules(records, privacy) : []),
    ...(privacy ? [byAge('adminReads', ADMIN_READS_COLLECTION, retention.auditMs)] : []),
  ];
}

/** Feedback by the time it was given, its inline-card tickets by their expiry, usage windows (totals and per-person rows) by their end. */
function privacyRules(records: RecordsStore, privacy: PrivacyConfig['privacy']): RetentionRule[] {
  return [
    { name: 'feedback', pruneBatch: (now, limit) => records.prune(FEEDBACK_COLLECTION, { before: now - privacy.feedbackMs, field: 'at', limit }) },
    { name: 'feedbackTickets', pruneBatch: (now, limit) => records.prune(FEEDBACK_TICKETS_COLLECTION, { before: now, field: 'expiresAt', limit }) },
    { name: 'usage', pruneBatch: (now, limit) => records.prune(USAGE_COLLECTION, { before: now - privacy.usageMs, field: 'end', limit }) },
    { name: 'usageUsers', pruneBatch: (now, limit) => records.prune(USAGE_USERS_COLLECTION, { before: now - privacy.usageMs, field: 'end', limit }) },
  ];
}

export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  const now = options.now ?? Date.now;
  const { batchSize, intervalMs } = options.retention;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetentionReport> | undefined;
  let stopped = false;

  async function runOnce(): Promise<RetentionReport> {
    const started = performance.now();
    const at = now();
    const removed: Record<string, number> = {};
    let batches = 0;
    for (const rule of options.rules) {
      removed[rule.name] = 0;
      let total = 0;
      for (;;) {
        if (stopped) break;
        const count = await rule.pruneBatch(at, batchSize);
        batches += 1;
        total += count;
        removed[rule.name] = total;
        if (count < batchSize) break;
        await yieldToTurns();
      }
    }
    return { removed, batches, ms: Math.round(performance.now() - started) };
  }

  const tick = () => {
    if (running || stopped) return;
    running = options.lease ? options.lease.tryAcquire().then((held) => (held ? runOnce() : { removed: {}, batches: 0, ms: 0 })) : runOnce();
    running.then(
      (report) => {
        if (Object.values(report.removed).some((n) => n > 0)) options.logger.info(report, 'retention run');
        else options.logger.debug(report, 'retention run');
      },
      (error: unknown) => options.logger.warn({ err: error }, 'retention run failed; the next run retries'),
    ).finally(() => {
      running = undefined;
    });
  };

  return {
    runOnce,
    start() {
      if (timer || stopped) return;
      timer = setTimeout(function again() {
        tick();
        timer = setTimeout(again, intervalMs);
        timer.unref();
      }, options.firstRunDelayMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      await options.lease?.release().catch(() => undefined);
    },
  };
}
