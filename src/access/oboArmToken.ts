// The on-behalf-of exchange: the user's Teams SSO token (issued to this bot's own API) becomes a Resource Manager
// token for that user, with the bot's Entra app credentials (@azure/identity OnBehalfOfCredential). The token is
// returned to the caller for this turn only: nothing here keeps or logs it.

export const ARM_SCOPE = 'https://management.azure.com/.default';

export interface OboSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra's login endpoint; a loopback fake in tests. */
  authorityHost?: string;
  /** PEM of a CA to trust for the authority (tests: the loopback fake's self-signed certificate). */
  caPem?: string;
  /** The Resource Manager scope to ask for (a sovereign cloud's). */
  armScope?: string;
}

/** Why an exchange failed, in words a person can act on (never the token, never Entra's raw text). */
export class OboExchangeError extends Error {
  constructor(
    readonly reason: 'consentRequired' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'OboExchangeError';
  }
}

export type ArmTokenExchange = (ssoToken: string) => Promise<string>;

export function createOboArmTokenExchange(settings: OboSettings): ArmTokenExchange {
  const scope = settings.armScope ?? ARM_SCOPE;
  // Loaded here, not at the top: only a bot with USER_SCOPE settings exchanges tokens (@azure/identity takes ~0.3 s).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OnBehalfOfCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return async (ssoToken) => {
    const credential = new OnBehalfOfCredential({
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      userAssertionToken: ssoToken,
      ...(settings.authorityHost ? { authorityHost: settings.authorityHost, disableInstanceDiscovery: true } : {}),
      ...(settings.caPem ? { tlsOptions: { ca: settings.caPem } } : {}),
    });
    try {
      const token = await credential.getToken(scope);
      if (!token?.token) throw new OboExchangeError('failed', 'Entra returned no Resource Manager token.');
      return token.token;
    } catch (error) {
      if (error instanceof OboExchangeError) throw error;
      // AADSTS65001: consent missing or revoked; invalid_grant: the SSO token was refused (expired, revoked).
      const text = String((error as { message?: unknown })?.message ?? '');
      if (/AADSTS65001|consent_required|interaction_required|invalid_grant/i.test(text)) {
        throw new OboExchangeError('consentRequired', 'Access to Azure on your behalf needs your consent again.');
      }
      throw new OboExchangeError('failed', 'Entra could not give a Resource Manager token for you.');
    }
  };
}
