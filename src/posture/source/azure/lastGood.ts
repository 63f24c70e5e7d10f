// The last rows read from Azure, kept under DATA_DIR so a bot that starts while Azure is unreachable still answers, on
// data it says the age of. The kept copy is two files:
// - the base: the rows of the last full read (or of the last compaction), gzip JSON Lines (an export the file source
//   reads), written while they are read to a temporary file that replaces the kept one only after a whole read;
// - the journal: one JSON line per incremental refresh since (a change segment, changeSegments.ts), appended.
// The info file is the commit point: it names the journal length that counts, so a line torn by a crash mid-append
// (or a refresh that failed after appending) is ignored, and cut off before the next append.
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { ChangeSegment } from './changeSegments';

export interface LastGoodInfo {
  /** The source label the rows were read for: data of another scope is never used. */
  source: string;
  /** Epoch ms the read started (of the last refresh, when the journal has segments). */
  readAt: number;
  rows: number;
  /** Epoch ms of the last full read these rows come from (an incremental refresh keeps it). */
  fullAt?: number;
  /** Epoch ms governance assignments were last read in full. */
  governanceAt?: number;
  /** The load hash of these rows (a refresh's hash chains from the one before). */
  hash?: string;
  /** Journal bytes that count (committed segments); 0 or absent: none. */
  journalBytes?: number;
  /** Rows in the committed segments: the journal is folded into a new base when it grows past a fraction of it. */
  journalRows?: number;
  /** Of those, the rows still standing (a later segment has not replaced them): set by the caller of append. */
  journalStanding?: number;
  /** Rows in the base file. */
  baseRows?: number;
}

export interface LastGoodWrite {
  /** One row; `json` is its JSON text when the caller has it already. */
  row(row: unknown, json?: string): void;
  /** Makes this read the kept base (and empties the journal). */
  commit(info: LastGoodInfo): Promise<void>;
  discard(): Promise<void>;
}

export interface KeptCopy {
  path: string;
  info: LastGoodInfo;
}

export interface LastGoodStore {
  begin(readAt: number): LastGoodWrite;
  /** The kept read for this source, if any. */
  find(source: string): KeptCopy | undefined;
  /** The committed segments of the journal, oldest first. */
  segments(kept: KeptCopy): ChangeSegment[];
  /** Appends one segment after the committed ones and commits it with `info` (its journal figures are set here). */
  append(kept: KeptCopy, segment: ChangeSegment, info: LastGoodInfo): void;
}

const ROWS = 'last-good.jsonl.gz';
const INFO = 'last-good.json';
const JOURNAL = 'last-good.journal.jsonl';

export function createLastGoodStore(dir: string): LastGoodStore {
  const journalPath = join(dir, JOURNAL);
  const writeInfo = (info: LastGoodInfo): void => {
    const temp = join(dir, `${INFO}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(info));
    renameSync(temp, join(dir, INFO));
  };
  return {
    begin(readAt) {
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `${ROWS}.${process.pid}.tmp`);
      const file = createWriteStream(temp);
      // Level 1: the fastest level costs a fraction of the default's CPU for a somewhat larger file.
      const gzip = createGzip({ level: 1 });
      gzip.pipe(file);
      gzip.write(`${JSON.stringify({ generatedAt: new Date(readAt).toISOString() })}\n`);
      const finished = new Promise<void>((resolve, reject) => {
        file.once('close', resolve);
        file.once('error', reject);
        gzip.once('error', reject);
      });
      let rows = 0;
      return {
        row: (row, json) => {
          rows++;
          gzip.write(`${json ?? JSON.stringify(row)}\n`);
        },
        async commit(info) {
          gzip.end();
          await finished;
          renameSync(temp, join(dir, ROWS));
          // The info names no journal: a journal left from before is ignored, and removed.
          writeInfo({ ...info, baseRows: rows, journalBytes: 0, journalRows: 0, journalStanding: 0 });
          rmSync(journalPath, { force: true });
        },
        async discard() {
          gzip.end();
          await finished.catch(() => undefined);
          rmSync(temp, { force: true });
        },
      };
    },
    find(source) {
      const path = join(dir, ROWS);
      if (!existsSync(path) || !existsSync(join(dir, INFO))) return undefined;
      try {
        const info = JSON.parse(readFileSync(join(dir, INFO), 'utf8')) as LastGoodInfo;
        return info.source === source && typeof info.readAt === 'number' ? { path, info } : undefined;
      } catch {
        return undefined;
      }
    },
    segments(kept) {
      const bytes = kept.info.journalBytes ?? 0;
      if (bytes === 0 || !existsSync(journalPath)) return [];
      const text = readFileSync(journalPath).subarray(0, bytes).toString('utf8');
      const segments: ChangeSegment[] = [];
      for (const line of text.split('\n')) {
        if (line === '') continue;
        try {
          segments.push(JSON.parse(line) as ChangeSegment);
        } catch {
          // Only the committed length is read, so this is a damaged file: the segments before it stand.
          break;
        }
      }
      return segments;
    },
    append(kept, segment, info) {
      const committed = kept.info.journalBytes ?? 0;
      const line = Buffer.from(`${JSON.stringify(segment)}\n`, 'utf8');
      const fd = openSync(journalPath, existsSync(journalPath) ? 'r+' : 'w');
      try {
        // Cut off whatever follows the committed segments (a line torn by a crash), then add this one.
        if (statSync(journalPath).size !== committed) ftruncateSync(fd, committed);
        writeSync(fd, line, 0, line.length, committed);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      writeInfo({ ...info, baseRows: kept.info.baseRows ?? kept.info.rows, journalBytes: committed + line.length, journalRows: (kept.info.journalRows ?? 0) + segment.rows.length });
    },
  };
}

/** The kept rows of the base file, in the order they were read (the header line left out). */
export async function* keptRows(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line.trim() !== '') yield JSON.parse(line) as unknown;
  }
}
