// Who may talk to the bot: its Bot Framework identity and the tenants it serves.
// With BOT_ID set, an empty tenant list is refused unless the operator writes ALLOWED_TENANT_IDS=* (every tenant).
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export const BOT_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type BotType = (typeof BOT_TYPES)[number];

export interface BotIdentity {
  id: string;
  password?: string;
  tenantId?: string;
  type: BotType;
  /**
   * Where the channel's token signing keys are published (OpenID metadata). Absent: the Bot Framework public cloud.
   * Set for a private cloud, or to a loopback server in the offline authentication tests.
   */
  openIdMetadataUrl?: string;
}

export interface AuthConfig {
  /** Absent: no authentication (local use only; refused in production). */
  bot?: BotIdentity;
  /** Empty: every tenant is served (without a bot identity, or with ALLOWED_TENANT_IDS=*). */
  allowedTenantIds: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The operator's explicit "serve every tenant". */
export const ALL_TENANTS = '*';

const guid = optionalText.refine((v) => v === undefined || GUID.test(v), { message: 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });

const tenantList = optionalText.transform((v, ctx) => {
  if (v === ALL_TENANTS) return [];
  const ids = (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const id of ids) {
    if (id === ALL_TENANTS) ctx.addIssue({ code: z.ZodIssueCode.custom, message: '* (every tenant) must be the whole value, not one entry of a list' });
    else if (!GUID.test(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${id.slice(0, 40)}" is not a tenant GUID` });
  }
  return [...new Set(ids.map((id) => id.toLowerCase()))];
});

export const authFeature = defineFeature<AuthConfig>({
  name: 'auth',
  schema: () =>
    z
      .object({
        BOT_ID: guid,
        BOT_PASSWORD: optionalText,
        BOT_TENANT_ID: guid,
        BOT_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.enum(BOT_TYPES).default('SingleTenant')),
        ALLOWED_TENANT_IDS: tenantList,
        BOT_OPENID_METADATA_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), { message: 'must be an http(s) URL' }),
      })
      .transform((e) => {
        const bot: BotIdentity | undefined = e.BOT_ID
          ? { id: e.BOT_ID, type: e.BOT_TYPE, ...(e.BOT_PASSWORD ? { password: e.BOT_PASSWORD } : {}), ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID } : {}), ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}) }
          : undefined;
        // A bot registered in one tenant serves that tenant unless told otherwise.
        const allowedTenantIds = e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : e.BOT_TENANT_ID ? [e.BOT_TENANT_ID.toLowerCase()] : [];
        return { ...(bot ? { bot } : {}), allowedTenantIds };
      }),
  rules: (raw, { appEnv, production }) => {
    const problems: string[] = [];
    const botType = raw('BOT_TYPE') || 'SingleTenant';
    const tenants = raw('ALLOWED_TENANT_IDS');
    if (raw('BOT_ID')) {
      if (botType === 'UserAssignedMSI') {
        if (raw('BOT_PASSWORD')) problems.push('BOT_PASSWORD: must be empty when BOT_TYPE is UserAssignedMSI (the managed identity has no secret)');
      } else if (!raw('BOT_PASSWORD')) {
        problems.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE is ${botType} (put it in env/.env.${appEnv}.user or the process environment)`);
      }
      if ((botType === 'SingleTenant' || botType === 'UserAssignedMSI') && !raw('BOT_TENANT_ID')) {
        problems.push(`BOT_TENANT_ID: required when BOT_TYPE is ${botType}`);
      }
      if (!tenants && !raw('BOT_TENANT_ID')) {
        problems.push('ALLOWED_TENANT_IDS: required when BOT_ID is set (a comma list of tenant GUIDs, or * to serve every tenant)');
      }
    } else {
      if (production) problems.push('BOT_ID: required in production (without it requests would not be authenticated)');
      if (raw('BOT_PASSWORD')) problems.push('BOT_PASSWORD: set without BOT_ID');
      if (production && !tenants && !raw('BOT_TENANT_ID')) {
        problems.push('ALLOWED_TENANT_IDS: required in production (a comma list of tenant GUIDs, or *), or set BOT_TENANT_ID');
      }
    }
    return problems;
  },
});
