// Composes the user-scope pieces from configuration (one place, called by the composition root).
import type { UserScopeConfig } from '../config/features/userScope';
import type { Logger } from '../logging/logger';
import { createArmScopeReader } from './armScope';
import { createOboArmTokenExchange } from './oboArmToken';
import { createScopeCache } from './scopeCache';
import { createUserAccess, type UserAccess } from './userAccess';

export function userScopeFromConfig(config: UserScopeConfig, logger: Logger): { connectionName: string; access: UserAccess; logger: Logger } | undefined {
  const settings = config.userScope;
  if (!settings) return undefined;
  const exchange = createOboArmTokenExchange({
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    ...(settings.authorityHost ? { authorityHost: settings.authorityHost } : {}),
  });
  const readScope = createArmScopeReader(settings.armEndpoint ? { baseUrl: settings.armEndpoint } : {});
  const access = createUserAccess({ exchange, readScope, cache: createScopeCache({ ttlMs: settings.scopeTtlSeconds * 1000 }), logger });
  return { connectionName: settings.connectionName, access, logger };
}

/** Spreads into createBot's deps: `userScope` when configured, nothing otherwise. */
export const withUserScope = <T>(userScope: T | undefined): { userScope?: T } => (userScope ? { userScope } : {});
