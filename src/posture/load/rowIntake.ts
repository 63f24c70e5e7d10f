// One raw row at a time into a RecordSink, the same way for every source (export files, Azure Resource Graph pages):
// normalize, count, and either refuse the whole load on a bad row (strict) or skip it and keep the first reasons
// (lenient). Sources differ only in where rows come from and how they say where a row was.
import { AppError } from '../../errors/appError';
import type { Catalog } from '../catalog/catalog';
import type { RecordSink } from '../model';
import { RowError } from './fieldParsers';
import { createRowNormalizer } from './normalizeRow';

const MAX_REASONS = 5;

export interface RowCounts {
  rows: number;
  records: number;
  skipped: number;
  skippedReasons: string[];
  ignoredTypes: Record<string, number>;
}

/** Where a row is, for messages; a function is called only when the row is refused (most rows never need it). */
export type RowPlace = string | (() => string);

export interface RowIntake {
  /** Normalizes one row into the sink; a bad row throws EXPORT_INVALID (strict) or is counted (lenient). */
  row(where: RowPlace, row: unknown): void;
  /** A row that could not even be parsed: counted as a row, then refused or skipped like any bad row. */
  unparsed(where: string, problem: string, cause?: unknown): void;
  /** A problem with a row that was already counted. */
  failed(where: string, problem: string, cause?: unknown): void;
  readonly counts: RowCounts;
}

export interface RowIntakeOptions {
  catalog: Catalog;
  lenient?: boolean;
  /** Logged with a refusal (never shown to users). */
  details?: Record<string, unknown>;
}

/**
 * A sink that takes assessment records with their absent members present as undefined (one object shape for every
 * row, see denseAssessment): it reads each member and keeps no record whole, so it cannot tell them apart.
 */
export interface DenseRecordSink extends RecordSink {
  readonly takesDenseRecords: true;
}

export const takesDenseRecords = (sink: RecordSink): sink is DenseRecordSink => (sink as Partial<DenseRecordSink>).takesDenseRecords === true;

export const emptyCounts = (): RowCounts => ({ rows: 0, records: 0, skipped: 0, skippedReasons: [], ignoredTypes: {} });

export function createRowIntake(options: RowIntakeOptions, sink: RecordSink, counts: RowCounts = emptyCounts()): RowIntake {
  const normalize = createRowNormalizer({ catalog: options.catalog, dense: takesDenseRecords(sink) });
  const failed = (where: string, problem: string, cause?: unknown): void => {
    const message = `${where}: ${problem}`;
    if (!options.lenient) throw new AppError('EXPORT_INVALID', message, { cause, ...(options.details ? { details: options.details } : {}) });
    counts.skipped++;
    if (counts.skippedReasons.length < MAX_REASONS) counts.skippedReasons.push(message);
  };
  return {
    counts,
    failed,
    unparsed(where, problem, cause) {
      counts.rows++;
      failed(where, problem, cause);
    },
    row(where, row) {
      counts.rows++;
      try {
        const normalized = normalize(row);
        if (normalized.kind === 'ignored') {
          counts.ignoredTypes[normalized.type] = (counts.ignoredTypes[normalized.type] ?? 0) + 1;
          return;
        }
        sink.add(normalized.record);
        counts.records++;
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        failed(typeof where === 'string' ? where : where(), error.message, error);
      }
    },
  };
}
