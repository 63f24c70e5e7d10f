// Streams every row of an export (one file or a folder) through the normalizer into a RecordSink, and says
// exactly where a broken export is broken (file, line or row, field). Strict by default: the first bad row
// refuses the whole export; lenient mode skips bad rows and counts them.
import { createHash } from 'node:crypto';
import { basename, relative, sep } from 'node:path';
import { AppError } from '../../errors/appError';
import type { Logger } from '../../logging/logger';
import type { Catalog } from '../catalog/catalog';
import type { RecordSink } from '../model';
import { getField, isObject, orAnyCase } from './caseInsensitive';
import { ExportFileError, listExportFiles, readFileBytes, readTextChunks } from './exportFiles';
import { formatFromContent, formatFromName, type ExportFormat } from './formatSniffer';
import { DocumentSyntaxError, createJsonDocumentSplitter } from './jsonDocumentSplitter';
import { createJsonLinesSplitter } from './jsonLinesSplitter';
import { loadInTwoThreads, planParallelLoad, splitsLoad, type LoadThreads } from './parallelLoad';
import { createRowIntake } from './rowIntake';
import { takesBuilderParts } from '../store/builderPart';

export interface ExportLoadOptions {
  path: string;
  catalog: Catalog;
  lenient?: boolean;
  logger?: Logger;
  /** Bytes per read (tests force tiny chunks). */
  highWaterMark?: number;
  /**
   * A single JSON Lines file at least this big may load on two threads (parallelLoad.ts, see `threads`); smaller
   * exports load in this thread, where there is no worker startup to pay.
   */
  workerMinBytes?: number;
  /**
   * 1: always this thread. 2: a worker for a big enough file. 'auto' (default): a worker only while the machine has an
   * idle core (parallelLoad.ts splitsLoad); otherwise it costs 1.07-1.4x the CPU and no wall time is gained.
   */
  threads?: LoadThreads;
  /** Where the bytes read go instead of being hashed here (the caller hashes them); hash is then ''. */
  bytesTo?: (bytes: Buffer) => void;
  /**
   * Only part of a single plain JSON Lines file, cut at a line end (the two halves of a parallel load). The caller
   * judges emptiness from both halves together.
   */
  range?: ExportRange;
}

export interface ExportRange {
  start: number;
  /** Exclusive; the end of the file when absent. */
  end?: number;
  /**
   * Lines before `start`, so line numbers are the file's own. A function is asked only when a message needs a line
   * number (a refused or skipped row), so a worker never reads the bytes before its part just to count them.
   */
  linesBefore: number | (() => number);
}

export interface ExportLoadResult {
  files: string[];
  rows: number;
  records: number;
  skipped: number;
  skippedReasons: string[];
  ignoredTypes: Record<string, number>;
  /** sha256 of the bytes read, stable across loads of the same data. */
  hash: string;
  /** Epoch ms of the export's `generatedAt`, when it says. */
  generatedAt?: number;
  /** How many threads loaded it (set by loadExportFiles). */
  threads?: 1 | 2;
}

/** Below this a worker's startup and record hand-over cost more than the second core saves. */
const DEFAULT_WORKER_MIN_BYTES = 64 * 2 ** 20;

const UNPARSED = Symbol('unparsed row');

export async function loadExportFiles(options: ExportLoadOptions, sink: RecordSink): Promise<ExportLoadResult> {
  const plan = splitsLoad(options.threads ?? 'auto')
    ? await planParallelLoad(options.path, options.workerMinBytes ?? DEFAULT_WORKER_MIN_BYTES, takesBuilderParts(sink))
    : undefined;
  const result = plan ? await loadInTwoThreads(options, plan, sink, loadExportFilesInThread) : await loadExportFilesInThread(options, sink);
  result.threads = plan ? 2 : 1;
  options.logger?.info(
    { path: options.path, files: result.files.length, rows: result.rows, records: result.records, skipped: result.skipped, ignoredTypes: result.ignoredTypes, threads: result.threads },
    'posture export loaded',
  );
  if (result.skipped > 0) options.logger?.warn({ skipped: result.skipped, reasons: result.skippedReasons }, 'posture export rows skipped (lenient mode)');
  return result;
}

