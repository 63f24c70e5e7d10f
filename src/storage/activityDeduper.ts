// At-least-once delivery, processed exactly once. A delivery is marked in progress with a short lease (renewed while
// the turn runs) and marked completed when the turn ends:
//   - a redelivery of a completed activity is ignored;
//   - a redelivery while the lease is live is told "in progress" (the first attempt is still answering);
//   - a redelivery after the lease ran out (the process died mid-turn) takes the delivery over and is processed once.
// Rows are removed by the retention job (src/jobs/retentionJob.ts), never on the turn path.
import { isStorageConflict } from '../errors/appError';
import type { Logger } from '../logging/logger';
import type { RecordsStore, StoredRecord } from './recordsStore';
import type { ClosingWrite } from './turnWrites';

export const ACTIVITY_DEDUP_COLLECTION = 'activity-dedup';
export const DEFAULT_LEASE_MS = 10_000;

export interface ActivityDeduperOptions {
  /** How long a completed key is remembered; a redelivery after this is treated as new. */
  ttlMs: number;
  /** How long an in-progress mark holds before a redelivery may take it over. */
  leaseMs?: number;
  now?: () => number;
  collection?: string;
  logger?: Logger;
}

/** What begin() found: this caller owns the delivery, or someone already answered it, or is answering it now. */
export type DeliveryClaim =
  | {
      kind: 'claimed';
      /** Marks the delivery answered; stops renewing the lease. */
      complete(): Promise<void>;
      /** Stops renewing the lease and hands the done mark over, to be written with the turn's state (turnWrites.ts). */
      completion?(): Promise<ClosingWrite | undefined>;
    }
  | { kind: 'completed' }
  | { kind: 'inProgress'; /** Until the current lease runs out. */ retryAfterMs: number };

export interface ActivityDeduper {
  /** Claims a delivery for processing; storage failures reject (the caller decides). */
  begin(activityKey: string): Promise<DeliveryClaim>;
  /** True exactly once per key within the ttl, whoever asks (begin + complete in one step). */
  firstSeen(activityKey: string): Promise<boolean>;
}

interface DeliveryEntry {
  /** Absent on rows written before leases existed: those were completed marks. */
  state?: 'inProgress' | 'done';
  seenAt: number;
  leaseUntil?: number;
}

/** A key that is unique per delivered activity: Bot Framework activity ids are unique only within a conversation. */
export function activityDedupKey(channelId: string, conversationId: string, activityId: string): string {
  return JSON.stringify([channelId, conversationId, activityId]);
}

export function createActivityDeduper(store: RecordsStore, options: ActivityDeduperOptions): ActivityDeduper {
  if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('ttlMs must be a positive number of milliseconds.');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError('leaseMs must be a positive number of milliseconds.');
  const now = options.now ?? Date.now;
  const collection = options.collection ?? ACTIVITY_DEDUP_COLLECTION;

  function claimed(activityKey: string, first: StoredRecord<DeliveryEntry>): DeliveryClaim {
    let current = first;
    let done = false;
    // Renew at a third of the lease, so two missed renewals still leave time; by etag, so a takeover wins.
    let renewing: Promise<void> = Promise.resolve();
    const renew = setInterval(() => {
      renewing = renewing.then(async () => {
        if (done) return;
        const value: DeliveryEntry = { state: 'inProgress', seenAt: current.value.seenAt, leaseUntil: now() + leaseMs };
        try {
          current = await store.put<DeliveryEntry>(collection, activityKey, value, { ifMatch: current.etag });
        } catch (error) {
          options.logger?.warn({ err: error, activityKey }, 'delivery lease could not be renewed');
        }
      });
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renew.unref();
    const stop = async () => {
      if (done) return false;
      done = true;
      clearInterval(renew);
      await renewing; // a renewal already under way changes the etag we complete by
      return true;
    };
    const doneMark = () => ({ state: 'done' as const, seenAt: current.value.seenAt });
    const tookOver = (error: unknown) => {
      if (!isStorageConflict(error)) throw error;
      // Our lease lapsed and another attempt took the delivery over: it will mark it completed.
      options.logger?.warn({ activityKey }, 'delivery was taken over before it completed');
    };
    return {
      kind: 'claimed',
      async complete() {
        if (!(await stop())) return;
        try {
          await store.put<DeliveryEntry>(collection, activityKey, doneMark(), { ifMatch: current.etag });
        } catch (error) {
          tookOver(error);
        }
      },
      async completion() {
        if (!(await stop())) return undefined;
        return {
          write: { collection, id: activityKey, value: doneMark(), ifMatch: current.etag },
          settled: (outcome) => {
            if (outcome.ok) return;
            try {
              tookOver(outcome.error);
            } catch (error) {
              options.logger?.warn({ err: error, activityKey }, 'delivery could not be marked completed');
            }
          },
        };
      },
    };
  }

  async function begin(activityKey: string): Promise<DeliveryClaim> {
    const at = now();
    const mark: DeliveryEntry = { state: 'inProgress', seenAt: at, leaseUntil: at + leaseMs };
    try {
      return claimed(activityKey, await store.put<DeliveryEntry>(collection, activityKey, mark, { ifMatch: '*' }));
    } catch (error) {
      if (!isStorageConflict(error)) throw error;
    }
    const existing = await store.get<DeliveryEntry>(collection, activityKey);
    if (!existing) return begin(activityKey); // removed between our two calls: race for it again
    const entry = existing.value;
    if (entry.state === 'inProgress' && typeof entry.leaseUntil === 'number' && entry.leaseUntil > at) {
      return { kind: 'inProgress', retryAfterMs: entry.leaseUntil - at };
    }
    const completed = entry.state !== 'inProgress';
    if (completed && typeof entry.seenAt === 'number' && at - entry.seenAt < options.ttlMs) return { kind: 'completed' };
    // A lapsed lease (the attempt died) or a completed mark past the ttl: take it over by etag, so of two racing
    // redeliveries only one wins.
    try {
      return claimed(activityKey, await store.put<DeliveryEntry>(collection, activityKey, mark, { ifMatch: existing.etag }));
    } catch (error) {
      if (isStorageConflict(error)) return { kind: 'inProgress', retryAfterMs: leaseMs };
      throw error;
    }
  }

  return {
    begin,
    async firstSeen(activityKey: string): Promise<boolean> {
      const claim = await begin(activityKey);
      if (claim.kind !== 'claimed') return false;
      await claim.complete();
      return true;
    },
  };
}
