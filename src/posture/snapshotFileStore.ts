// The posture snapshot port on a local folder (DATA_DIR, or a share several processes mount): the body goes to its
// own file first, then snapshot.json (meta, etag, body file) is replaced by a rename, so a reader sees one whole copy.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readableMeta, type PostureSnapshotStore, type PublishedSnapshot, type SnapshotMeta } from './snapshotStore';

const INDEX = 'snapshot.json';

interface IndexFile {
  meta: SnapshotMeta;
  etag: string;
  file: string;
}

export function createFileSnapshotStore(dir: string): PostureSnapshotStore {
  const readIndex = async (): Promise<(PublishedSnapshot & { file: string }) | undefined> => {
    let parsed: Partial<IndexFile>;
    try {
      parsed = JSON.parse(await readFile(join(dir, INDEX), 'utf8')) as Partial<IndexFile>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
      throw error;
    }
    const meta = readableMeta(parsed.meta);
    if (!meta || typeof parsed.etag !== 'string' || typeof parsed.file !== 'string' || !/^snapshot-[0-9a-f-]{36}\.jsonl\.gz$/.test(parsed.file)) return undefined;
    return { meta, etag: parsed.etag, file: parsed.file };
  };

  return {
    async head() {
      const found = await readIndex();
      return found ? { meta: found.meta, etag: found.etag } : undefined;
    },

    async publish(meta, body) {
      await mkdir(dir, { recursive: true });
      const etag = randomUUID();
      const file = `snapshot-${etag}.jsonl.gz`;
      const temp = join(dir, `.${file}.tmp`);
      try {
        await pipeline(body(), createWriteStream(temp));
        await rename(temp, join(dir, file));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      const previous = await readIndex();
      const indexTemp = join(dir, `.${INDEX}.${etag}.tmp`);
      await writeFile(indexTemp, JSON.stringify({ meta, etag, file } satisfies IndexFile));
      await rename(indexTemp, join(dir, INDEX));
      // A reader that opened the old body keeps its open file; new readers follow the index.
      if (previous && previous.file !== file) await rm(join(dir, previous.file), { force: true });
      return { meta, etag };
    },

    async open() {
      // The body named by the index can be removed by a publish between the two reads: read the index again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const found = await readIndex();
        if (!found) return undefined;
        try {
          const handle = await open(join(dir, found.file), 'r');
          const body: Readable = handle.createReadStream();
          return { meta: found.meta, etag: found.etag, body };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      return undefined;
    },
  };
}
