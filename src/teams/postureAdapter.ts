// The teams-ai adapter, opened up so the HTTP endpoint can authenticate a request itself (and answer 401 with a
// clear body) before the turn runs. Validation is the SDK's own: it is never skipped when a bot id is configured.
import { TeamsAdapter } from './teamsAi';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config/appConfig';
import { keepEntityFieldsOnTheWire } from './entityWireFix';

type Authenticated = Awaited<ReturnType<PostureAdapter['authenticate']>>;
type ConnectorFactory = NonNullable<Authenticated['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Authentication = PostureAdapter['botFrameworkAuthentication'];
type ClaimsIdentity = Parameters<Authentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Distinct (bot, service URL, audience) clients kept; a new one past this drops the oldest. */
export const MAX_KEPT_CONNECTORS = 64;

/** A promise kept under its key, at most `max` of them (oldest dropped first); a rejected one is dropped, so the next call builds again. */
function keepBuilt<T>(kept: Map<string, Promise<T>>, key: string, max: number, build: () => Promise<T>): Promise<T> {
  let built = kept.get(key);
  if (!built) {
    built = build();
    kept.set(key, built);
    if (kept.size > max) kept.delete(kept.keys().next().value as string);
    built.catch(() => (kept.get(key) === built ? kept.delete(key) : undefined));
  }
  return built;
}

export class PostureAdapter extends TeamsAdapter {
  // The SDK builds a ConnectorClient (credentials, HTTP pipeline) for every turn; one per bot, service URL and
  // audience serves every turn: it holds no per-turn state, and its credentials cache their own tokens.
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  // Likewise the UserTokenClient (credentials and an HTTP pipeline for the token service) the SDK builds for every
  // turn, SSO or not: it depends only on the bot's app id (the claims' audience, else appid, as the SDK reads it).
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const authentication = this.botFrameworkAuthentication;
    const build = authentication.createUserTokenClient.bind(authentication);
    authentication.createUserTokenClient = (identity: ClaimsIdentity) => {
      const app = identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? null;
      return keepBuilt(this.userTokenClients, JSON.stringify([app]), MAX_KEPT_CONNECTORS, () => build(identity));
    };
  }

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
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
      keepBuilt(this.connectors, JSON.stringify([app, serviceUrl, audience ?? null]), MAX_KEPT_CONNECTORS, () => factory.create(serviceUrl, audience));
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
