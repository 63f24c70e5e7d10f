import { writeFileSync } from 'node:fs';
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
});
