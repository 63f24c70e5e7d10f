// A user's AccessScope for this turn, from their SSO token: the scope cache first (no network while fresh), else the
// on-behalf-of exchange and the ARM reads. Outcomes, not exceptions, so the transport can say what to do next.
import type { Logger } from '../logging/logger';
import type { AccessScope } from '../posture/viewer';
import { ArmAccessError, type ArmScopeReader } from './armScope';
import { OboExchangeError, type ArmTokenExchange } from './oboArmToken';
import type { ScopeCache } from './scopeCache';

export type AccessOutcome =
  | { kind: 'scoped'; scope: AccessScope }
  /** Consent missing or revoked: ask the user to sign in again. */
  | { kind: 'consentRequired' }
  /** Azure refused the user's token (401/403), or Entra or ARM failed: the user sees nothing this turn. */
  | { kind: 'unavailable'; status?: number };

/** Sees nothing: a signed-out or refused user in a bot where answers are scoped. */
export const NO_ACCESS: AccessScope = Object.freeze({ subscriptions: Object.freeze([]) as readonly string[] });

export interface UserAccess {
  resolve(userKey: string, ssoToken: string): Promise<AccessOutcome>;
  /** Drops the user's cached scope (Azure answered 403 to one of their writes, or they signed out). */
  forget(userKey: string): void;
  /** The user's Resource Manager token on their behalf, for a write with their own rights (never kept here). */
  armToken(ssoToken: string): Promise<string>;
}

export function createUserAccess(deps: { exchange: ArmTokenExchange; readScope: ArmScopeReader; cache: ScopeCache; logger: Logger }): UserAccess {
  return {
    async resolve(userKey, ssoToken) {
      try {
        const scope = await deps.cache.get(userKey, async () => deps.readScope(await deps.exchange(ssoToken)));
        return { kind: 'scoped', scope };
      } catch (error) {
        deps.cache.forget(userKey);
        if (error instanceof OboExchangeError && error.reason === 'consentRequired') return { kind: 'consentRequired' };
        // Only the kind and status are logged: never a token, never a response body.
        const status = error instanceof ArmAccessError ? error.status : undefined;
        deps.logger.warn({ kind: error instanceof Error ? error.name : 'unknown', ...(status ? { status } : {}) }, 'could not resolve a user scope');
        return { kind: 'unavailable', ...(status ? { status } : {}) };
      }
    },
    forget: (userKey) => deps.cache.forget(userKey),
    armToken: (ssoToken) => deps.exchange(ssoToken),
  };
}
