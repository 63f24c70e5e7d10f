// The kept copy under DATA_DIR (lastGood.ts) loaded as records: the base file through the export loader (two threads
// for a big file), filtered by the journaled refreshes (changeSegments.ts), whose own standing rows then follow. An
// incremental refresh lays its new segment over it the same way; a start while Azure is unreachable uses it as is.
import type { Logger } from '../../../logging/logger';
import { createCatalog } from '../../catalog/catalog';
import { createRowIntake, emptyCounts } from '../../load/rowIntake';
import type { RecordSink } from '../../model';
import { createExportFileSource, type PostureSource } from '../../source';
import { overlayOf, rowOfRecord, type ChangeSegment, type DropReason } from './changeSegments';
import type { KeptCopy } from './lastGood';

export interface KeptBaseOptions {
  path: string;
  lenient?: boolean;
  logger?: Logger;
}

/** Base records the segments leave, into `sink`; returns the base's rows and records less the dropped, and the segments' standing rows. */
export async function loadKeptBase(
  options: KeptBaseOptions,
  segments: readonly ChangeSegment[],
  sink: RecordSink,
  onDrop?: (row: unknown, reason: DropReason) => void,
): Promise<{ rows: number; records: number; standing: unknown[] }> {
  const overlay = overlayOf(segments, onDrop);
  let dropped = 0;
  const report = await createExportFileSource({ path: options.path, ...(options.lenient ? { lenient: true } : {}), ...(options.logger ? { logger: options.logger } : {}) }).load({
    add(record) {
      if (overlay.keeps(rowOfRecord(record))) sink.add(record);
      else dropped++;
    },
  });
  return { rows: report.rows - dropped, records: report.records - dropped, standing: overlay.standing() };
}

export interface KeptSourceOptions {
  label: string;
  kept: KeptCopy;
  segments: readonly ChangeSegment[];
  lenient: boolean;
  logger?: Logger;
}

export function createKeptSource(options: KeptSourceOptions): PostureSource {
  return {
    describe: () => options.label,
    async load(sink) {
      const counts = emptyCounts();
      const base = await loadKeptBase({ path: options.kept.path, lenient: options.lenient, ...(options.logger ? { logger: options.logger } : {}) }, options.segments, sink);
      const intake = createRowIntake({ catalog: createCatalog(), lenient: options.lenient, details: { source: options.label } }, sink, counts);
      base.standing.forEach((row, index) => intake.row(`journaled row ${index + 1}`, row));
      return { source: options.label, files: [options.kept.path], ...counts, rows: counts.rows + base.rows, records: counts.records + base.records, hash: options.kept.info.hash ?? '', generatedAt: options.kept.info.readAt };
    },
  };
}
