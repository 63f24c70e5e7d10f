// The one embedded database file under DATA_DIR that every SQLite-backed store shares.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors/appError';
import type { Logger } from '../logging/logger';
import { startCheckpointWorker, type CheckpointWorker } from './sqliteCheckpointer';
import { assertUsableDataDir, type DataDirCheckOptions } from './dataDirCheck';
import { createSqliteWriteGroup, type SqliteWriteGroup } from './sqliteWriteGroup';

export const DEFAULT_DATABASE_FILE = 'posture-bot.sqlite';
/** WAL pages between automatic checkpoints (SQLite's default: 1000). */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

export interface SqliteDatabaseOptions {
  logger?: Logger;
  /** File name inside dataDir. */
  fileName?: string;
  /** How long a writer waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** The DATA_DIR usability check (injectable "writable" test). */
  dataDirCheck?: DataDirCheckOptions;
  /** Writes per group transaction (sqliteWriteGroup.ts); the rest of a larger group goes in the next one. */
  maxGroupWrites?: number;
  /**
   * Where WAL checkpoints run: 'commit' (SQLite's automatic checkpoint, inside the COMMIT that crosses the threshold,
   * on the caller's thread) or 'worker' (a worker thread, sqliteCheckpointer.ts). Default 'commit': tests and tools
   * need no thread; openStorage (the bot) asks for 'worker'.
   */
  checkpoints?: 'commit' | 'worker';
}

export interface SqliteDatabase {
  readonly file: string;
  /** The raw connection, for the stores in this folder only. */
  readonly connection: Database.Database;
  readonly schemaVersion: number;
  /** The writes of concurrent turns, committed together (sqliteWriteGroup.ts). */
  readonly writes: SqliteWriteGroup;
  /** The checkpoint worker, when checkpoints: 'worker' was asked for. */
  readonly checkpointer?: CheckpointWorker;
  /** Idempotent; runs the writes still queued first. Stores built on this database fail with STORAGE_FAILURE afterwards. */
  close(): void;
}

interface Migration {
  version: number;
  sql: string;
}

// Append only: a shipped migration never changes, or databases already past it would differ from new ones.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE records (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        value TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (collection, id)
      ) WITHOUT ROWID;
      CREATE TABLE conversation_items (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Retention deletes oldest first without scanning every row.
    version: 2,
    sql: `
      CREATE INDEX records_by_age ON records (collection, updated_at);
      CREATE INDEX conversation_items_by_age ON conversation_items (updated_at);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * The tables whose rows are too large for a WITHOUT ROWID table (state, reply records and shown-ref pages run to
 * 2-4 KB): there every row is a key, so a row over ~1 KB spills into an overflow page, interior pages hold whole rows
 * as dividers, and every key comparison on such a row copies it out first. As rowid tables (the same columns, the
 * key as a separate unique index) a row up to ~4 KB stays on its leaf.
 * Changing layout only (names, columns, keys and indexes stay), every version of the bot reads and writes both the
 * same, so this is not a numbered migration: an older bot still opens the file afterwards.
 */
const ROWID_TABLES: ReadonlyArray<{ table: string; names: string; columns: string; indexes: string }> = [
  {
    table: 'records',
    names: 'collection, id, value, etag, updated_at',
    columns: `collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL,
      PRIMARY KEY (collection, id)`,
    indexes: 'CREATE INDEX records_by_age ON records (collection, updated_at);',
  },
  {
    table: 'conversation_items',
    names: 'key, value, etag, updated_at',
    columns: 'key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL',
    indexes: 'CREATE INDEX conversation_items_by_age ON conversation_items (updated_at);',
  },
];

/** Opens (creating if needed) `<dataDir>/posture-bot.sqlite` in WAL mode and brings its schema up to date. */
export function createSqliteDatabase(dataDir: string, options: SqliteDatabaseOptions = {}): SqliteDatabase {
  const file = join(dataDir, options.fileName ?? DEFAULT_DATABASE_FILE);
  assertUsableDataDir(dataDir, options.dataDirCheck);
  let connection: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    connection = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `The data folder ${dataDir} cannot hold the bot's database.`, {
      cause,
      details: { file },
    });
  }
  try {
    // WAL lets readers proceed while one writer commits; NORMAL sync is durable across app crashes in WAL mode.
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    // The statement sub-journal (each turn's savepoint inside the group's transaction) in memory, not spilled to
    // temp files past 64 KiB: 13.5 fewer pwrite64 (34 KB) per list turn. Bounded by one savepoint's pages: SQLite
    // truncates it at each release (and sqliteWriteGroup.ts bounds the group).
    connection.pragma('temp_store = MEMORY');
    // A checkpoint copies every page changed since the last one into the file once: 4000 pages (WAL up to ~16 MB)
    // instead of SQLite's 1000 copies the pages every turn changes (index leaves, counters, interior pages) 4x less
    // often. Measured on 5000 list turns: 5.1 -> 2.5 pwrite64 into the file per turn (21 -> 10 KB), disk writes
    // 67 -> 56 KB per turn; the WAL's own writes unchanged.
    connection.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    const schemaVersion = migrate(connection);
    options.logger?.info({ file, schemaVersion }, 'sqlite database open');
    let closed = false;
    const writes = createSqliteWriteGroup(connection, options.maxGroupWrites);
    const checkpointer: CheckpointWorker | undefined =
      options.checkpoints === 'worker' && !connection.memory
        ? startCheckpointWorker(connection, { thresholdPages: WAL_AUTOCHECKPOINT_PAGES, logger: options.logger })
        : undefined;
    return {
      file,
      connection,
      schemaVersion,
      writes,
      checkpointer,
      close() {
        if (closed) return;
        closed = true;
        writes.flush();
        checkpointer?.stop();
        connection.close();
      },
    };
  } catch (cause) {
    connection.close();
    if (cause instanceof AppError) throw cause;
    throw new AppError('STORAGE_FAILURE', 'The bot database could not be opened.', { cause, details: { file } });
  }
}

function migrate(connection: Database.Database): number {
  connection.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const currentVersion = (): number => {
    const row = connection.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  };
  // IMMEDIATE takes the write lock before reading the version, so two processes starting together migrate once.
  const apply = connection.transaction(() => {
    const from = currentVersion();
    if (from > LATEST_SCHEMA_VERSION) {
      throw new AppError('STORAGE_FAILURE', 'The bot database was written by a newer version of the bot.', {
        details: { schemaVersion: from, supported: LATEST_SCHEMA_VERSION },
      });
    }
    const record = connection.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      connection.exec(migration.sql);
      record.run(migration.version, Date.now());
    }
    const version = currentVersion();
    // Files written before the layout change (or just created by migration 1) are copied into rowid tables once.
    for (const { table, names, columns, indexes } of ROWID_TABLES) {
      const listed = connection.prepare('SELECT wr FROM pragma_table_list WHERE schema = ? AND name = ?').get('main', table) as { wr: number } | undefined;
      if (!listed || listed.wr === 0) continue;
      connection.exec(`
        ALTER TABLE ${table} RENAME TO ${table}_without_rowid;
        CREATE TABLE ${table} (${columns});
        INSERT INTO ${table} (${names}) SELECT ${names} FROM ${table}_without_rowid;
        DROP TABLE ${table}_without_rowid;
        ${indexes}
      `);
    }
    return version;
  });
  return apply.immediate();
}
