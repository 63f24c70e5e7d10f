import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../src/logging/logger';
import { startCheckpointWorker, type CheckpointWorker } from '../../src/storage/sqliteCheckpointer';
import { createSqliteDatabase, DEFAULT_DATABASE_FILE, WAL_AUTOCHECKPOINT_PAGES } from '../../src/storage/sqliteDatabase';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

const PAGE = 4096;
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));
const until = async (done: () => boolean, ms = 10000): Promise<void> => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await tick();
};
const walPages = (file: string): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size / PAGE : 0);
/** Frames in the WAL now (the WAL-index header's mxFrame, as the worker reads it): falls when the WAL restarts. */
const walFrames = (file: string): number => {
  const fd = openSync(`${file}-shm`, 'r');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    return endianness() === 'LE' ? header.readUInt32LE(16) : header.readUInt32BE(16);
  } finally {
    closeSync(fd);
  }
};

function walDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return db;
}

function warnings(): { logger: Logger; warned: string[] } {
  const warned: string[] = [];
  const logger = { info() {}, debug() {}, warn: (_: unknown, message: string) => warned.push(message) } as unknown as Logger;
  return { logger, warned };
}

describe('WAL checkpoints in a worker thread', () => {
  let data: TempDataDir;
  let worker: CheckpointWorker | undefined;
  beforeEach(async () => {
    data = await createTempDataDir();
  });
  afterEach(async () => {
    worker?.stop();
    worker = undefined;
    await data.cleanup();
  });

  it('keeps the WAL near the threshold while commits go on, the main connection only a safety net at twice it', async () => {
    const file = join(data.dir, 'w.sqlite');
    const db = walDatabase(file);
    const threshold = 1000;
    worker = startCheckpointWorker(db, { thresholdPages: threshold, intervalMs: 5 });
    await until(() => worker!.mode() === 'worker');
    expect(worker.mode()).toBe('worker');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(threshold * 2);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const row = 'x'.repeat(3000); // about a page a row, as a reply record is
    let largest = 0;
    // Groups of 10 rows a ms or so (about the bot's WAL rate at 1,000 list turns a second), the event loop turning
    // between them, as the bot's write group commits.
    // On a busy machine the worker's 5 ms ticks come late: past 1.5x the threshold the writer waits for the worker
    // to restart the WAL (up to 10 s), so the test asks what the worker does, not how fast the machine is.
    for (let group = 0; group < 1500; group += 1) {
      db.transaction(() => {
        for (let i = 0; i < 10; i += 1) insert.run(row);
      })();
      largest = Math.max(largest, walPages(file));
      if (walFrames(file) >= threshold * 1.5) {
        await until(() => walFrames(file) < threshold);
        expect(walFrames(file)).toBeLessThan(threshold);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // 15,000 pages of writes: the WAL restarted (the worker copied every frame and the next commit began it again)
    // and never reached the main connection's safety net.
    expect(worker.stats().checkpoints).toBeGreaterThan(0);
    expect(largest).toBeLessThan(threshold * 2);
    worker.stop();
    db.close();
  });

  it('falls back to checkpoints in commits, logged, when the worker cannot open the file', async () => {
    const file = join(data.dir, 'gone.sqlite');
    const db = walDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    // The main connection keeps its open file; the worker's open (fileMustExist) fails.
    unlinkSync(file);
    const { logger, warned } = warnings();
    worker = startCheckpointWorker(db, { thresholdPages: 300, logger });
    await until(() => worker!.mode() === 'inline');
    expect(worker.mode()).toBe('inline');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(300);
    expect(warned.join('\n')).toMatch(/checkpoint worker .*checkpoints run in commits again/);
    db.close();
  });

  it('close() stops the worker first, so the bot\'s close is the last and SQLite checkpoints and removes the WAL', async () => {
    const db = createSqliteDatabase(data.dir, { checkpoints: 'worker' });
    const file = join(data.dir, DEFAULT_DATABASE_FILE);
    await until(() => db.checkpointer!.mode() === 'worker');
    expect(db.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES * 2);
    db.connection.prepare("INSERT INTO records (collection, id, value, etag, updated_at) VALUES ('c', 'i', 'v', 'e', 1)").run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT value FROM records').get()).toEqual({ value: 'v' });
    expect(reopened.pragma('quick_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('two bots on one data folder (a rolling deploy) each run a worker and see each other\'s writes', async () => {
    const first = createSqliteDatabase(data.dir, { checkpoints: 'worker' });
    const second = createSqliteDatabase(data.dir, { checkpoints: 'worker' });
    await until(() => first.checkpointer!.mode() === 'worker' && second.checkpointer!.mode() === 'worker');
    const put = (db: typeof first, id: string): unknown =>
      db.connection.prepare("INSERT INTO records (collection, id, value, etag, updated_at) VALUES ('c', ?, 'v', 'e', 1)").run(id);
    put(first, 'a');
    put(second, 'b');
    expect(first.connection.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 2 });
    first.close();
    put(second, 'c');
    second.close();
    expect(second.checkpointer!.mode()).toBe('worker');
  });

  it('tests and tools get no worker unless they ask; an in-memory database never does', () => {
    const plain = createSqliteDatabase(data.dir);
    expect(plain.checkpointer).toBeUndefined();
    expect(plain.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    plain.close();
  });
});
