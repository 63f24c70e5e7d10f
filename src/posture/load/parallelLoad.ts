// A big JSON Lines export loads on two cores: the file is cut at a line end, this thread loads the first part
// straight into the sink while a worker (loadWorker.ts) parses and normalizes the second. When the sink is the
// store builder, the worker adds its records to a builder of its own and hands over the finished columns (typed
// arrays, transferred) and dictionaries, merged after this thread's rows (store/builderPart.ts); any other sink gets
// the worker's records, in batches through recordWire.ts, after this thread's own. Either way the sink ends as a
// one-thread load leaves it. Both parts run the same loader, so line numbers, messages, counts and skipped reasons
// are the same; the sha256 is taken here over all bytes in order.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../errors/appError';
import type { CatalogEntry } from '../catalog/catalog';
import type { PostureRecord, RecordSink } from '../model';
import { takesBuilderParts, type BuilderPart } from '../store/builderPart';
import type { ExportLoadOptions, ExportLoadResult } from './exportFileLoader';
import { isGzipFile, listExportFiles, readFileBytes } from './exportFiles';
import { formatFromName } from './formatSniffer';
import { mergeResults, rebuildError, type SentError } from './parallelResults';
import { decodeRecordBatch, type RecordBatch } from './recordWire';

/** What the worker is started with: plain data only (no logger, no catalog object). */
export interface WorkerInput {
  options: { path: string; lenient?: boolean; highWaterMark?: number };
  start: number;
  catalogEntries: readonly CatalogEntry[];
  /** Build columns in the worker and hand them over whole, instead of posting records. */
  columns: boolean;
  /** One Int32: batches posted and not yet added here; the worker waits while too many are waiting. */
  inFlight: SharedArrayBuffer;
  /**
   * Where the worker posts; left unstarted here until this thread has loaded its own part, so waiting batches stay
   * serialized, outside this thread's heap, instead of being rebuilt early.
   */
  port: MessagePort;
}

export type WorkerMessage =
  | { type: 'batch'; batch: RecordBatch }
  | { type: 'done'; result: ExportLoadResult; part?: BuilderPart }
  | { type: 'failed'; error: SentError };

/**
 * Share of the file this thread loads itself. With records it also stores the worker's, which costs less per row;
 * with columns it only merges them, but it hashes the worker's bytes too.
 */
const OWN_SHARE_RECORDS = 0.32;
const OWN_SHARE_COLUMNS = 0.46;
/**
 * Batches (1000 records) that may wait, serialized, while this thread loads its own part: bounds their memory. At 1M
 * rows about 550 wait (peak RSS ~1.45 GB, 1.17 GB in one thread); 1200 hold roughly 0.5 GB.
 */
export const MAX_WAITING_BATCHES = 1200;

/** JSON Lines reads in 1 MiB: fewer trips through the event loop, which both threads otherwise spend idle in. */
const RANGE_READ_BYTES = 1 << 20;

/**
 * The worker's young generation. Its rows die young (parsed JSON, dropped once encoded), and what survives a
 * scavenge is little beyond what its builder keeps, so a small young generation scavenges more often (62 instead of
 * 30 at 100k rows) but promotes about as much (26 against 24 MB). It is also faster: the nursery's fresh pages are
 * faulted in once (a page fault costs ~12.6 us on the 2-core bench VM) and its allocations stay closer in cache.
 * 100k rows, two threads, 9 alternated rounds (load 3.9-5.9): the worker thread used 1,100-1,380 ms at 16 MB
 * against 1,360-1,680 at 96 (lower in every round); the process 3,629-4,374 against 4,003-4,955 ms; minor faults
 * 59-64k against 68-75k; peak RSS 183-191 against 224-233 MB. 8 and 48 MB were in between.
 */
const WORKER_YOUNG_MB = 16;

const WORKER_SCRIPT = join(__dirname, 'loadWorker.js');

/**
 * How many threads a big JSON Lines export loads in: 1, 2 (a worker for the part after the cut, when the file is big
 * enough), or 'auto': 2 only while the machine has a core to spare (see splitsLoad).
 */
export type LoadThreads = 1 | 2 | 'auto';

/**
 * The worker buys wall time with CPU: it costs 1.07-1.4x the CPU of one thread (a second isolate's JIT and GC, the
 * hand-over of its part, the hash's second read), and it only pays back when it gets a core nobody else wants.
 * Measured on 2 cores (README.md): under a load average of 6 to 7, 1M rows took 32.8 s CPU and 55.0 s wall on two
 * threads against 26.5 s and 48.1 s on one; quiet, two threads loaded 1M in 17.8 s wall (bench, f1dd34e). At a load
 * average of 8 to 11 (c8a4e53): 28.1 s CPU and 27.2 s wall on two threads against 26.2 s and 46.4 s on one. There the
 * two loading threads together used what the one did (12.6 s here and ~10.1 s in the worker, against 22.7 s); the
 * extra was V8's helper threads (GC and compiles for two heaps, 4.5 s against 2.75 s) and the kernel (sys 3.8 s
 * against 2.6 s, 359k minor page faults against 204k).
 */
export const MIN_IDLE_CORES_FOR_WORKER = 1;

/**
 * Whether a load of a big enough file starts a worker. 'auto': only with at least two cores of which, by the 1-minute
 * load average, MIN_IDLE_CORES_FOR_WORKER stand idle (Windows reports a load of 0: there it always splits).
 */
export function splitsLoad(threads: LoadThreads, cores: number = availableParallelism(), load: number = loadavg()[0] ?? 0): boolean {
  if (threads !== 'auto') return threads === 2;
  return cores >= 2 && cores - load >= MIN_IDLE_CORES_FOR_WORKER;
}

