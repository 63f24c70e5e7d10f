// The code of the checkpoint worker (sqliteCheckpointer.ts), run with `new Worker(source, { eval: true })` so it
// loads the same way from dist/ and under ts-jest. Plain CommonJS, no imports from this project.
// Every intervalMs it reads the WAL's frame counters from the -shm header (one 136-byte pread, no lock: a stale
// read only moves a checkpoint by one tick) and, once the WAL holds thresholdPages frames with some not yet copied
// into the database, runs a PASSIVE checkpoint on its own connection: it copies what no reader still needs, never
// waits for a lock and never blocks a writer, so the bot's commits go on meanwhile.
// Messages: to the parent {type:'ready'} once its connection is open, {type:'checkpoint', log, copied, ms} after
// each; from the parent 'close' (the connection is closed, then done[0] is set and notified, then the worker exits).
export const CHECKPOINT_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync } = require('node:fs');
const { endianness } = require('node:os');
const Database = require(workerData.module);
const { file, thresholdPages, tailPages, intervalMs } = workerData;
const done = new Int32Array(workerData.done);
const db = new Database(file, { fileMustExist: true, timeout: 0 });
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const header = Buffer.alloc(136);
const le = endianness() === 'LE';
let shm;
const counters = () => {
  // WalIndexHdr.mxFrame at byte 16, WalCkptInfo.nBackfill at byte 96, in the host's byte order.
  shm ??= openSync(file + '-shm', 'r');
  if (readSync(shm, header, 0, 136, 0) < 136) return undefined;
  return le ? { frames: header.readUInt32LE(16), copied: header.readUInt32LE(96) } : { frames: header.readUInt32BE(16), copied: header.readUInt32BE(96) };
};
// SQLite's BUSY or LOCKED (another connection holds the lock): not a failure, the next tick tries again.
const busy = (error) => Boolean(error) && /^SQLITE_(BUSY|LOCKED)/.test(String(error.code));
const run = () => {
  const start = performance.now();
  try {
    const [row] = checkpoint.all();
    return { busy: row.busy, log: row.log, copied: row.checkpointed, ms: performance.now() - start };
  } catch (error) {
    // Another process's checkpoint (a rolling deploy runs two bots on one file) holds the checkpoint lock: next tick.
    if (busy(error)) return undefined;
    throw error;
  }
};
// The frames committed while the worker copied the rest, copied with new commits held off for that short while: a
// WAL restarts from its start only at a write that finds every frame copied, and under steady commits a checkpoint
// that lets them go on never leaves it so. The bot's writer waits on the lock (busy timeout) meanwhile.
// It waits for the lock up to 200 ms (the bot's writes hold it a fraction of a ms per group), then tries next tick.
const lock = new Database(file, { fileMustExist: true, timeout: 200 });
const begin = lock.prepare('BEGIN IMMEDIATE');
const rollback = lock.prepare('ROLLBACK');
const underLock = () => {
  try {
    begin.run();
  } catch (error) {
    if (busy(error)) return undefined;
    throw error;
  }
  try {
    return run();
  } finally {
    rollback.run();
  }
};
const timer = setInterval(() => {
  const wal = counters();
  if (!wal || wal.frames < thresholdPages || wal.copied >= wal.frames) return;
  const first = wal.frames - wal.copied > tailPages ? run() : undefined;
  if (first) parentPort.postMessage({ type: 'checkpoint', ...first });
  const tail = underLock();
  if (tail) parentPort.postMessage({ type: 'checkpoint', locked: true, ...tail });
}, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  try {
    lock.close();
    db.close();
  } finally {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;
