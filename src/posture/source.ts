// The posture source port: where posture rows come from (an export on disk today, Azure Resource Graph later).
// A source streams normalized records into a sink and reports what it read.
import type { Logger } from '../logging/logger';
import { createCatalog, type Catalog } from './catalog/catalog';
import { fingerprintExportFiles, loadExportFiles, type ExportLoadResult } from './load/exportFileLoader';
import type { LoadThreads } from './load/parallelLoad';
import type { RecordSink } from './model';

/** What a load read: the export loader's counts, plus which source it was. */
export interface LoadReport extends ExportLoadResult {
  source: string;
}

export interface PostureSource {
  describe(): string;
  /**
   * The hash a load would report, without loading. Optional: a source that cannot know it in advance omits it,
   * and overlays (keyed by that hash) are then not applied.
   */
  fingerprint?(): Promise<string>;
  /** Throws AppError('EXPORT_INVALID') for a broken export; the sink must then be discarded. */
  load(sink: RecordSink): Promise<LoadReport>;
}

export interface ExportFileSourceOptions {
  /** A file or a folder (read recursively, files sorted by relative path). */
  path: string;
  /** Skip bad rows instead of refusing the export (config POSTURE_LENIENT). */
  lenient?: boolean;
  logger?: Logger;
  /** Defaults to the committed built-in catalog. */
  catalog?: Catalog;
  /** Bytes per read; only tests change it. */
  highWaterMark?: number;
  /** Threads a big JSON Lines file loads in (config POSTURE_LOAD_THREADS); 'auto' when absent. */
  threads?: LoadThreads;
}

export function createExportFileSource(options: ExportFileSourceOptions): PostureSource {
  let catalog = options.catalog;
  const describe = (): string => `export ${options.path}${options.lenient ? ' (lenient)' : ''}`;
  return {
    describe,
    fingerprint: () => fingerprintExportFiles(options.path),
    async load(sink) {
      catalog ??= createCatalog();
      const result = await loadExportFiles(
        { path: options.path, catalog, lenient: options.lenient, logger: options.logger, highWaterMark: options.highWaterMark, ...(options.threads ? { threads: options.threads } : {}) },
        sink,
      );
      return { source: describe(), ...result };
    },
  };
}
