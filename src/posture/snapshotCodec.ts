// A posture snapshot's body: the normalised records as gzip JSON Lines. Capturing tees every record the loader adds
// into a temporary file while the builder takes it (nothing extra is held in memory); adopting streams the lines
// back into a fresh builder, so a replica skips the source's reading and normalising.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { PostureRecord, RecordSink } from './model';
import type { PostureStoreBuilder } from './store';

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

export function captureRecords(inner: PostureStoreBuilder, path: string): SnapshotCapture {
  const gzip = createGzip({ level: 6 });
  const file = createWriteStream(path);
  gzip.pipe(file);
  const written = new Promise<void>((resolve, reject) => {
    file.once('close', resolve);
    file.once('error', reject);
    gzip.once('error', reject);
  });
  let records = 0;
  let dateShiftMs = 0;
  let ended = false;
  const end = async () => {
    if (!ended) {
      ended = true;
      gzip.end();
    }
    await written;
  };
  return {
    builder: {
      add(record: PostureRecord) {
        inner.add(record);
        records++;
        gzip.write(`${JSON.stringify(record)}\n`);
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
