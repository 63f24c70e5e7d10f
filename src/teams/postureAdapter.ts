// The teams-ai adapter, opened up so the HTTP endpoint can authenticate a request itself (and answer 401 with a
// clear body) before the turn runs. Validation is the SDK's own: it is never skipped when a bot id is configured.
import { TeamsAdapter } from './teamsAi';
import { ActivityTypes, BotCallbackHandlerKey, DeliveryModes, INVOKE_RESPONSE_KEY, StatusCodes, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config/appConfig';
import { keepEntityFieldsOnTheWire } from './entityWireFix';
import { createPostureTurnContext } from './postureTurnContext';
import { keepNewest } from '../collections/keepNewest';

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
    keepNewest(kept, key, built, max);
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

  /**
   * Runs the turn for an already authenticated request; returns the invoke or expectReplies response.
   * CloudAdapterBase.processActivity's steps, as native async functions: the SDK's are TypeScript generators that
   * leave an old-space map per call pointing at the turn (see postureTurnContext.ts), so each turn was promoted.
   */
  async processAuthenticated(auth: Authenticated, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const { claimsIdentity, audience, connectorFactory } = this.reusingConnectors(auth);
    activity.callerId = auth.callerId as string; // as the SDK sets it, undefined included
    const connectorClient = await connectorFactory?.create(activity.serviceUrl, audience);
    if (!connectorClient) throw new Error('Unable to extract ConnectorClient from turn context.');
    const userTokenClient = await this.botFrameworkAuthentication.createUserTokenClient(claimsIdentity);
    const context = createPostureTurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, claimsIdentity);
    context.turnState.set(this.ConnectorClientKey, connectorClient);
    context.turnState.set(this.UserTokenClientKey, userTokenClient);
    context.turnState.set(BotCallbackHandlerKey, logic);
    context.turnState.set(this.ConnectorFactoryKey, connectorFactory);
    context.turnState.set(this.OAuthScopeKey, audience);
    await this.runMiddleware(context, logic);
    return turnResults(context);
  }

  /** BotAdapter.runMiddleware as a native async function (the SDK's holds the raw turn context in a generator). */
  protected override async runMiddleware(context: TurnContext, next: (revocableContext: TurnContext) => Promise<void>): Promise<void> {
    if (context?.activity?.locale) context.locale = context.activity.locale;
    // The middleware and the logic see a revocable proxy, revoked when the turn ends.
    const revocable = Proxy.revocable(context, {});
    try {
      await this.middleware.run(revocable.proxy, () => next(revocable.proxy));
    } catch (error) {
      if (this.onTurnError) await this.onTurnError(revocable.proxy, error as Error);
      else throw error;
    } finally {
      revocable.revoke();
    }
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

/** What the turn answers over HTTP: the buffered replies (expectReplies), the invoke response, or nothing. */
function turnResults(context: TurnContext): InvokeResponse | undefined {
  if (context.activity.deliveryMode === DeliveryModes.ExpectReplies) return { status: StatusCodes.OK, body: { activities: context.bufferedReplyActivities } };
  if (context.activity.type === ActivityTypes.Invoke) {
    const invokeResponse = context.turnState.get<Partial<Activity> | undefined>(INVOKE_RESPONSE_KEY);
    return invokeResponse ? (invokeResponse.value as InvokeResponse) : { status: StatusCodes.NOT_IMPLEMENTED };
  }
  return undefined;
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
