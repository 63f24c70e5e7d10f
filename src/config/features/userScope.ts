// Each user's own Azure access: Teams single sign-on (an SSO-enabled OAuth connection on the Azure Bot), the
// on-behalf-of exchange to a Resource Manager token, and how long a user's resolved scope is kept. Without
// AZURE_SSO_CONNECTION the bot answers everyone from the same data and says answers are not scoped.
import { z } from 'zod';
import { booleanText, defineFeature, optionalText, positiveInteger } from './feature';

export interface UserScopeConfig {
  userScope?: {
    /** The Azure Bot OAuth connection with Teams SSO (token exchange URL api://…/access_as_user). */
    connectionName: string;
    /** The Entra app that receives the SSO token and exchanges it on the user's behalf. */
    tenantId: string;
    clientId: string;
    clientSecret: string;
    /** Entra's login endpoint (sovereign clouds); absent: the public cloud. */
    authorityHost?: string;
    /** Resource Manager endpoint; absent: the public cloud. */
    armEndpoint?: string;
    scopeTtlSeconds: number;
  };
  /** Changes in Azure (apply fix, governance assignments) run with the bot's identity instead of the user's token. */
  writesAsBot: boolean;
}

const https = optionalText.refine((v) => v === undefined || /^https:\/\/[^\s/]+/i.test(v), { message: 'must be an https:// address' });

export const userScopeFeature = defineFeature<UserScopeConfig>({
  name: 'userScope',
  schema: () =>
    z
      .object({
        AZURE_SSO_CONNECTION: optionalText,
        AZURE_SSO_TENANT_ID: optionalText,
        AZURE_SSO_CLIENT_ID: optionalText,
        AZURE_SSO_CLIENT_SECRET: optionalText,
        AZURE_SSO_AUTHORITY_HOST: https,
        AZURE_ARM_ENDPOINT: https,
        ACCESS_SCOPE_TTL_SECONDS: positiveInteger(300, 3600),
        AZURE_WRITES_AS_BOT: booleanText(false),
      })
      .transform((e) => ({
        writesAsBot: e.AZURE_WRITES_AS_BOT,
        ...(e.AZURE_SSO_CONNECTION && e.AZURE_SSO_TENANT_ID && e.AZURE_SSO_CLIENT_ID && e.AZURE_SSO_CLIENT_SECRET
          ? {
              userScope: {
                connectionName: e.AZURE_SSO_CONNECTION,
                tenantId: e.AZURE_SSO_TENANT_ID,
                clientId: e.AZURE_SSO_CLIENT_ID,
                clientSecret: e.AZURE_SSO_CLIENT_SECRET,
                ...(e.AZURE_SSO_AUTHORITY_HOST ? { authorityHost: e.AZURE_SSO_AUTHORITY_HOST } : {}),
                ...(e.AZURE_ARM_ENDPOINT ? { armEndpoint: e.AZURE_ARM_ENDPOINT } : {}),
                scopeTtlSeconds: e.ACCESS_SCOPE_TTL_SECONDS,
              },
            }
          : {}),
      })),
  rules: (raw) => {
    if (!raw('AZURE_SSO_CONNECTION')) return [];
    return ['AZURE_SSO_TENANT_ID', 'AZURE_SSO_CLIENT_ID', 'AZURE_SSO_CLIENT_SECRET']
      .filter((name) => !raw(name))
      .map((name) => `${name}: must be set when AZURE_SSO_CONNECTION is (the on-behalf-of exchange needs the app's tenant, id and secret)`);
  },
});
