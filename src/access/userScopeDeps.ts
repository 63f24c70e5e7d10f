// Composes the user-scope pieces from configuration (one place, called by the composition root).
import type { UserScopeConfig } from '../config/features/userScope';
import type { Logger } from '../logging/logger';
import type { PostureSourceConfig } from '../config/features/postureSource';
import { AZURE_CLOUD_ENDPOINTS } from '../posture/source/azure/clouds';
import { defaultCredential } from '../posture/source/azure/azureLoader';
import { createArmWrites, type ArmWrites } from './armWrites';
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

/**
 * Changes in Azure itself: only on the live Azure source, and only with an identity to act as: the user's own token
 * (SSO configured) or, when the operator says so (AZURE_WRITES_AS_BOT=true), the bot's. Otherwise fixes stay
 * simulated on the demo tenant and are not offered elsewhere.
 */
export function armWritesFromConfig(config: UserScopeConfig & PostureSourceConfig): ArmWrites | undefined {
  const azure = config.postureSource === 'azure' ? config.azure : undefined;
  if (!azure) return undefined;
  const cloud = AZURE_CLOUD_ENDPOINTS[azure.cloud];
  const baseUrl = config.userScope?.armEndpoint ?? cloud.resourceManager;
  if (config.writesAsBot) return createArmWrites({ identity: 'bot', botCredential: defaultCredential(azure), baseUrl, tokenScope: cloud.tokenScope });
  return config.userScope ? createArmWrites({ identity: 'user', baseUrl }) : undefined;
}
