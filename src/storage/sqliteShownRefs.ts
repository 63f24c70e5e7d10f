// Shown refs beside the conversation state on SQLite (see shownRefLog.ts): one row per page a turn showed, in the
// records table (collection `shown-refs`, id `<key length>:<state key>#<10-digit sequence>`, so one key's pages are
// exactly one id range; value the page's [ref, id] pairs as
// JSON), inserted in the turn's closing commit. A list turn only inserts; every PRUNE_EVERY pairs it also drops the
// pages that no longer hold one of the newest refs. A lookup reads the pages newest first.
import { randomUUID } from 'node:crypto';
import { findInPages, newestPairs, type ShownPair, type ShownRefLog } from './shownRefLog';
import type { SqliteDatabase } from './sqliteDatabase';

export const SHOWN_REFS_COLLECTION = 'shown-refs';
/** The state key inside a page id (SQL), for pages whose state is gone and for erasure by conversation. */
const KEY_OF_ID = "substr(id, instr(id, ':') + 1, length(id) - instr(id, ':') - 11)";
/** Pairs between two prunes of a conversation's pages. */
const PRUNE_EVERY = 100;
/**
 * A page's insert. The next sequence is computed in the INSERT, inside the transaction: concurrent turns never
 * collide. A VALUES row, not `INSERT .. SELECT`: a SELECT that reads the table it inserts into is first copied into
 * a temporary b-tree (its own pager and page cache, made and freed by every insert), which a VALUES row's subquery,
 * evaluated once before the row is written, does not need. Same row, same sequence.
 */
export const INSERT_PAGE = `INSERT INTO records (collection, id, value, etag, updated_at)
  VALUES (@c, @low || printf('%010d', coalesce((SELECT CAST(substr(max(id), length(@low) + 1) AS INTEGER) FROM records WHERE collection = @c AND id > @low AND id < @high), 0) + 1), @value, @etag, @at)`;

export interface SqliteShownRefs {
  /** The log of the state stored under `key` (a new one per turn: it holds that turn's pending pairs). */
  forKey(key: string): PendingShownRefLog;
  /** Inside the caller's transaction: deletes the pages of these state keys. */
  deleteKeys(keys: readonly string[]): void;
  /** Inside the caller's transaction: deletes the pages of state keys that end with one of these suffixes. */
  deleteBySuffix(suffix: string): number;
  /** The newest `limit` distinct pairs stored for `key`, oldest first (for a copy to a storage without a log). */
  pairsOf(key: string, limit: number): Array<[string, string]>;
  /** Pages older than `before` whose state is gone (pruned or deleted), at most `limit`. */
  pruneOrphans(before: number, limit: number): number;
}

export interface PendingShownRefLog extends ShownRefLog {
  /** Inside the state write's transaction: inserts the pending page; call `committed` once that commit is done. */
  flush(now: number): { committed(): void } | undefined;
}

const pagePrefix = (key: string) => `${key.length}:${key}#`;
const pageBounds = (key: string): [string, string] => [pagePrefix(key), `${pagePrefix(key)}:`]; // ':' sorts right after '9'

export function createSqliteShownRefs(database: SqliteDatabase): SqliteShownRefs {
  const db = database.connection;
  const c = SHOWN_REFS_COLLECTION;
  const insert = db.prepare(INSERT_PAGE);
  const pages = db.prepare<[string, string, string], { id: string; value: string }>(`SELECT id, value FROM records WHERE collection = ? AND id > ? AND id < ? ORDER BY id DESC`);
  const removeListed = db.prepare('DELETE FROM records WHERE collection = ? AND id IN (SELECT value FROM json_each(?))');
  const removeRange = db.prepare('DELETE FROM records WHERE collection = ? AND id > ? AND id < ?');
  const removeSuffix = db.prepare(`DELETE FROM records WHERE collection = ? AND substr(${KEY_OF_ID}, -length(?)) = ? AND instr(${KEY_OF_ID}, '/') > 0`);
  const pruneOrphans = db.prepare(
    `DELETE FROM records WHERE collection = @c AND id IN (SELECT id FROM records WHERE collection = @c AND updated_at < @before
       AND NOT EXISTS (SELECT 1 FROM conversation_items WHERE key = ${KEY_OF_ID}) ORDER BY updated_at LIMIT @limit)`,
  );

  const readPages = (key: string): Array<{ id: string; pairs: ShownPair[] }> => {
    const [low, high] = pageBounds(key);
    return pages.all(c, low, high).map((row) => ({ id: row.id, pairs: parsePage(row.value) }));
  };

  const prune = (key: string, limit: number) => {
    const stored = readPages(key); // newest first
    const { livePages } = findInPages(stored.map((p) => p.pairs), undefined, limit);
    const dead = stored.filter((_, i) => !livePages[i]).map((p) => p.id);
    // One statement for every page that no longer holds a live pair.
    if (dead.length > 0) removeListed.run(c, JSON.stringify(dead));
  };

  return {
    forKey(key) {
      let pending: ShownPair[] = [];
      let keep = { shownBefore: 0, limit: Number.POSITIVE_INFINITY };
      return {
        append(pairs, next) {
          if (pending.length === 0) keep = { ...next };
          else keep.limit = next.limit;
          pending.push(...pairs.map(([ref, id]): ShownPair => [ref, id]));
        },
        lookup(ref, max) {
          return findInPages([pending, ...readPages(key).map((p) => p.pairs)], ref, max).id;
        },
        flush(now) {
          if (pending.length === 0) return undefined;
          const page = pending;
          const [low, high] = pageBounds(key);
          insert.run({ c, low, high, value: JSON.stringify(page), etag: randomUUID(), at: now });
          // Every PRUNE_EVERY pairs the conversation showed (a list page is ten, so about every ten list turns).
          const { shownBefore, limit } = keep;
          if (Math.floor((shownBefore + page.length) / PRUNE_EVERY) > Math.floor(shownBefore / PRUNE_EVERY) || page.length >= limit) prune(key, limit);
          return {
            committed() {
              if (pending === page) pending = [];
            },
          };
        },
      };
    },
    pairsOf(key, limit) {
      return newestPairs(readPages(key).map((p) => p.pairs), limit);
    },
    deleteKeys(keys) {
      for (const key of keys) removeRange.run(c, ...pageBounds(key));
    },
    deleteBySuffix(suffix) {
      return removeSuffix.run(c, suffix, suffix).changes;
    },
    pruneOrphans(before, limit) {
      return pruneOrphans.run({ c, before, limit }).changes;
    },
  };
}

/** A page as stored; anything malformed reads as an empty page (as a malformed shownRefs array read as nothing). */
function parsePage(text: string): ShownPair[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((pair): pair is ShownPair => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string') : [];
  } catch {
    return [];
  }
}
