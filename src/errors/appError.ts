// One error type for the whole bot: a code from the catalogue, a message safe to show users, and the cause for the log.

export const ERROR_CODES = {
  CONFIG_INVALID: 'The bot is not configured correctly.',
  BAD_REQUEST: 'That request was not understood.',
  UNAUTHORIZED: 'You are not allowed to use this bot.',
  TENANT_NOT_ALLOWED: 'This bot does not serve your organization.',
  MESSAGE_TOO_LONG: 'That message is too long.',
  INVALID_ACTION: 'That action is not valid.',
  STALE_ACTION: 'That card is out of date.',
  NOT_FOUND: 'That item was not found.',
  STORAGE_CONFLICT: 'Someone else changed this at the same time.',
  STORAGE_FAILURE: 'Saving failed.',
  STORAGE_CORRUPT: 'The bot database is damaged.',
  EXPORT_INVALID: 'The posture export could not be loaded.',
  DATA_UNAVAILABLE: 'Posture data is not available right now.',
  DELIVERY_IN_PROGRESS: 'This message is being answered already.',
  INTERNAL: 'Something went wrong on my side.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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

/** Wraps anything thrown into an AppError; unknown errors become INTERNAL and keep their cause. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', undefined, { cause: error });
}
