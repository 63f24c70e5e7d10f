// botbuilder's Storage (conversation and user state) on the embedded SQLite database, with botbuilder's eTag rules.
import { randomUUID } from 'node:crypto';
import { takeCheckedText, withStoredText, type ConversationStorage as Storage, type StoreItems } from './conversationStorage';
import { hasLoneSurrogate } from './recordKeys';
import { shownRefLogOf } from './shownRefLog';
import { createSqliteShownRefs, type PendingShownRefLog } from './sqliteShownRefs';
import type { SqliteDatabase } from './sqliteDatabase';

export interface SqliteConversationStorageOptions {
  now?: () => number;
}

/** A state to write: its key, its text, the etag it must still have (none: any), its shown refs' pending page. */
type StateEntry = [string, string, string | undefined, PendingShownRefLog | undefined];

interface Row {
  key: string;
  value: string;
  etag: string;
}

/**
 * Same contract as botbuilder's MemoryStorage and BlobsStorage: an item without an eTag, or with '*', is written
 * unconditionally; an item carrying an eTag is written only if that is still the stored one, otherwise the write
 * throws an Error whose message names the key and says "eTag conflict". Like BlobsStorage (and unlike
 * MemoryStorage) a write with an eTag to a key that no longer exists is a conflict too: someone deleted it.
 * One write() call is one transaction: a conflict on any key leaves every key unchanged.
 * State is stored with plain JSON.stringify, as botbuilder's own storages do (dialog state holds Dates).
 */
export function createSqliteConversationStorage(database: SqliteDatabase, options: SqliteConversationStorageOptions = {}): Storage {
  return createSqliteConversations(database, options).storage;
}

/**
 * The storage, and its write staged for sqliteTurnCommit.ts: `stageWrite` checks and serializes the items now (throws
 * what a write would refuse) and returns the write, to run inside the caller's transaction later; call what that
 * returns once the transaction has committed. A throw there (an eTag conflict) may follow keys already written: the
 * caller must let it roll the transaction back.
 */