/** The whole load in the calling thread (the worker runs this too). */
export async function loadExportFilesInThread(options: ExportLoadOptions, sink: RecordSink): Promise<ExportLoadResult> {
  const { files, root } = await listExportFiles(options.path).catch(rethrow);
  const single = files.length === 1 && files[0] === root;
  const label = (file: string): string => (single ? basename(file) : relative(root, file).split(sep).join('/'));
  const bytesTo = options.bytesTo;
  const hash = bytesTo ? undefined : createHash('sha256');
  const hashInput = hash ?? { update: (bytes: Buffer) => bytesTo?.(bytes) };
  const result: ExportLoadResult = { files, rows: 0, records: 0, skipped: 0, skippedReasons: [], ignoredTypes: {}, hash: '' };

  const refuse = (message: string, cause?: unknown): never => {
    throw new AppError('EXPORT_INVALID', message, { cause, details: { path: options.path } });
  };
  // The intake counts into `result` itself: one set of counts for the whole load.
  const intake = createRowIntake({ catalog: options.catalog, lenient: options.lenient, details: { path: options.path } }, sink, result);
  const rowFailed = intake.failed;
  const noteGeneratedAt = (where: string, value: unknown): void => {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms)) return rowFailed(where, `generatedAt: ${JSON.stringify(value)} is not a date`);
    if (result.generatedAt === undefined || ms > result.generatedAt) result.generatedAt = ms;
  };
  const handleRow = intake.row;
  /** The parsed value, or UNPARSED after counting the row and reporting it. */
  const parseRowText = (where: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      intake.unparsed(where, `invalid JSON (${(error as Error).message})`, error);
      return UNPARSED;
    }
  };
  const handleText = (where: string, text: string): void => {
    const row = parseRowText(where, text);
    if (row !== UNPARSED) handleRow(where, row);
  };

  for (const file of files) {
    const name = label(file);
    const range = options.range;
    let format: ExportFormat | undefined = range ? 'lines' : formatFromName(file);
    let head = '';
    const rowsBefore = result.rows;
    const skippedBefore = result.skipped;
    // The line's place is written out only for a message: building it for every row cost a string and a number
    // formatting per row.
    let lineNumberNow = 0;
    const before = range?.linesBefore ?? 0;
    const lineWhere = (): string => `${name} line ${(typeof before === 'number' ? before : before()) + lineNumberNow}`;
    const lines = createJsonLinesSplitter({
      line(text, lineNumber) {
        lineNumberNow = lineNumber;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          return intake.unparsed(lineWhere(), `invalid JSON (${(error as Error).message})`, error);
        }
        // A header line such as {"generatedAt": "..."} describes the export; it is not a row. (Rows have a type or an
        // id, asked first: a member that is absent is looked for in every spelling.)
        // (`value.type` read by name: a fast load where getField's generic one served every member of every row.)
        if (isObject(value) && orAnyCase(value.type, value, 'type') === undefined && getField(value, 'id') === undefined && getField(value, 'generatedAt') !== undefined) {
          return noteGeneratedAt(lineWhere(), getField(value, 'generatedAt'));
        }
        handleRow(lineWhere, value);
      },
    }, 0, (range?.start ?? 0) === 0);
    const document = createJsonDocumentSplitter({
      row: (text, where, byte) => handleText(`${name} ${where || 'row'} (byte ${byte})`, text),
      meta: (key, value) => {
        if (key.toLowerCase() === 'generatedat') noteGeneratedAt(`${name} ${key}`, value);
      },
      single: (value) => handleRow(name, value),
    });
    const feed = (text: string): void => {
      try {
        if (format === 'lines') lines.push(text);
        else document.push(text);
      } catch (error) {
        if (error instanceof DocumentSyntaxError) refuse(`${name} at byte ${error.byteOffset}: ${error.message}`, error);
        throw error;
      }
    };
    try {
      for await (const pieces of readTextChunks(file, { hash: hashInput, highWaterMark: options.highWaterMark, start: range?.start, end: range?.end })) {
        for (const text of pieces) {
          if (format === undefined) {
            head += text;
            format = formatFromContent(head, false);
            if (format === undefined) continue;
            feed(head);
            head = '';
          } else feed(text);
        }
      }
      if (format === undefined) {
        format = formatFromContent(head, true) ?? 'document';
        feed(head);
      }
      if (format === 'lines') {
        lines.end();
        if (!range && result.rows === rowsBefore && result.skipped === skippedBefore) refuse(`${name}: the file is empty`);
      } else document.end();
    } catch (error) {
      if (error instanceof DocumentSyntaxError) refuse(`${name} at byte ${error.byteOffset}: ${error.message}`, error);
      if (error instanceof ExportFileError) refuse(`${name}: ${error.message}`, error);
      throw error;
    }
  }
  result.hash = hash ? hash.digest('hex') : '';
  return result;
}

/** The sha256 a load would report, from the bytes alone (no parsing): lets overlays be looked up before loading. */
export async function fingerprintExportFiles(path: string): Promise<string> {
  const { files } = await listExportFiles(path).catch(rethrow);
  const hash = createHash('sha256');
  for (const file of files) {
    try {
      for await (const bytes of readFileBytes(file, { bytes: 1 << 20 })) hash.update(bytes);
    } catch (error) {
      throw new AppError('EXPORT_INVALID', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
  }
  return hash.digest('hex');
}

function rethrow(error: unknown): never {
  if (error instanceof ExportFileError) throw new AppError('EXPORT_INVALID', error.message, { cause: error });
  throw error;
}
