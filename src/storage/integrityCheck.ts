// Startup check of the database file: SQLite's quick_check, on a worker thread so it is bounded in time. A damaged
// file stops startup with a message that says how to recover; a check that runs out of time is logged and skipped
// (a huge, healthy database must not keep the bot down).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/appError';
import type { Logger } from '../logging/logger';

export const DEFAULT_INTEGRITY_TIMEOUT_MS = 10_000;

export type IntegrityResult = { kind: 'ok' } | { kind: 'absent' } | { kind: 'corrupt'; problems: string[] } | { kind: 'timedOut' };

// Plain JS run by the worker: open the file (no writes), run quick_check, report its lines.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  const rows = db.pragma('quick_check(20)', { simple: false });
  const lines = rows.map((row) => String(Object.values(row)[0]));
  parentPort.postMessage(lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, problems: lines });
} catch (error) {
  parentPort.postMessage({ ok: false, problems: [String(error && error.message ? error.message : error)] });
} finally {
  if (db) db.close();
}
`;

export function checkDatabaseIntegrity(file: string, timeoutMs = DEFAULT_INTEGRITY_TIMEOUT_MS): Promise<IntegrityResult> {
  if (!existsSync(file)) return Promise.resolve({ kind: 'absent' });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module: require.resolve('better-sqlite3') } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: 'timedOut' });
    }, timeoutMs);
    worker.once('message', (message: { ok: boolean; problems?: string[] }) => {
      clearTimeout(timer);
      resolve(message.ok ? { kind: 'ok' } : { kind: 'corrupt', problems: message.problems ?? [] });
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'corrupt', problems: [error.message] });
    });
  });
}

/** Throws STORAGE_CORRUPT with recovery steps when the file is damaged. */
export async function assertDatabaseIntact(file: string, options: { timeoutMs?: number; logger?: Logger } = {}): Promise<void> {
  const started = performance.now();
  const result = await checkDatabaseIntegrity(file, options.timeoutMs);
  const ms = Math.round(performance.now() - started);
  if (result.kind === 'timedOut') {
    options.logger?.warn({ file, ms }, 'database integrity check did not finish in time; skipped this start');
    return;
  }
  if (result.kind !== 'corrupt') {
    options.logger?.info({ file, ms, result: result.kind }, 'database integrity checked');
    return;
  }
  throw new AppError(
    'STORAGE_CORRUPT',
    `The bot database ${file} is damaged (${result.problems.slice(0, 3).join('; ')}). ` +
      'To recover: stop every bot process using this DATA_DIR, move the damaged file and its -wal and -shm files aside, ' +
      'then copy your latest backup (from `npm run db:backup`) to this path and start again, or start without it to begin with empty state. ' +
      'See "Backup and restore" in README.md.',
    { details: { file, problems: result.problems } },
  );
}