export function createSqliteConversations(
  database: SqliteDatabase,
  options: SqliteConversationStorageOptions = {},
): { storage: Storage; stageWrite(changes: StoreItems): () => () => void } {
  const now = options.now ?? Date.now;
  const db = database.connection;
  const select = db.prepare<[string], Row>('SELECT key, value, etag FROM conversation_items WHERE key = ?');
  // teams-ai reads a turn's conversation and user state together: one statement for both. Two primary-key lookups
  // joined by UNION ALL, not `key IN (?, ?)`, which builds a temporary b-tree of the two keys on every read. The
  // same key twice gives its row twice (assigned to the same item).
  const selectTwo = db.prepare<[string, string], Row>(
    'SELECT key, value, etag FROM conversation_items WHERE key = ? UNION ALL SELECT key, value, etag FROM conversation_items WHERE key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO conversation_items (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
  );
  const swap = db.prepare('UPDATE conversation_items SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?');
  const remove = db.prepare('DELETE FROM conversation_items WHERE key = ?');
  const shown = createSqliteShownRefs(database);

  // A state's shown refs (its log's pending page) are written right after it, in the same transaction.
  const writeEntries = (entries: StateEntry[]) => {
    const updatedAt = now();
    const flushed: Array<{ committed(): void }> = [];
    for (const [key, text, eTag, log] of entries) {
      const next = randomUUID();
      if (eTag === undefined) {
        upsert.run(key, text, next, updatedAt);
      } else if (swap.run(text, next, updatedAt, key, eTag).changes === 0) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const written = log?.flush(updatedAt);
      if (written) flushed.push(written);
    }
    return flushed;
  };
  const writeAll = db.transaction(writeEntries);
  const deleteAll = db.transaction((keys: string[]) => {
    for (const key of keys) remove.run(key);
    shown.deleteKeys(keys);
  });
  const logs = new WeakSet<object>();

  const entryOf = (key: string, item: unknown): StateEntry => {
    assertKey(key);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new TypeError(`Storage: the item for "${key}" must be an object.`);
    }
    const { eTag, ...state } = item as Record<string, unknown>;
    const condition = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
    const log = shownRefLogOf(item);
    return [key, takeCheckedText(item) ?? serialize(key, state), condition, log && logs.has(log) ? (log as PendingShownRefLog) : undefined];
  };
  // Serialized at the call (the checked text taken then), so a write that runs later, with the write group
  // (sqliteWriteGroup.ts), stores the state as it was when the write was issued.
  const entriesOf = (changes: StoreItems): StateEntry[] => {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    // Grown by push, not made by `map` (as sqliteTurnCommit.ts's outcomes): one elements kind in every tier, so
    // writeEntries is not deoptimised when this function is first optimised.
    const entries: StateEntry[] = [];
    for (const [key, item] of Object.entries(changes)) entries.push(entryOf(key, item));
    return entries;
  };
  const committedAll = (flushed: Array<{ committed(): void }>) => () => flushed.forEach((f) => f.committed());
  // Inside the caller's transaction (the turn's closing commit, sqliteTurnCommit.ts) without a savepoint of its
  // own: a conflict throws out of that transaction, which rolls back whole, so no key is left half written.
  const stageWrite = (changes: StoreItems): (() => () => void) => {
    const entries = entriesOf(changes);
    return () => committedAll(writeEntries(entries));
  };
  const writeNow = (changes: StoreItems): (() => void) => {
    const entries = entriesOf(changes);
    // Alone, after the queued writes of concurrent turns (sqliteWriteGroup.ts), so writes apply in the order issued.
    if (!db.inTransaction) database.writes.flush();
    return committedAll(db.inTransaction ? writeEntries(entries) : writeAll(entries));
  };

  const storage: Storage = {
    async read(keys: string[]): Promise<StoreItems> {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
      keys.forEach(assertKey);
      const items: StoreItems = {};
      const rows = keys.length === 2 ? selectTwo.all(keys[0]!, keys[1]!) : keys.map((key) => select.get(key));
      for (const row of rows) {
        if (row) items[row.key] = withStoredText({ ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.etag }, row.value);
      }
      return items;
    },

    async write(changes: StoreItems): Promise<void> {
      writeNow(changes)();
    },

    async delete(keys: string[]): Promise<void> {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
      keys.forEach(assertKey);
      database.writes.flush();
      deleteAll(keys);
    },

    shownRefLog(key: string) {
      assertKey(key);
      const log = shown.forKey(key);
      logs.add(log);
      return log;
    },
  };
  return { storage, stageWrite };
}

function serialize(key: string, state: Record<string, unknown>): string {
  try {
    return JSON.stringify(state);
  } catch (cause) {
    throw new TypeError(`Storage: the item for "${key}" cannot be saved as JSON (${String(cause)}).`, { cause });
  }
}

// Unlike records, an empty key is allowed: botbuilder's storages accept any string.
function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError('Storage: keys must be strings.');
  if (hasLoneSurrogate(key)) throw new TypeError('Storage: a key contains an unpaired surrogate and cannot be stored.');
}

/**
 * Removes conversation state idle since before `before`, at most `limit` items per call (retention), and up to
 * `limit` pages of shown refs whose state is gone (all older than `before`: each was written with its state).
 */
export function createSqliteConversationPruner(database: SqliteDatabase): (before: number, limit: number) => number {
  const prune = database.connection.prepare(
    'DELETE FROM conversation_items WHERE key IN (SELECT key FROM conversation_items WHERE updated_at < ? ORDER BY updated_at LIMIT ?)',
  );
  const shown = createSqliteShownRefs(database);
  // Either batch full means there may be more: the retention job calls again while this returns `limit`.
  return (before, limit) => {
    database.writes.flush();
    return Math.max(prune.run(before, limit).changes, shown.pruneOrphans(before, limit));
  };
}
