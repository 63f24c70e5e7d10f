// The Bot Framework token service as teams-ai sees it (a UserTokenClient in turn state, as CloudAdapter sets it):
// per channel user, the SSO token Teams exchanged after the user's consent. Records sign-outs.
import type { Activity, SignInUrlResponse, TokenExchangeRequest, TokenResponse, TokenStatus, TurnContext } from 'botbuilder';

export class FakeUserTokenClient {
  readonly tokens = new Map<string, string>();
  readonly signedOut: string[] = [];

  async getUserToken(userId: string, connectionName: string, channelId: string): Promise<TokenResponse> {
    const token = this.tokens.get(userId);
    return (token ? { token, connectionName, channelId, expiration: new Date(Date.now() + 3600_000).toISOString() } : undefined) as TokenResponse;
  }
  async getSignInResource(connectionName: string, _activity: Activity): Promise<SignInUrlResponse> {
    return { signInLink: `https://token.example/sign-in?connection=${connectionName}`, tokenExchangeResource: { id: 'exchange-1', uri: 'api://posture-bot/access_as_user', providerId: 'aad' } };
  }
  async signOutUser(userId: string): Promise<void> {
    this.tokens.delete(userId);
    this.signedOut.push(userId);
  }
  async getTokenStatus(): Promise<TokenStatus[]> {
    return [];
  }
  async getAadTokens(): Promise<Record<string, TokenResponse>> {
    return {};
  }
  async exchangeToken(_userId: string, connectionName: string, channelId: string, request: TokenExchangeRequest): Promise<TokenResponse> {
    return { token: request.token ?? '', connectionName, channelId, expiration: '' };
  }
}

/** Turn middleware that puts the token client under the adapter's UserTokenClientKey, as CloudAdapter does. */
export const withUserTokenClient =
  (tokens: FakeUserTokenClient) =>
  async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const adapter = context.adapter as unknown as { UserTokenClientKey?: symbol };
    adapter.UserTokenClientKey ??= Symbol('UserTokenClient');
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    await next();
  };
