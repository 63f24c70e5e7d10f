// The teams-ai adapter, opened up so the HTTP endpoint can authenticate a request itself (and answer 401 with a
// clear body) before the turn runs. Validation is the SDK's own: it is never skipped when a bot id is configured.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config/appConfig';
import { keepEntityFieldsOnTheWire } from './entityWireFix';

export class PostureAdapter extends TeamsAdapter {
  /** Validates the Authorization header (JWT) for this activity; rejects with an error carrying statusCode 401/403. */
  authenticate(activity: Activity, authHeader: string) {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an already authenticated request; returns the invoke or expectReplies response. */
  processAuthenticated(auth: Awaited<ReturnType<PostureAdapter['authenticate']>>, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Setting any one endpoint makes botbuilder take every endpoint as given, so the rest are the public cloud's
 * (botframework-connector's AuthenticationConstants); only where the channel's signing keys are read changes.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

/** Without an identity the SDK authenticates nothing: callers must have decided that is acceptable (local use). */
export function createPostureAdapter(bot: BotIdentity | undefined): PostureAdapter {
  keepEntityFieldsOnTheWire();
  if (!bot) return new PostureAdapter({});
  return new PostureAdapter({
    MicrosoftAppId: bot.id,
    MicrosoftAppType: bot.type,
    ...(bot.password ? { MicrosoftAppPassword: bot.password } : {}),
    ...(bot.tenantId ? { MicrosoftAppTenantId: bot.tenantId } : {}),
    ...(bot.openIdMetadataUrl ? publicCloudWithKeysAt(bot.openIdMetadataUrl) : {}),
  });
}
