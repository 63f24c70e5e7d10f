// One error type for the whole bot: a code from the catalogue (./catalogue.ts), a message safe to show users, and the
// cause for the log.
import { ERROR_CATALOGUE, type ErrorCode } from './catalogue';

/** Code -> the message users see (from the catalogue). */
export const ERROR_CODES = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.userMessage])) as {
  readonly [K in ErrorCode]: (typeof ERROR_CATALOGUE)[K]['userMessage'];
};

export type { ErrorCode };

export interface AppErrorOptions {
  cause?: unknown;
  /** Structured details for the log (never shown to users). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to users: says what is wrong without internals. */
  readonly userMessage: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, userMessage?: string, options: AppErrorOptions = {}) {
    super(userMessage ?? ERROR_CODES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage ?? ERROR_CODES[code];
    if (options.details) this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A conditional write lost to another writer (eTag mismatch, or a create of a key that exists): read and retry. */
export function isStorageConflict(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'STORAGE_CONFLICT';
}

/** Wraps anything thrown into an AppError; unknown errors become INTERNAL and keep their cause. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', undefined, { cause: error });
}
