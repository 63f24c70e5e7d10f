// Putting the two halves of a parallel load back together: results in file order, and errors rebuilt as thrown.
import { AppError, type ErrorCode } from '../../errors/appError';
import type { ExportLoadResult } from './exportFileLoader';
import { ExportFileError } from './exportFiles';
import { RowError } from './fieldParsers';

const MAX_REASONS = 5;

/** An error as it crosses the thread boundary. */
export interface SentError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: Record<string, unknown>;
  cause?: { name: string; message: string; field?: string; problem?: string; file?: string };
}

export function describeError(error: unknown): SentError {
  const base = error instanceof Error ? error : new Error(String(error));
  const sent: SentError = { name: base.name, message: base.message };
  if (error instanceof AppError) {
    sent.code = error.code;
    if (error.details) sent.details = error.details;
  }
  const cause = base.cause;
  if (cause instanceof RowError) sent.cause = { name: cause.name, message: cause.message, field: cause.field, problem: cause.problem };
  else if (cause instanceof ExportFileError) sent.cause = { name: cause.name, message: cause.message, file: cause.file };
  else if (cause instanceof Error) sent.cause = { name: cause.name, message: cause.message };
  return sent;
}

/** The error the one-thread load would have thrown: same class, code, message and details. */
export function rebuildError(sent: SentError): Error {
  const cause = sent.cause && rebuildCause(sent.cause);
  if (sent.code) return new AppError(sent.code, sent.message, { cause, details: sent.details });
  const error = new Error(sent.message, cause === undefined ? undefined : { cause });
  error.name = sent.name;
  return error;
}

const STANDARD_ERRORS: Record<string, new (message: string) => Error> = { SyntaxError, TypeError, RangeError, Error };

function rebuildCause(cause: NonNullable<SentError['cause']>): Error {
  if (cause.name === 'RowError' && cause.field !== undefined && cause.problem !== undefined) return new RowError(cause.field, cause.problem);
  if (cause.name === 'ExportFileError' && cause.file !== undefined) return new ExportFileError(cause.file, cause.message);
  const Standard = STANDARD_ERRORS[cause.name];
  if (Standard) return new Standard(cause.message);
  const error = new Error(cause.message);
  error.name = cause.name;
  return error;
}

/** One file's result from its first part and its second, as one pass over the file would have counted it. */
export function mergeResults(first: ExportLoadResult, second: ExportLoadResult, hash: string): ExportLoadResult {
  const ignoredTypes: Record<string, number> = { ...first.ignoredTypes };
  for (const [type, count] of Object.entries(second.ignoredTypes)) ignoredTypes[type] = (ignoredTypes[type] ?? 0) + count;
  const result: ExportLoadResult = {
    files: first.files,
    rows: first.rows + second.rows,
    records: first.records + second.records,
    skipped: first.skipped + second.skipped,
    skippedReasons: [...first.skippedReasons, ...second.skippedReasons].slice(0, MAX_REASONS),
    ignoredTypes,
    hash,
  };
  const dates = [first.generatedAt, second.generatedAt].filter((ms): ms is number => ms !== undefined);
  if (dates.length > 0) result.generatedAt = Math.max(...dates);
  return result;
}
