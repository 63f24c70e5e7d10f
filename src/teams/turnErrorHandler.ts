// The one boundary where errors become words: a user-safe message with a correlation id for the user, the details
// (code, cause, activity ids) in the log under the same id.
import { randomBytes } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { toAppError, type ErrorCode } from '../errors/appError';
import type { Logger } from '../logging/logger';

/** Codes that describe the user's input, not a fault: logged at warn, not error. */
const EXPECTED: ReadonlySet<ErrorCode> = new Set(['BAD_REQUEST', 'INVALID_ACTION', 'STALE_ACTION', 'NOT_FOUND', 'MESSAGE_TOO_LONG', 'TENANT_NOT_ALLOWED', 'UNAUTHORIZED']);

export interface TurnErrorHandlerOptions {
  logger: Logger;
  /** Short id shown to the user and logged; injectable for tests. */
  newCorrelationId?: () => string;
}

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

export function createTurnErrorHandler(options: TurnErrorHandlerOptions): TurnErrorHandler {
  const newId = options.newCorrelationId ?? (() => randomBytes(4).toString('hex'));
  return async (context, error) => {
    const appError = toAppError(error);
    const correlationId = newId();
    const activity = context.activity;
    const entry = {
      correlationId,
      code: appError.code,
      details: appError.details,
      err: appError.cause ?? appError,
      activity: { type: activity.type, name: activity.name, id: activity.id, conversationId: activity.conversation?.id },
    };
    if (EXPECTED.has(appError.code)) options.logger.warn(entry, 'turn refused');
    else options.logger.error(entry, 'turn failed');

    const text = `${appError.userMessage} (ref ${correlationId})`;
    try {
      if (activity.type === ActivityTypes.Invoke) {
        // An invoke waits for its own response; a card action gets the message shown in place.
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
          const status = EXPECTED.has(appError.code) ? 200 : 500;
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: { status, body: { statusCode: status, type: 'application/vnd.microsoft.activity.message', value: text } },
          });
        }
        return;
      }
      await context.sendActivity({ type: ActivityTypes.Message, text });
    } catch (sendError) {
      options.logger.error({ correlationId, err: sendError }, 'could not tell the user about an error');
    }
  };
}
