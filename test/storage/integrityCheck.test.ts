// A damaged database is refused at startup with recovery steps; db:backup writes a consistent copy (issue 9 item 3).
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase } from '../../src/cli/backupDatabase';
import { loadConfig } from '../../src/config/loadConfig';
import { main, startBot } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { assertDatabaseIntact, checkDatabaseIntegrity } from '../../src/storage/integrityCheck';
import { createSqliteDatabase, DEFAULT_DATABASE_FILE } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

let temp: TempDataDir;
beforeEach(() => {
  temp = createTempDataDir();
});
afterEach(() => temp.cleanup());

async function databaseWithRows(dir: string, rows = 2_000): Promise<string> {
  const database = createSqliteDatabase(dir);
  const records = createSqliteRecordsStore(database);
  for (let i = 0; i < rows; i++) await records.put('reply-records', `r-${String(i).padStart(5, '0')}`, { text: 'x'.repeat(200), i });
  database.connection.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  return join(dir, DEFAULT_DATABASE_FILE);
}

/** Overwrites a few pages in the middle of the file: the header stays valid, so the file still opens. */
function damage(file: string): void {
  const pageSize = readFileSync(file).readUInt16BE(16);
  const pages = statSync(file).size / pageSize;
  const fd = openSync(file, 'r+');
  try {
    for (const page of [Math.floor(pages / 2), Math.floor(pages / 2) + 1]) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('startup integrity check', () => {
  it('passes a healthy database and an absent one', async () => {
    expect(await checkDatabaseIntegrity(await databaseWithRows(temp.dir, 50))).toEqual({ kind: 'ok' });
    expect(await checkDatabaseIntegrity(join(temp.dir, 'none.sqlite'))).toEqual({ kind: 'absent' });
  });

  it('refuses a partly corrupted file that still opens, saying how to recover', async () => {
    const file = await databaseWithRows(temp.dir);
    damage(file);
    const opened = new Database(file); // what main did: it opens, and /healthz said ok
    opened.close();
    const result = await checkDatabaseIntegrity(file);
    expect(result.kind).toBe('corrupt');
    await expect(assertDatabaseIntact(file)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT', userMessage: expect.stringMatching(/damaged.*npm run db:backup.*Backup and restore/s) });
  });

  it('stops startBot and main with the message', async () => {
    damage(await databaseWithRows(temp.dir));
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir }, envDir: projectPath('env') });
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(startBot(config, createSilentLogger())).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
      expect(await main({ APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir, LOG_LEVEL: 'silent' })).toBe(1);
      expect(spy.mock.calls.map((c) => String(c[0])).join('')).toContain('is damaged');
    } finally {
      spy.mockRestore();
    }
  });

  it('gives up on a check that runs out of time instead of keeping the bot down', async () => {
    const file = await databaseWithRows(temp.dir, 50);
    expect(await checkDatabaseIntegrity(file, 0)).toEqual({ kind: 'timedOut' });
    await expect(assertDatabaseIntact(file, { timeoutMs: 0 })).resolves.toBeUndefined();
  });
});

describe('db:backup', () => {
  it('writes a consistent copy while another connection is writing, and the copy restores', async () => {
    await databaseWithRows(temp.dir, 500);
    const live = createSqliteDatabase(temp.dir);
    const records = createSqliteRecordsStore(live);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await records.put('action-audit', `w-${i}`, { i });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const out = join(temp.dir, 'copy', 'backup.sqlite');
    const result = await backupDatabase(temp.dir, out);
    writing = false;
    await writer;
    live.close();
    expect(result.target).toBe(out);
    expect(await checkDatabaseIntegrity(out)).toEqual({ kind: 'ok' });
    const copy = new Database(out, { readonly: true });
    try {
      expect((copy.prepare("SELECT COUNT(*) AS n FROM records WHERE collection = 'reply-records'").get() as { n: number }).n).toBe(500);
    } finally {
      copy.close();
    }
    await expect(backupDatabase(temp.dir, out)).rejects.toThrow(/exists already/);
  });
});
