// The one boundary where errors become words: a user-safe message with a correlation id for the user, the details
// (code, cause, activity ids) in the log under the same id.
import { randomBytes } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { toAppError } from '../errors/appError';
import { isExpected } from '../errors/catalogue';
import type { Logger } from '../logging/logger';


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
    const expected = isExpected(appError.code);
    const entry = {
      correlationId,
      code: appError.code,
      details: appError.details,
      activity: { type: activity.type, name: activity.name, id: activity.id, conversationId: activity.conversation?.id },
    };
    // An expected refusal (the catalogue says which) is the user's input, not a fault: its message, no stack.
    if (expected) options.logger.warn({ ...entry, reason: appError.userMessage }, 'turn refused');
    else options.logger.error({ ...entry, err: appError.cause ?? appError }, 'turn failed');

    const text = `${appError.userMessage} (ref ${correlationId})`;
    try {
      if (activity.type === ActivityTypes.Invoke) {
        // An invoke waits for its own response; a card action gets the message shown in place.
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
          const status = expected ? 200 : 500;
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
