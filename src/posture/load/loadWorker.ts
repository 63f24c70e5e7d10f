// The worker side of parallelLoad.ts: loads the second part of the file into a store builder of its own and posts
// the finished part (columns transferred), or, for a sink that is not the store, posts its records in batches.
// Started as a worker script only; when imported anywhere else it does nothing.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createCatalog } from '../catalog/catalog';
import { loadExportFilesInThread } from './exportFileLoader';
import { MAX_WAITING_BATCHES, type WorkerInput, type WorkerMessage } from './parallelLoad';
import { describeError } from './parallelResults';
import { createRecordEncoder } from './recordWire';
import type { RecordSink } from '../model';
import type { DenseRecordSink } from './rowIntake';
import { addRecord } from '../store/builder';
import { createPartState, packBuilderPart } from '../store/builderPart';

/**
 * Newlines before `end`: the worker's line numbers are the file's own. Counted only when a message needs one (a row
 * refused or skipped), then kept: reading the bytes before this part just to count them cost every load a read of
 * half the file.
 */
export function lazyLinesBefore(file: string, end: number): () => number {
  let lines: number | undefined;
  return () => (lines ??= countLines(file, end));
}

function countLines(file: string, end: number): number {
  let lines = 0;
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (let at = 0; at < end; ) {
      const bytesRead = readSync(fd, chunk, 0, Math.min(chunk.length, end - at), at);
      if (bytesRead === 0) break;
      for (let i = chunk.indexOf(10); i >= 0 && i < bytesRead; i = chunk.indexOf(10, i + 1)) lines++;
      at += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

async function run(input: WorkerInput): Promise<void> {
  const post = (message: WorkerMessage, transfer?: ArrayBuffer[]): void => input.port.postMessage(message, transfer);
  const waiting = new Int32Array(input.inFlight);
  const encoder = createRecordEncoder((batch) => {
    // Blocking is fine: this thread has nothing else to do until the main thread catches up.
    for (let now = Atomics.load(waiting, 0); now >= MAX_WAITING_BATCHES; now = Atomics.load(waiting, 0)) Atomics.wait(waiting, 0, now, 1000);
    Atomics.add(waiting, 0, 1);
    post({ type: 'batch', batch }, [batch.ops.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer]);
  });
  const state = input.columns ? createPartState() : undefined;
  const sink: RecordSink | DenseRecordSink = state ? ({ takesDenseRecords: true, add: (record) => addRecord(state, record) } satisfies DenseRecordSink) : { add: (record) => encoder.add(record) };
  try {
    const result = await loadExportFilesInThread(
      {
        ...input.options,
        catalog: createCatalog({ entries: input.catalogEntries }),
        range: { start: input.start, linesBefore: lazyLinesBefore(input.options.path, input.start) },
        bytesTo: () => undefined, // the main thread hashes the whole file in order
      },
      sink,
    );
    if (state) {
      const { part, transfer } = packBuilderPart(state);
      post({ type: 'done', result, part }, transfer);
    } else {
      encoder.flush();
      post({ type: 'done', result });
    }
  } catch (error) {
    post({ type: 'failed', error: describeError(error) });
  }
  // A part is read only once this thread is gone (its heap freed first): exit. Records are read as they come, and an
  // exit before the main thread has read them all means a crash: stay until it ends this worker.
  if (input.columns) process.exit(0);
  input.port.on('message', () => undefined);
}

if (parentPort) void run(workerData as WorkerInput);
