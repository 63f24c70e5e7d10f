// Processes a redelivered activity once: the first create-only write of its key wins, even across replicas.
import { isAppError } from '../errors/appError';
import type { Logger } from '../logging/logger';
import type { RecordsStore } from './recordsStore';

export const ACTIVITY_DEDUP_COLLECTION = 'activity-dedup';
const PRUNE_PAGE_SIZE = 500;

export interface ActivityDeduperOptions {
  /** How long a key is remembered; a redelivery after this is treated as new. */
  ttlMs: number;
  now?: () => number;
  /** How often firstSeen() also prunes expired keys; defaults to ttlMs. */
  pruneEveryMs?: number;
  collection?: string;
  logger?: Logger;
}

export interface ActivityDeduper {
  /** True exactly once per key within the ttl, whoever asks. Storage failures reject (the caller decides). */
  firstSeen(activityKey: string): Promise<boolean>;
  /** Removes keys older than the ttl; returns how many were removed. */
  prune(): Promise<number>;
}

interface SeenEntry {
  seenAt: number;
}

/** A key that is unique per delivered activity: Bot Framework activity ids are unique only within a conversation. */
export function activityDedupKey(channelId: string, conversationId: string, activityId: string): string {
  return JSON.stringify([channelId, conversationId, activityId]);
}

export function createActivityDeduper(store: RecordsStore, options: ActivityDeduperOptions): ActivityDeduper {
  if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('ttlMs must be a positive number of milliseconds.');
  const now = options.now ?? Date.now;
  const collection = options.collection ?? ACTIVITY_DEDUP_COLLECTION;
  const pruneEveryMs = options.pruneEveryMs ?? options.ttlMs;
  let lastPruneAt = now();

  const isExpired = (entry: SeenEntry, at: number): boolean =>
    typeof entry.seenAt !== 'number' || at - entry.seenAt >= options.ttlMs;

  async function claim(activityKey: string, at: number): Promise<boolean> {
    try {
      await store.put<SeenEntry>(collection, activityKey, { seenAt: at }, { ifMatch: '*' });
      return true;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'STORAGE_CONFLICT') throw error;
    }
    const existing = await store.get<SeenEntry>(collection, activityKey);
    if (!existing) return claim(activityKey, at); // pruned between our two calls: race for it again
    if (!isExpired(existing.value, at)) return false;
    // An expired entry not yet pruned: take it over by etag, so of two racing replicas only one wins.
    try {
      await store.put<SeenEntry>(collection, activityKey, { seenAt: at }, { ifMatch: existing.etag });
      return true;
    } catch (error) {
      if (isAppError(error) && error.code === 'STORAGE_CONFLICT') return false;
      throw error;
    }
  }

  async function prune(): Promise<number> {
    const at = now();
    lastPruneAt = at;
    let removed = 0;
    // In pages, so a day of deliveries never sits in memory at once.
    for (let startAfter: string | undefined; ; ) {
      const page = await store.list<SeenEntry>(collection, { limit: PRUNE_PAGE_SIZE, ...(startAfter === undefined ? {} : { startAfter }) });
      for (const record of page) {
        if (!isExpired(record.value, at)) continue;
        try {
          // By etag: a replica that just re-claimed this key keeps it.
          if (await store.delete(collection, record.id, { ifMatch: record.etag })) removed += 1;
        } catch (error) {
          if (!isAppError(error) || error.code !== 'STORAGE_CONFLICT') throw error;
        }
      }
      if (page.length < PRUNE_PAGE_SIZE) return removed;
      startAfter = page[page.length - 1]?.id;
    }
  }

  return {
    async firstSeen(activityKey: string): Promise<boolean> {
      const at = now();
      const first = await claim(activityKey, at);
      if (at - lastPruneAt >= pruneEveryMs) {
        // Opportunistic and best effort: a failed prune must not fail the turn, the next one retries.
        await prune().catch((error: unknown) => options.logger?.warn({ err: error }, 'activity dedup prune failed'));
      }
      return first;
    },
    prune,
  };
}
