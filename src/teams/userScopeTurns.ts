// Teams single sign-on through teams-ai's authentication (an SSO-enabled OAuth connection: Teams exchanges the
// token silently after the first consent), then, before each turn, the user's AccessScope from their own Azure
// access, set on the turn so every answer, count and name list honours it.
import type { Application, AuthenticationOptions, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { UserAccess } from '../access/userAccess';
import { NO_ACCESS } from '../access/userAccess';
import type { ChannelScopes } from '../channels/channelScopes';
import type { Logger } from '../logging/logger';
import { setTurnScope } from './turnScope';
import { tenantOf } from './turnGate';

/** The teams-ai authentication setting's name. */
export const AZURE_SIGN_IN = 'azure';

export const SIGNED_IN_TEXT = 'You are signed in. Answers now show only what your Azure roles let you read. Ask your question again.';
export const CONSENT_AGAIN_TEXT = 'Your consent for the bot to read Azure on your behalf was withdrawn or has expired. Send your question again to sign in.';
export const refusedText = (status?: number): string =>
  status === 401 || status === 403
    ? `Azure refused your access (${status}): answers need a role such as Reader or Security Reader on a subscription or resource group. Nothing is shown until then.`
    : 'Your Azure access could not be checked just now, so nothing is shown. Try again in a minute.';

export interface UserScopeTurnOptions {
  connectionName: string;
  access: UserAccess;
  logger: Logger;
  /** Channel scopes set by admins (src/channels/): in channels and group chats answers are narrowed to them. */
  channels?: ChannelScopes;
}

export function userScopeAuthentication(connectionName: string): AuthenticationOptions {
  return {
    settings: {
      [AZURE_SIGN_IN]: { connectionName, title: 'Sign in to Azure', text: 'Sign in so answers show only what your Azure roles allow.', enableSso: true },
    },
    // Sign-in starts from a typed question only; card presses and install events read the token silently.
    autoSignIn: (context: TurnContext) => Promise.resolve(context.activity.type === ActivityTypes.Message && typeof context.activity.text === 'string' && context.activity.text.trim() !== ''),
  };
}

const userKeyOf = (context: TurnContext): string => `${tenantOf(context.activity) ?? ''}|${(context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '').toLowerCase()}`;

export function registerUserScope(app: Application<TurnState>, options: UserScopeTurnOptions): void {
  app.authentication.get(AZURE_SIGN_IN).onUserSignInSuccess(async (context) => {
    options.access.forget(userKeyOf(context));
    await context.sendActivity(SIGNED_IN_TEXT);
  });
  app.authentication.get(AZURE_SIGN_IN).onUserSignInFailure(async (context, _state, error) => {
    options.logger.warn({ cause: error.cause }, 'Teams sign-in failed');
    await context.sendActivity('Sign-in did not complete, so I cannot tell what you may see in Azure. Send your question again to retry.');
  });

  app.turn('beforeTurn', async (context, state) => {
    const type = context.activity.type;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return true;
    const temp = state.temp as { authTokens?: Record<string, string | undefined> };
    const token = temp.authTokens?.[AZURE_SIGN_IN] ?? (await app.authentication.get(AZURE_SIGN_IN).isUserSignedIn(context).catch(() => undefined));
    if (!token) {
      // Scoped answers and no sign-in (a card press before signing in): nothing is visible.
      setTurnScope(context.activity, NO_ACCESS);
      return true;
    }
    const outcome = await options.access.resolve(userKeyOf(context), token);
    if (outcome.kind === 'scoped') {
      const userKey = userKeyOf(context);
      setTurnScope(context.activity, outcome.scope, { armToken: () => options.access.armToken(token), forgetAccess: () => options.access.forget(userKey) });
      return true;
    }
    setTurnScope(context.activity, NO_ACCESS);
    if (outcome.kind === 'consentRequired') {
      await app.authentication.signOutUser(context, state, AZURE_SIGN_IN).catch(() => undefined);
      await context.sendActivity(CONSENT_AGAIN_TEXT);
      return false;
    }
    if (type === ActivityTypes.Message) {
      await context.sendActivity(refusedText(outcome.status));
      return false;
    }
    return true;
  });
}
