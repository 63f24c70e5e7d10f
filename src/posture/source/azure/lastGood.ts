// The last rows read from Azure in full, kept under DATA_DIR as gzip JSON Lines (an export the file source reads),
// so a bot that starts while Azure is unreachable still answers, on data it says the age of. Rows are written while
// they are read (nothing is held in memory) to a temporary file that replaces the kept one only after a whole read.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';

export interface LastGoodInfo {
  /** The source label the rows were read for: data of another scope is never used. */
  source: string;
  /** Epoch ms the read started. */
  readAt: number;
  rows: number;
  /** Epoch ms of the last full read these rows come from (an incremental refresh keeps it). */
  fullAt?: number;
}

export interface LastGoodWrite {
  /** One row; `json` is its JSON text when the caller has it already. */
  row(row: unknown, json?: string): void;
  /** Makes this read the kept one. */
  commit(info: LastGoodInfo): Promise<void>;
  discard(): Promise<void>;
}

export interface LastGoodStore {
  begin(readAt: number): LastGoodWrite;
  /** The kept read for this source, if any. */
  find(source: string): { path: string; info: LastGoodInfo } | undefined;
}

const ROWS = 'last-good.jsonl.gz';
const INFO = 'last-good.json';

export function createLastGoodStore(dir: string): LastGoodStore {
  return {
    begin(readAt) {
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `${ROWS}.${process.pid}.tmp`);
      const file = createWriteStream(temp);
      // Level 1: every refresh writes the whole copy again, and the fastest level costs a fraction of the default's CPU.
      const gzip = createGzip({ level: 1 });
      gzip.pipe(file);
      gzip.write(`${JSON.stringify({ generatedAt: new Date(readAt).toISOString() })}\n`);
      const finished = new Promise<void>((resolve, reject) => {
        file.once('close', resolve);
        file.once('error', reject);
        gzip.once('error', reject);
      });
      return {
        row: (row, json) => void gzip.write(`${json ?? JSON.stringify(row)}\n`),
        async commit(info) {
          gzip.end();
          await finished;
          renameSync(temp, join(dir, ROWS));
          writeFileSync(join(dir, INFO), JSON.stringify(info));
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
  };
}

/** The kept rows, in the order they were read (the header line left out). */
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
