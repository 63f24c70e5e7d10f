// A posture snapshot's body: the normalised records as gzip JSON Lines. Capturing tees every record the loader adds
// into a temporary file while the builder takes it (a bounded batch of text is held in memory); adopting streams the lines
// back into a fresh builder, so a replica skips the source's reading and normalising.
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gzip, gzipSync } from 'node:zlib';
import type { PostureRecord, RecordSink } from './model';
import type { PostureStoreBuilder } from './store';

const gzipAsync = promisify(gzip);
const GZIP_LEVEL = 6;

export interface CapturedRecords {
  path: string;
  records: number;
  dateShiftMs: number;
}

export interface SnapshotCapture {
  /** Hand this to the loader instead of the inner builder. */
  builder: PostureStoreBuilder;
  /** After a whole load: the file is complete. */
  close(): Promise<CapturedRecords>;
  /** After a failed load: the file is removed. */
  discard(): Promise<void>;
  /** The file's contents, for publishing. */
  body(): Readable;
}

/** Lines are compressed in batches of about this many characters, each batch one gzip member. */
const BATCH_CHARS = 1 << 20;
/** At most this many characters wait for the thread pool's gzip; past it a batch is compressed on the spot. */
const MAX_IN_FLIGHT_CHARS = 8 * BATCH_CHARS;

export function captureRecords(inner: PostureStoreBuilder, path: string): SnapshotCapture {
  // The loader adds records synchronously, faster than gzip can take them: a gzip stream written without waiting
  // buffered the whole snapshot's text (about 1.9 GB at 1M rows). So lines are batched, each batch is compressed
  // in the thread pool while fewer than MAX_IN_FLIGHT_CHARS wait, else on the spot (which slows the loader down to
  // gzip's pace), and the members are appended in order. Concatenated gzip members are one valid gzip file.
  const opened = open(path, 'w');
  let tail: Promise<unknown> = opened;
  let failure: unknown;
  let batch: string[] = [];
  let batchChars = 0;
  let inFlight = 0;
  let records = 0;
  let dateShiftMs = 0;
  let ended = false;
  let members = 0;
  const append = (member: Promise<Buffer>) => {
    members++;
    tail = Promise.all([opened, member, tail]).then(([file, bytes]) => file.write(bytes)).catch((error: unknown) => {
      failure ??= error;
    });
  };
  const flush = () => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    batchChars = 0;
    if (inFlight + text.length > MAX_IN_FLIGHT_CHARS) {
      append(Promise.resolve(gzipSync(text, { level: GZIP_LEVEL })));
      return;
    }
    inFlight += text.length;
    append(
      gzipAsync(text, { level: GZIP_LEVEL }).finally(() => {
        inFlight -= text.length;
      }),
    );
  };
  const end = async () => {
    if (!ended) {
      ended = true;
      flush();
      // No record at all: still one (empty) member, so that the file is gzip.
      if (members === 0) append(Promise.resolve(gzipSync('', { level: GZIP_LEVEL })));
    }
    await tail;
    await (await opened).close().catch(() => undefined);
    if (failure) throw failure;
  };
  return {
    builder: {
      add(record: PostureRecord) {
        inner.add(record);
        records++;
        const line = `${JSON.stringify(record)}\n`;
        batch.push(line);
        batchChars += line.length;
        if (batchChars >= BATCH_CHARS) flush();
      },
      finish(options) {
        dateShiftMs = options?.dateShiftMs ?? 0;
        return inner.finish(options);
      },
    },
    async close() {
      await end();
      return { path, records, dateShiftMs };
    },
    async discard() {
      await end().catch(() => undefined);
      await rm(path, { force: true });
    },
    body: () => createReadStream(path),
  };
}

/** Streams a snapshot body's records into the sink; returns how many. */
export async function addSnapshotRecords(body: Readable, sink: RecordSink): Promise<number> {
  const gunzip = createGunzip();
  body.once('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: body.pipe(gunzip), crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (line === '') continue;
    sink.add(JSON.parse(line) as PostureRecord);
    count++;
  }
  return count;
}
