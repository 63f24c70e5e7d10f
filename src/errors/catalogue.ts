// The one error catalogue: every code the bot uses, with the message a user sees, the HTTP status it maps to, and
// whether it is expected (the user's input or a normal refusal: logged at warn, without a stack) or a fault
// (logged at error with its cause). test/errors/catalogue.test.ts keeps it consistent and checks that src/ uses
// no code outside it.

export interface ErrorEntry {
  userMessage: string;
  httpStatus: number;
  expected: boolean;
}

export const ERROR_CATALOGUE = {
  CONFIG_INVALID: { userMessage: 'The bot is not configured correctly.', httpStatus: 500, expected: false },
  BAD_REQUEST: { userMessage: 'That request was not understood.', httpStatus: 400, expected: true },
  UNAUTHORIZED: { userMessage: 'You are not allowed to use this bot.', httpStatus: 401, expected: true },
  TENANT_NOT_ALLOWED: { userMessage: 'This bot does not serve your organization.', httpStatus: 403, expected: true },
  MESSAGE_TOO_LONG: { userMessage: 'That message is too long.', httpStatus: 400, expected: true },
  PAYLOAD_TOO_LARGE: { userMessage: 'The request is too large.', httpStatus: 413, expected: true },
  UNSUPPORTED_MEDIA_TYPE: { userMessage: 'The request must be sent as application/json.', httpStatus: 415, expected: true },
  INVALID_ACTION: { userMessage: 'That action is not valid.', httpStatus: 400, expected: true },
  STALE_ACTION: { userMessage: 'That card is out of date.', httpStatus: 409, expected: true },
  NOT_FOUND: { userMessage: 'That item was not found.', httpStatus: 404, expected: true },
  DELIVERY_IN_PROGRESS: { userMessage: 'This message is being answered already.', httpStatus: 409, expected: true },
  STORAGE_CONFLICT: { userMessage: 'Someone else changed this at the same time.', httpStatus: 409, expected: false },
  STORAGE_FAILURE: { userMessage: 'Saving failed.', httpStatus: 500, expected: false },
  STORAGE_CORRUPT: { userMessage: 'The bot database is damaged.', httpStatus: 500, expected: false },
  EXPORT_INVALID: { userMessage: 'The posture export could not be loaded.', httpStatus: 500, expected: false },
  MAIL_REFUSED: { userMessage: 'The email could not be sent.', httpStatus: 502, expected: false },
  DATA_UNAVAILABLE: { userMessage: 'Posture data is not available right now.', httpStatus: 503, expected: false },
  AUTH_UNAVAILABLE: { userMessage: 'Authentication could not be completed right now; try again shortly.', httpStatus: 503, expected: false },
  SHUTTING_DOWN: { userMessage: 'This instance is shutting down; try again shortly.', httpStatus: 503, expected: false },
  REPOSITORY_CHANGED: { userMessage: 'The repository changed since it was scanned.', httpStatus: 409, expected: true },
  REPOSITORY_ACCESS_DENIED: { userMessage: 'The repository token does not have the rights this needs.', httpStatus: 403, expected: true },
  REPOSITORY_UNAVAILABLE: { userMessage: 'The repository host could not be reached.', httpStatus: 502, expected: false },
  AZURE_WRITE_REFUSED: { userMessage: 'Azure refused the change.', httpStatus: 403, expected: true },
  AZURE_WRITE_FAILED: { userMessage: 'Azure did not accept the change.', httpStatus: 502, expected: false },
  INTERNAL: { userMessage: 'Something went wrong on my side.', httpStatus: 500, expected: false },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const isExpected = (code: ErrorCode): boolean => ERROR_CATALOGUE[code].expected;
export const httpStatusOf = (code: ErrorCode): number => ERROR_CATALOGUE[code].httpStatus;
