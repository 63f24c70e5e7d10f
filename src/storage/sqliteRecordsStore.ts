// RecordsStore on the embedded SQLite database: one row per record, compare-and-swap on the etag column.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../errors/appError';
import { serializeRecordValue as serializeForStore } from './jsonValue';
import { assertValidKey, compareCodePoints, prefixUpperBound } from './recordKeys';
import type { ListOptions, PruneOptions, RecordsStore, StoredRecord, WriteOptions } from './recordsStore';
import type { SqliteDatabase } from './sqliteDatabase';

export interface SqliteRecordsStoreOptions {
  /** Clock for updatedAt; tests pass a fake. */
  now?: () => number;
}

interface Row {
  collection: string;
  id: string;
  value: string;
  etag: string;
  updated_at: number;
}

const COLUMNS = 'collection, id, value, etag, updated_at';

/** close() ends this store only; the shared database is closed by whoever opened it. */
export function createSqliteRecordsStore(database: SqliteDatabase, options: SqliteRecordsStoreOptions = {}): RecordsStore {
  return createSqliteRecords(database, options).store;
}

/** Synchronous reads and writes with the store's rules, for writes that share one transaction (sqliteTurnCommit.ts). */
export interface SqliteRecordAccess {
  /**
   * A put with the store's rules, checked and serialized now (throws AppError for a key or value it refuses) and
   * written when the returned function runs, synchronously (throws AppError on a conflict): what is stored is the
   * value as it was at this call.
   */
  stagePut<T>(collection: string, id: string, value: T, options?: WriteOptions): () => StoredRecord<T>;
  getNow<T>(collection: string, id: string): StoredRecord<T> | undefined;
  /**
   * The record's next value from its current one (undefined: none yet), read and written by one statement (an
   * UPDATE that computes the value in SQL through `update`, or an INSERT when there was no record). Call it inside a
   * transaction when nothing else may write the record in between (one connection's transaction is enough).
   */
  updateNow<T>(collection: string, id: string, update: (current: T | undefined) => T): StoredRecord<T>;
}

/** The update the UPDATE statement running now applies (statements run synchronously, one at a time). */
let applying: ((currentText: string) => string) | undefined;
const UPDATE_FUNCTION = 'posture_bot_record_update';

