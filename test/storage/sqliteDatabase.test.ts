import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { isAppError } from '../../src/errors/appError';
import { createSqliteDatabase, DEFAULT_DATABASE_FILE, LATEST_SCHEMA_VERSION } from '../../src/storage/sqliteDatabase';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

describe('SQLite database file', () => {
  let data: TempDataDir;
  beforeEach(async () => {
    data = await createTempDataDir();
  });
  afterEach(async () => data.cleanup());

  it('creates the data folder and one database file in WAL mode with a busy timeout', () => {
    const db = createSqliteDatabase(join(data.dir, 'nested', 'deeper'), { busyTimeoutMs: 1234 });
    try {
      expect(db.file).toBe(join(data.dir, 'nested', 'deeper', DEFAULT_DATABASE_FILE));
      expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.connection.pragma('busy_timeout', { simple: true })).toBe(1234);
      // Statement sub-journals (the group's per-turn savepoints) in memory, not in temp files (2 = MEMORY).
      expect(db.connection.pragma('temp_store', { simple: true })).toBe(2);
      // Checkpoints every 4000 WAL pages, not SQLite's 1000: pages changed every turn are copied into the file less often.
      expect(db.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
      expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('migrates once: reopening and a second connection keep the schema and data', () => {
    const first = data.open();
    first.connection.prepare("INSERT INTO records VALUES ('c', 'i', '1', 'e', 0)").run();
    const second = data.open();
    data.closeAll();
    const reopened = data.open();
    const versions = reopened.connection.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    expect(reopened.connection.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 1 });
    expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuses a database written by a newer version instead of guessing its schema', () => {
    const db = data.open();
    db.connection.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run(LATEST_SCHEMA_VERSION + 1);
    data.closeAll();
    const error = (() => {
      try {
        data.open();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isAppError(error) && error.code).toBe('STORAGE_FAILURE');
    expect(String(error)).toMatch(/newer version/);
  });

  it('explains a data folder that cannot hold the database', () => {
    const blocker = join(data.dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    expect(() => createSqliteDatabase(blocker)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('refuses a file that is not a database with STORAGE_FAILURE', () => {
    writeFileSync(join(data.dir, DEFAULT_DATABASE_FILE), 'this is not sqlite '.repeat(100));
    expect(() => data.open()).toThrow(expect.objectContaining({ code: 'STORAGE_FAILURE' }));
  });

  it('closes idempotently', () => {
    const db = createSqliteDatabase(data.dir);
    db.close();
    expect(() => db.close()).not.toThrow();
    expect(db.connection.open).toBe(false);
  });

  describe('table layout', () => {
    /** The schema as migrations 1 and 2 shipped it (WITHOUT ROWID tables), with rows, as an existing DATA_DIR holds it. */
    const writeOldLayout = (): void => {
      const old = new Database(join(data.dir, DEFAULT_DATABASE_FILE));
      old.pragma('journal_mode = WAL');
      old.exec(`
        CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
        CREATE TABLE records (collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL,
          updated_at INTEGER NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID;
        CREATE TABLE conversation_items (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL,
          updated_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX records_by_age ON records (collection, updated_at);
        CREATE INDEX conversation_items_by_age ON conversation_items (updated_at);
        INSERT INTO schema_migrations VALUES (1, 0), (2, 0);
      `);
      const put = old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)');
      for (let i = 0; i < 300; i++) put.run(`c${i % 3}`, `id-${i}`, JSON.stringify({ n: i, text: 'x'.repeat(i * 10) }), `e${i}`, 1000 + i);
      old.prepare('INSERT INTO conversation_items VALUES (?, ?, ?, ?)').run('msteams/bot/conversations/a', JSON.stringify({ big: 'y'.repeat(5000) }), 'e', 7);
      old.close();
    };
    const layout = (db: Database.Database) =>
      db.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name IN ('records', 'conversation_items') ORDER BY name").all();
    const indexes = (db: Database.Database) =>
      db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    const contents = (db: Database.Database) => ({
      records: db.prepare('SELECT collection, id, value, etag, updated_at FROM records ORDER BY collection, id').all(),
      items: db.prepare('SELECT key, value, etag, updated_at FROM conversation_items ORDER BY key').all(),
    });

    it('keeps the large-row tables as rowid tables, with their keys unique and the age indexes', () => {
      const db = data.open().connection;
      expect(layout(db)).toEqual([
        { name: 'conversation_items', wr: 0 },
        { name: 'records', wr: 0 },
      ]);
      expect(indexes(db)).toEqual([
        { name: 'conversation_items_by_age', tbl_name: 'conversation_items' },
        { name: 'records_by_age', tbl_name: 'records' },
      ]);
      db.prepare("INSERT INTO records VALUES ('c', 'i', '1', 'e', 0)").run();
      expect(() => db.prepare("INSERT INTO records VALUES ('c', 'i', '2', 'e', 0)").run()).toThrow(/UNIQUE/);
      db.prepare("INSERT INTO conversation_items VALUES ('k', '{}', 'e', 0)").run();
      expect(() => db.prepare("INSERT INTO conversation_items VALUES ('k', '{}', 'e', 0)").run()).toThrow(/UNIQUE/);
      // The statements the stores use plan on the key and on the age index.
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      expect(plan("SELECT value FROM records WHERE collection = 'c' AND id = 'i'")).toMatch(/sqlite_autoindex_records_1 \(collection=\? AND id=\?\)/);
      expect(plan("SELECT id FROM records WHERE collection = 'c' AND updated_at < 5 ORDER BY updated_at LIMIT 3")).toMatch(/records_by_age/);
      expect(plan("SELECT value FROM conversation_items WHERE key = 'k'")).toMatch(/sqlite_autoindex_conversation_items_1/);
    });

    it('copies an existing WITHOUT ROWID file into rowid tables once, every row as it was, still at schema version 2', () => {
      writeOldLayout();
      const before = new Database(join(data.dir, DEFAULT_DATABASE_FILE), { readonly: true });
      const stored = contents(before);
      before.close();
      expect(stored.records).toHaveLength(300);

      const db = data.open();
      expect(layout(db.connection)).toEqual([
        { name: 'conversation_items', wr: 0 },
        { name: 'records', wr: 0 },
      ]);
      expect(contents(db.connection)).toEqual(stored);
      expect(indexes(db.connection)).toEqual([
        { name: 'conversation_items_by_age', tbl_name: 'conversation_items' },
        { name: 'records_by_age', tbl_name: 'records' },
      ]);
      // No numbered migration: a bot that knows only versions 1 and 2 still opens this file.
      expect(db.connection.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
      expect(db.connection.pragma('integrity_check', { simple: true })).toBe('ok');
      const roots = db.connection.prepare("SELECT name, rootpage FROM sqlite_schema WHERE name IN ('records', 'conversation_items')").all();

      // A second connection (another process starting) finds nothing to copy.
      const second = data.open();
      expect(second.connection.prepare("SELECT name, rootpage FROM sqlite_schema WHERE name IN ('records', 'conversation_items')").all()).toEqual(roots);
      expect(contents(second.connection)).toEqual(stored);
    });
  });
});
