// Checkpoints off the event loop: SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold,
// on the bot's main thread (two fsyncs and ~800 pages copied: a ~22 ms stall every ~370 list turns). Here a worker
// thread with its own connection to the same file runs them (sqliteCheckpointWorker.ts) at the same threshold, and
// the main connection's automatic checkpoint is raised to twice it: a safety net that bounds the WAL if the worker
// falls behind (a PASSIVE checkpoint cannot restart the WAL while commits keep coming).
// If the worker does not start or dies, the main connection checkpoints at the threshold again, and it is logged.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../logging/logger';
import { CHECKPOINT_WORKER_SOURCE } from './sqliteCheckpointWorker';

export interface CheckpointWorkerOptions {
  /** WAL frames that trigger a checkpoint (the main connection's wal_autocheckpoint before the worker took over). */
  thresholdPages: number;
  /** At most this many frames left to copy, the worker copies them holding the write lock (so the WAL can restart). */
  tailPages?: number;
  /** How often the worker reads the WAL's size from the -shm header. */
  intervalMs?: number;
  /** How long stop() waits for the worker to close its connection (ms). */
  stopTimeoutMs?: number;
  logger?: Logger;
}

export interface CheckpointWorker {
  /** 'starting' until the worker's connection is open, 'worker' while it checkpoints, 'inline' after a fallback. */
  readonly mode: () => 'starting' | 'worker' | 'inline';
  /** Checkpoints the worker ran, and their frames copied. */
  readonly stats: () => { checkpoints: number; copied: number };
  /** Closes the worker's connection (waiting up to stopTimeoutMs) and ends it. Call before closing the main connection. */
  stop(): void;
}

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 50;
export const DEFAULT_CHECKPOINT_TAIL_PAGES = 500;

export function startCheckpointWorker(connection: Database.Database, options: CheckpointWorkerOptions): CheckpointWorker {
  const { thresholdPages, logger } = options;
  let mode: 'starting' | 'worker' | 'inline' = 'starting';
  let stopping = false;
  let checkpoints = 0;
  let copied = 0;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const inline = (reason: string, err?: unknown): void => {
    if (stopping || mode === 'inline') return;
    mode = 'inline';
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${thresholdPages}`);
    logger?.warn({ err, file: connection.name }, `sqlite checkpoint worker ${reason}; checkpoints run in commits again`);
  };
  let worker: Worker;
  try {
    worker = new Worker(CHECKPOINT_WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: require.resolve('better-sqlite3'),
        file: connection.name,
        thresholdPages,
        tailPages: options.tailPages ?? DEFAULT_CHECKPOINT_TAIL_PAGES,
        intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
        done: done.buffer,
      },
    });
  } catch (err) {
    inline('could not start', err);
    return { mode: () => mode, stats: () => ({ checkpoints, copied }), stop() {} };
  }
  // The worker never keeps the process alive: a bot that is done exits even if close() was not called.
  worker.unref();
  worker.on('message', (message: { type: string; copied?: number }) => {
    if (message.type === 'ready' && mode === 'starting' && !stopping) {
      mode = 'worker';
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${thresholdPages * 2}`);
      logger?.info({ file: connection.name, thresholdPages }, 'sqlite checkpoints run in a worker thread');
    } else if (message.type === 'checkpoint') {
      checkpoints += 1;
      copied += message.copied ?? 0;
    }
  });
  worker.on('error', (err) => inline('failed', err));
  worker.on('exit', (code) => inline(`exited (code ${code})`));
  return {
    mode: () => mode,
    stats: () => ({ checkpoints, copied }),
    stop() {
      if (stopping) return;
      stopping = true;
      // The worker's connection is closed before the main one, so the main connection's close is the last one and
      // SQLite checkpoints the whole WAL and removes it there, as it did before the worker.
      if (mode === 'worker') {
        worker.postMessage('close');
        Atomics.wait(done, 0, 0, options.stopTimeoutMs ?? 5000);
      }
      void worker.terminate();
    },
  };
}