/** The store, and its synchronous get and put for sqliteTurnCommit.ts. */
export function createSqliteRecords(database: SqliteDatabase, options: SqliteRecordsStoreOptions = {}): { store: RecordsStore } & SqliteRecordAccess {
  const now = options.now ?? Date.now;
  const db = database.connection;
  const statements = {
    get: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM records WHERE collection = ? AND id = ?`),
    upsert: db.prepare(
      `INSERT INTO records (${COLUMNS}) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
    ),
    insertNew: db.prepare(`INSERT INTO records (${COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (collection, id) DO NOTHING`),
    swap: db.prepare('UPDATE records SET value = ?, etag = ?, updated_at = ? WHERE collection = ? AND id = ? AND etag = ?'),
    delete: db.prepare('DELETE FROM records WHERE collection = ? AND id = ?'),
    deleteIfMatch: db.prepare('DELETE FROM records WHERE collection = ? AND id = ? AND etag = ?'),
    // Oldest first on the (collection, updated_at) index; a batch is one short statement, so turns wait at most one.
    // The new value computed from the stored text by the update running now (see updateNow).
    update: (() => {
      db.function(UPDATE_FUNCTION, { deterministic: false }, (current: unknown) => {
        if (!applying || typeof current !== 'string') throw new Error('no record update is running');
        return applying(current);
      });
      return db.prepare(`UPDATE records SET value = ${UPDATE_FUNCTION}(value), etag = ?, updated_at = ? WHERE collection = ? AND id = ?`);
    })(),
    pruneByAge: db.prepare(
      'DELETE FROM records WHERE collection = ? AND id IN (SELECT id FROM records WHERE collection = ? AND updated_at < ? ORDER BY updated_at LIMIT ?)',
    ),
    pruneByField: db.prepare(
      "DELETE FROM records WHERE collection = ? AND id IN (SELECT id FROM records WHERE collection = ? AND json_extract(value, '$.' || ?) < ? LIMIT ?)",
    ),
  };
  // One range scan on the primary key per page: the lower end is the prefix or the cursor, whichever is later.
  const listStatements = new Map<string, Database.Statement<unknown[], Row>>();
  const listStatement = (lower: '>' | '>=', bounded: boolean) => {
    const sql = `SELECT ${COLUMNS} FROM records WHERE collection = ? AND id ${lower} ?${bounded ? ' AND id < ?' : ''} ORDER BY id LIMIT ?`;
    let statement = listStatements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], Row>(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  };
  let closed = false;

  // Checked and serialized at the call, written later, synchronously, so a caller may run several in one transaction
  // (sqliteTurnCommit.ts); a put that joins the write group (sqliteWriteGroup.ts) stores the value as it was when
  // put() was called, not as the caller's object is when the group runs.
  function stagePut<T>(collection: string, id: string, value: T, writeOptions: WriteOptions = {}): () => StoredRecord<T> {
    assertValidKey('collection', collection);
    assertValidKey('id', id);
    const text = serializeForStore(value, collection, id);
    const { ifMatch } = writeOptions;
    return () => {
      const etag = randomUUID();
      const updatedAt = now();
      if (ifMatch === undefined) {
        statements.upsert.run(collection, id, text, etag, updatedAt);
      } else if (ifMatch === '*') {
        if (statements.insertNew.run(collection, id, text, etag, updatedAt).changes === 0) {
          throw conflict('create', collection, id, ifMatch);
        }
      } else if (statements.swap.run(text, etag, updatedAt, collection, id, ifMatch).changes === 0) {
        throw conflict('update', collection, id, ifMatch);
      }
      // Parse our own text rather than return the caller's object, so later mutations of it don't leak in; parsed
      // when first read, since most writers (a turn's reply records and done mark) only look at the etag.
      return storedRecord<T>(collection, id, text, etag, updatedAt);
    };
  }

  function updateNow<T>(collection: string, id: string, update: (current: T | undefined) => T): StoredRecord<T> {
    assertValidKey('collection', collection);
    assertValidKey('id', id);
    const etag = randomUUID();
    const updatedAt = now();
    let written: string | undefined;
    applying = (currentText) => (written = serializeForStore(update(JSON.parse(currentText) as T), collection, id));
    try {
      statements.update.run(etag, updatedAt, collection, id);
    } finally {
      applying = undefined;
    }
    if (written !== undefined) return storedRecord<T>(collection, id, written, etag, updatedAt);
    // No record yet: create it (a record created meanwhile by another connection is a conflict, as a put with '*').
    const text = serializeForStore(update(undefined), collection, id);
    if (statements.insertNew.run(collection, id, text, etag, updatedAt).changes === 0) throw conflict('create', collection, id, '*');
    return storedRecord<T>(collection, id, text, etag, updatedAt);
  }

  function getNow<T>(collection: string, id: string): StoredRecord<T> | undefined {
    assertValidKey('collection', collection);
    assertValidKey('id', id);
    const row = statements.get.get(collection, id);
    return row ? toRecord<T>(row) : undefined;
  }

  // Every call goes through here so callers always see AppError, and sync throws become rejected promises. A put
  // joins the writes of this event-loop iteration (sqliteWriteGroup.ts): `body` then stages the write now (checks,
  // serializes) and returns what the group runs. Any other write runs the queued ones first, so writes apply in the
  // order they were issued; so does a list (a scan: erasure, export, migration, off the turn path), so it sees every
  // write issued before it. A get does not (a write is visible once its promise resolved).
  const assertOpen = (operation: string): void => {
    if (closed || !db.open) throw new AppError('STORAGE_FAILURE', undefined, { details: { operation, reason: 'store closed' } });
  };

  async function run<R>(operation: string, collection: string, id: string | undefined, body: () => R, kind: 'read' | 'write' | 'scan' = 'read'): Promise<R> {
    assertOpen(operation);
    if (kind !== 'read') database.writes.flush();
    return guard(operation, collection, id, body)();
  }

  async function join<R>(operation: string, collection: string, id: string, stage: () => () => R): Promise<R> {
    assertOpen(operation);
    // Staged now (checks and serialization, as AppError), written when the group runs it.
    const write = guard(operation, collection, id, stage)();
    return database.writes.join(guard(operation, collection, id, write));
  }

  const guard =
    <R>(operation: string, collection: string, id: string | undefined, body: () => R) =>
    (): R => {
      try {
        return body();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('STORAGE_FAILURE', undefined, { cause: error, details: { operation, collection, id } });
      }
    };

  function conflict(operation: string, collection: string, id: string, ifMatch: string): AppError {
    return new AppError('STORAGE_CONFLICT', undefined, { details: { operation, collection, id, ifMatch } });
  }

  const store: RecordsStore = {
    get<T>(collection: string, id: string) {
      return run('get', collection, id, () => getNow<T>(collection, id));
    },

    put<T>(collection: string, id: string, value: T, writeOptions: WriteOptions = {}) {
      return join('put', collection, id, () => stagePut<T>(collection, id, value, writeOptions));
    },

    delete(collection: string, id: string, writeOptions: WriteOptions = {}) {
      return run('delete', collection, id, () => {
        assertValidKey('collection', collection);
        assertValidKey('id', id);
        const { ifMatch } = writeOptions;
        if (ifMatch === undefined) return statements.delete.run(collection, id).changes > 0;
        if (ifMatch === '*') {
          // '*' means "whatever version exists": a conditional delete of something absent is a conflict.
          if (statements.delete.run(collection, id).changes === 0) throw conflict('delete', collection, id, ifMatch);
          return true;
        }
        if (statements.deleteIfMatch.run(collection, id, ifMatch).changes === 0) throw conflict('delete', collection, id, ifMatch);
        return true;
      }, 'write');
    },

    list<T>(collection: string, listOptions: ListOptions = {}) {
      return run('list', collection, undefined, () => {
        assertValidKey('collection', collection);
        const prefix = listOptions.prefix ?? '';
        assertValidKey('prefix', prefix);
        const limit = listOptions.limit ?? -1; // SQLite: a negative LIMIT means no limit
        if (listOptions.limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
          throw new AppError('BAD_REQUEST', 'A list limit must be a whole number of zero or more.', { details: { limit } });
        }
        const { startAfter } = listOptions;
        if (startAfter !== undefined) assertValidKey('id', startAfter);
        const afterCursor = startAfter !== undefined && compareCodePoints(startAfter, prefix) >= 0;
        const lower = afterCursor ? startAfter : prefix;
        const bound = prefixUpperBound(prefix);
        const statement = listStatement(afterCursor ? '>' : '>=', bound !== undefined);
        const rows = bound === undefined ? statement.all(collection, lower, limit) : statement.all(collection, lower, bound, limit);
        return rows.map((row) => toRecord<T>(row));
      }, 'scan');
    },

    prune(collection: string, pruneOptions: PruneOptions) {
      return run('prune', collection, undefined, () => {
        assertValidKey('collection', collection);
        const { before, field, limit } = pruneOptions;
        if (!Number.isFinite(before) || !Number.isInteger(limit) || limit < 1 || (field !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))) {
          throw new AppError('BAD_REQUEST', 'A prune needs a time, a positive whole limit and a plain field name.', { details: { before, field, limit } });
        }
        const result = field === undefined ? statements.pruneByAge.run(collection, collection, before, limit) : statements.pruneByField.run(collection, collection, field, before, limit);
        return result.changes;
      }, 'write');
    },

    async close() {
      closed = true;
    },
  };
  return { store, stagePut, getNow, updateNow };
}

function toRecord<T>(row: Row): StoredRecord<T> {
  return { collection: row.collection, id: row.id, value: JSON.parse(row.value) as T, etag: row.etag, updatedAt: row.updated_at };
}

/** A record whose value is parsed from `text` on first read (once; later reads see the same object). */
function storedRecord<T>(collection: string, id: string, text: string, etag: string, updatedAt: number): StoredRecord<T> {
  let parsed: { value: T } | undefined;
  return {
    collection,
    id,
    get value(): T {
      parsed ??= { value: JSON.parse(text) as T };
      return parsed.value;
    },
    set value(value: T) {
      parsed = { value };
    },
    etag,
    updatedAt,
  };
}