export interface ParallelPlan {
  file: string;
  split: number;
}

/**
 * A plan when a worker pays: one plain (not gzip) .jsonl/.ndjson file at least `minBytes` long, and a compiled
 * worker script (not under ts-jest). Anything unusual loads in one thread, which words every problem as always.
 */
export async function planParallelLoad(path: string, minBytes: number, columns = false): Promise<ParallelPlan | undefined> {
  if (!existsSync(WORKER_SCRIPT)) return undefined;
  try {
    const { files, root } = await listExportFiles(path);
    const file = files[0];
    if (files.length !== 1 || file !== root || formatFromName(file) !== 'lines') return undefined;
    const { size } = await stat(file);
    if (size < minBytes || (await isGzipFile(file))) return undefined;
    const split = await lineEndAfter(file, Math.floor(size * (columns ? OWN_SHARE_COLUMNS : OWN_SHARE_RECORDS)));
    return split !== undefined && split < size ? { file, split } : undefined;
  } catch {
    return undefined;
  }
}

/** The offset just past the first newline at or after `from`. */
async function lineEndAfter(file: string, from: number): Promise<number | undefined> {
  const handle = await open(file, 'r');
  try {
    const window = Buffer.alloc(1 << 16);
    for (let at = from; ; at += window.length) {
      const { bytesRead } = await handle.read(window, 0, window.length, at);
      if (bytesRead === 0) return undefined;
      const newline = window.subarray(0, bytesRead).indexOf(10);
      if (newline >= 0) return at + newline + 1;
    }
  } finally {
    await handle.close();
  }
}

export async function loadInTwoThreads(
  options: ExportLoadOptions,
  plan: ParallelPlan,
  sink: RecordSink,
  loadHere: (options: ExportLoadOptions, sink: RecordSink) => Promise<ExportLoadResult>,
): Promise<ExportLoadResult> {
  const columns = takesBuilderParts(sink);
  const inFlight = new SharedArrayBuffer(4);
  const waiting = new Int32Array(inFlight);
  const channel = new MessageChannel();
  const input: WorkerInput = {
    options: { path: plan.file, lenient: options.lenient, highWaterMark: options.highWaterMark ?? RANGE_READ_BYTES },
    start: plan.split,
    catalogEntries: options.catalog.all(),
    columns,
    inFlight,
    port: channel.port2,
  };
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: input,
    transferList: [channel.port2],
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  let failure: unknown;
  const add = (batch: RecordBatch): void => {
    decodeRecordBatch(batch, (record) => sink.add(record as PostureRecord));
    Atomics.sub(waiting, 0, 1);
    Atomics.notify(waiting, 0);
  };
  let startBatches = (): unknown => undefined;
  let part: BuilderPart | undefined;
  // With columns the worker posts its part and exits on its own: its heap is gone before this thread rebuilds the
  // part. The message waits serialized in the channel meanwhile (messages posted before an exit are delivered,
  // then the channel closes), so the worker's heap, this thread's builder and the part never coexist.
  let exitCode: number | undefined;
  let exited = (): void => undefined;
  const workerGone = new Promise<void>((resolve) => (exited = resolve));
  const finished = new Promise<ExportLoadResult | undefined>((resolve) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return; // after its result the worker is ended by us, not a failure
      settled = true;
      failure = error;
      resolve(undefined);
    };
    const gone = (): void => fail(new Error(`export load worker exited (code ${exitCode}) before finishing`));
    startBatches = () => {
      channel.port1.on('message', (message: WorkerMessage) => {
        if (settled) return;
        try {
          if (message.type === 'batch') add(message.batch);
          else if (message.type === 'done') {
            settled = true;
            part = message.part;
            if (!columns) void worker.terminate();
            resolve(message.result);
          } else fail(rebuildError(message.error));
        } catch (error) {
          fail(error);
        }
      });
      // Closed once the worker is gone and everything it posted has been read.
      if (columns) channel.port1.on('close', gone);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      exitCode = code;
      exited();
      if (!columns) gone();
    });
  });
  try {
    const hash = createHash('sha256');
    const own = await loadHere(
      {
        ...options,
        highWaterMark: options.highWaterMark ?? RANGE_READ_BYTES,
        range: { start: 0, end: plan.split, linesBefore: 0 },
        bytesTo: (bytes) => hash.update(bytes),
      },
      sink,
    );
    if (!columns) startBatches();
    // The rest of the bytes, hashed while the worker's batches keep arriving.
    await hashFrom(plan.file, plan.split, hash, options.path);
    if (columns) {
      await Promise.race([workerGone, finished]);
      startBatches();
    }
    const theirs = await finished;
    if (failure !== undefined || theirs === undefined) throw failure;
    if (part !== undefined && takesBuilderParts(sink)) sink.addBuilderPart(part);
    part = undefined;
    const result = mergeResults(own, theirs, hash.digest('hex'));
    if (result.rows === 0 && result.skipped === 0) {
      throw new AppError('EXPORT_INVALID', `${basename(plan.file)}: the file is empty`, { details: { path: options.path } });
    }
    return result;
  } finally {
    channel.port1.close();
    await worker.terminate();
  }
}

async function hashFrom(file: string, start: number, hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  try {
    for await (const bytes of readFileBytes(file, { bytes: RANGE_READ_BYTES, start })) hash.update(bytes);
  } catch (error) {
    const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('EXPORT_INVALID', `${basename(file)}: cannot read: ${problem}`, { cause: error, details: { path } });
  }
}
