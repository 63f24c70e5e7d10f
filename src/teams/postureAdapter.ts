// The teams-ai adapter, opened up so the HTTP endpoint can authenticate a request itself (and answer 401 with a
// clear body) before the turn runs. Validation is the SDK's own: it is never skipped when a bot id is configured.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config/appConfig';
import { keepEntityFieldsOnTheWire } from './entityWireFix';

type Authenticated = Awaited<ReturnType<PostureAdapter['authenticate']>>;
type ConnectorFactory = NonNullable<Authenticated['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Distinct (bot, service URL, audience) clients kept; a new one past this drops the oldest. */
export const MAX_KEPT_CONNECTORS = 64;

export class PostureAdapter extends TeamsAdapter {
  // The SDK builds a ConnectorClient (credentials, HTTP pipeline) for every turn; one per bot, service URL and
  // audience serves every turn: it holds no per-turn state, and its credentials cache their own tokens.
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  /** Validates the Authorization header (JWT) for this activity; rejects with an error carrying statusCode 401/403. */
  authenticate(activity: Activity, authHeader: string) {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an already authenticated request; returns the invoke or expectReplies response. */
  processAuthenticated(auth: Authenticated, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(this.reusingConnectors(auth), activity, logic);
  }

  private reusingConnectors(auth: Authenticated): Authenticated {
    const factory = auth.connectorFactory;
    if (!factory) return auth;
    const identity = auth.claimsIdentity;
    const app = identity?.getClaimValue('appid') ?? identity?.getClaimValue('azp') ?? '';
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      const key = JSON.stringify([app, serviceUrl, audience ?? null]);
      let client = this.connectors.get(key);
      if (!client) {
        client = factory.create(serviceUrl, audience);
        this.connectors.set(key, client);
        if (this.connectors.size > MAX_KEPT_CONNECTORS) this.connectors.delete(this.connectors.keys().next().value as string);
        // A failed creation is not kept: the next turn tries again.
        client.catch(() => (this.connectors.get(key) === client ? this.connectors.delete(key) : undefined));
      }
      return client;
    };
    return { ...auth, connectorFactory: { create } as ConnectorFactory };
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
