// Which files an export path names, and their bytes as decoded text chunks: gzip is recognised by its magic
// bytes (1f 8b), not by the file name, and the sha256 covers the bytes exactly as stored.
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** Extensions a folder export may hold (optionally followed by .gz); anything else in the folder is ignored. */
const EXPORT_FILE = /\.(json|jsonl|ndjson)(\.gz)?$|\.gz$/i;

export class ExportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExportFileError';
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // editor and OS droppings (.DS_Store, .~lock) are not exports
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && EXPORT_FILE.test(entry.name)) out.push(full);
  }
}

/**
 * The files to load: the path itself, or every export file under a folder, recursively, sorted by their path
 * relative to the folder (plain code-unit order, so the order is the same on every machine).
 */
export async function listExportFiles(path: string): Promise<{ root: string; files: string[] }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new ExportFileError(path, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  if (!info.isDirectory()) return { root: path, files: [path] };
  const files: string[] = [];
  try {
    await walk(path, files);
  } catch (error) {
    throw new ExportFileError(path, `cannot list ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  const keyed = files.map((file) => ({ file, key: relative(path, file).split(sep).join('/') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (keyed.length === 0) throw new ExportFileError(path, `no export files (*.json, *.jsonl, *.ndjson, optionally .gz) under ${path}`);
  return { root: path, files: keyed.map((entry) => entry.file) };
}

export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * 64 KiB reads: measured 3x faster end to end than 1 MiB reads for big JSON documents (200k rows: ~3 s vs ~10 s),
 * the row slices and scans stay in cache.
 */
const DEFAULT_READ_BYTES = 1 << 16;

/**
 * Plain files are read 1 MiB at a time into one reused buffer (readFileBytes); the text is still cut into pieces of
 * at most 64 KiB (MAX_PIECE_BYTES), so rows are sliced from small young strings as with 64 KiB reads. Each read is a
 * trip through the thread pool and the event loop: at 64 KiB a 100k-row export (180 MB) took 2,750 of them. One-thread
 * load of that export, 3 alternated pairs (load 9.4-9.7): 3,599 -> 3,366 ms CPU (median), system time 558 -> 444 ms.
 */
const PLAIN_READ_BYTES = 1 << 20;

export interface ReadOptions {
  /** Bytes per read; tests shrink it to force rows across chunk boundaries. */
  highWaterMark?: number;
  /**
   * Sees every byte as stored, in order (the export's sha256, or a worker handing the bytes on to be hashed). The
   * buffer is read into again afterwards: use it during the call (hash.update copies), never keep it.
   */
  hash: { update(bytes: Buffer): unknown };
  /** Only bytes [start, end) of a plain (not gzip) file. */
  start?: number;
  end?: number;
}

/**
 * Decoded text of one file, chunk by chunk, each chunk as a few pieces in order; multi-byte characters split across
 * chunks are reassembled.
 */
export async function* readTextChunks(file: string, options: ReadOptions): AsyncGenerator<string[]> {
  let gzip: boolean;
  try {
    gzip = await isGzipFile(file);
  } catch (error) {
    throw new ExportFileError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  const ranged = options.start !== undefined || options.end !== undefined;
  if (gzip && ranged) throw new ExportFileError(file, 'a byte range of gzip data cannot be read');
  const decoder = new StringDecoder('utf8');
  const pieces = createPieceDecoder(decoder);
  if (!gzip) {
    try {
      for await (const bytes of readFileBytes(file, { bytes: options.highWaterMark ?? PLAIN_READ_BYTES, start: options.start, end: options.end })) {
        options.hash.update(bytes);
        const text = pieces(bytes); // copies: the buffer is read into again once this chunk is used
        if (text.length > 0) yield text;
      }
    } catch (error) {
      throw new ExportFileError(file, `cannot read: ${(error as NodeJS.ErrnoException).code || (error as Error).message}`, { cause: error });
    }
  } else {
    const raw = createReadStream(file, { highWaterMark: options.highWaterMark ?? DEFAULT_READ_BYTES });
    raw.on('data', (bytes) => options.hash.update(bytes as Buffer));
    const source = raw.pipe(createGunzip({ chunkSize: Math.max(64, options.highWaterMark ?? DEFAULT_READ_BYTES) }));
    raw.on('error', (error) => source.destroy(error));
    try {
      for await (const bytes of source) {
        const text = pieces(bytes as Buffer);
        if (text.length > 0) yield text;
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code.startsWith('Z_')) throw new ExportFileError(file, `not valid gzip data (${(error as Error).message})`, { cause: error });
      throw new ExportFileError(file, `cannot read: ${code || (error as Error).message}`, { cause: error });
    } finally {
      raw.destroy();
    }
  }
  const rest = decoder.end();
  if (rest.length > 0) yield [rest];
}

/**
 * Bytes [start, end) of a file (to its end without `end`), read into one buffer again and again: each chunk is valid
 * only until the loop asks for the next. A stream allocates a new buffer per read; at 1 MiB a read those are fresh
 * pages each (a page fault per 4 KiB) until a GC frees them. Hashing the 83 MB after a 100k export's cut: 454 -> 95 ms CPU.
 */
export async function* readFileBytes(file: string, options: { bytes: number; start?: number; end?: number }): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(options.bytes);
    const end = options.end ?? Number.POSITIVE_INFINITY;
    for (let at = options.start ?? 0; at < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - at), at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

const MIN_BLOCK_BYTES = 1024;

/**
 * Longest piece of text made at once. A 1 MiB read decoded whole is a string past V8's regular object size: it is
 * allocated outside the young generation (and past ~1 MB as an external string), lives until a full collection, and
 * every row is cut from it. Pieces of 64 KiB are ordinary young strings that die in a scavenge. Measured at 100k rows,
 * two threads (1 MiB reads): 0.5-1.1 s less load CPU (of about 6 s) in 4 alternating rounds.
 */
const MAX_PIECE_BYTES = 1 << 16;

/** Latin-1 (here: ASCII) text of bytes [from, to), in pieces of at most MAX_PIECE_BYTES. */
function pushLatin1(out: string[], chunk: Buffer, from: number, to: number): void {
  for (let at = from; at < to; at += MAX_PIECE_BYTES) out.push(chunk.toString('latin1', at, Math.min(to, at + MAX_PIECE_BYTES)));
}

/**
 * Bytes to text a block of lines at a time: runs of ASCII lines are copied byte for byte (one-byte strings), and
 * only blocks with other characters go through the UTF-8 decoder. One accented name would otherwise make the whole
 * chunk, and every row sliced from it, a two-byte string: slower to decode and to JSON.parse.
 */
function createPieceDecoder(decoder: StringDecoder): (chunk: Buffer) => string[] {
  // The decoder holds a partial character only after a non-ASCII byte; until the next ASCII byte it decodes all.
  let endedAscii = true;
  return (chunk) => {
    const out: string[] = [];
    let run = 0;
    let at = 0;
    // The usual case first: the whole chunk in one copy.
    if (endedAscii && isAscii(chunk)) at = chunk.length;
    while (at < chunk.length) {
      // Blocks of whole lines, at least ~1 KiB: a JSON Lines row each, or a few dozen lines of an indented document.
      const newline = chunk.indexOf(10, at + MIN_BLOCK_BYTES - 1);
      const end = newline < 0 ? chunk.length : newline + 1;
      if (!endedAscii || !isAscii(chunk.subarray(at, end))) {
        if (at > run) pushLatin1(out, chunk, run, at);
        const text = decoder.write(chunk.subarray(at, end));
        if (text.length > 0) out.push(text);
        run = end;
      }
      endedAscii = (chunk[end - 1] as number) < 0x80;
      at = end;
    }
    if (chunk.length > run) pushLatin1(out, chunk, run, chunk.length);
    return out;
  };
}
