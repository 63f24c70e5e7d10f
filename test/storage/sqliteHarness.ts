// Temporary DATA_DIR folders holding a real database file, for the SQLite runs of the contract suites.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';

export interface TempDataDir {
  dir: string;
  /** Opens another connection to the same database file; closed by cleanup(). */
  open(): SqliteDatabase;
  /** Closes every connection opened so far. */
  closeAll(): void;
  cleanup(): Promise<void>;
}

export async function createTempDataDir(): Promise<TempDataDir> {
  const dir = await mkdtemp(join(tmpdir(), 'posture-bot-storage-'));
  const opened: SqliteDatabase[] = [];
  const closeAll = (): void => {
    for (const db of opened.splice(0)) db.close();
  };
  return {
    dir,
    open() {
      const db = createSqliteDatabase(dir);
      opened.push(db);
      return db;
    },
    closeAll,
    async cleanup() {
      closeAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
