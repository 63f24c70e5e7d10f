// The bot's whole configuration: one zod schema over the merged environment, parsed once by the composition root.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export const BOT_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type BotType = (typeof BOT_TYPES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface BotIdentity {
  id: string;
  password?: string;
  tenantId?: string;
  type: BotType;
}

export interface AppConfig {
  /** Which env/.env.<name> files were read. */
  appEnv: string;
  production: boolean;
  port: number;
  /** Interface to listen on; all interfaces when absent. */
  host?: string;
  /** Absolute; every piece of state lives under it. */
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Absent: no authentication (local use only; refused in production). */
  bot?: BotIdentity;
  /** Empty: every tenant is served (only possible without a bot identity, outside production). */
  allowedTenantIds: string[];
  /** Absolute path of a posture export to load instead of the bundled demo tenant. */
  postureSnapshot?: string;
  postureLenient: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Env files often carry `NAME=` placeholders: an empty value means "not set".
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

const booleanText = (fallback: boolean) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const lower = v.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be true, false, 1 or 0 (got "${v.slice(0, 20)}")` });
    return z.NEVER;
  });

const guid = optionalText.refine((v) => v === undefined || GUID.test(v), { message: 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });

const tenantList = optionalText.transform((v, ctx) => {
  const ids = (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const id of ids) {
    if (!GUID.test(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${id.slice(0, 40)}" is not a tenant GUID` });
  }
  return [...new Set(ids.map((id) => id.toLowerCase()))];
});

export const envSchema = z.object({
  NODE_ENV: optionalText,
  PORT: optionalText.transform((v, ctx) => {
    if (v === undefined) return 3978;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n > 65535) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a port number 0-65535 (got "${v.slice(0, 20)}")` });
      return z.NEVER;
    }
    return n;
  }),
  HOST: optionalText,
  DATA_DIR: optionalText.transform((v) => v ?? './.data'),
  LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.enum(LOG_LEVELS).default('info')),
  BOT_ID: guid,
  BOT_PASSWORD: optionalText,
  BOT_TENANT_ID: guid,
  BOT_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.enum(BOT_TYPES).default('SingleTenant')),
  ALLOWED_TENANT_IDS: tenantList,
  POSTURE_SNAPSHOT: optionalText,
  POSTURE_LENIENT: booleanText(false),
});

export interface ParseOptions {
  appEnv: string;
  /** Relative paths (DATA_DIR, POSTURE_SNAPSHOT) are resolved against it. */
  cwd: string;
}

export type ParseResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/** Validates the merged environment; collects every problem instead of stopping at the first. */
export function parseAppConfig(env: Record<string, string | undefined>, options: ParseOptions): ParseResult {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  }
  const raw = (name: string) => (env[name] ?? '').trim();
  const production = raw('NODE_ENV') === 'production' || options.appEnv === 'production';
  const botType = raw('BOT_TYPE') || 'SingleTenant';

  // Cross-field rules read the raw values so they are reported even when another field failed to parse.
  if (raw('BOT_ID')) {
    if (botType === 'UserAssignedMSI') {
      if (raw('BOT_PASSWORD')) problems.push('BOT_PASSWORD: must be empty when BOT_TYPE is UserAssignedMSI (the managed identity has no secret)');
    } else if (!raw('BOT_PASSWORD')) {
      problems.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE is ${botType} (put it in env/.env.${options.appEnv}.user or the process environment)`);
    }
    if ((botType === 'SingleTenant' || botType === 'UserAssignedMSI') && !raw('BOT_TENANT_ID')) {
      problems.push(`BOT_TENANT_ID: required when BOT_TYPE is ${botType}`);
    }
  } else {
    if (production) problems.push('BOT_ID: required in production (without it requests would not be authenticated)');
    if (raw('BOT_PASSWORD')) problems.push('BOT_PASSWORD: set without BOT_ID');
  }
  if (production && !raw('ALLOWED_TENANT_IDS') && !raw('BOT_TENANT_ID')) {
    problems.push('ALLOWED_TENANT_IDS: required in production (a comma list of tenant GUIDs), or set BOT_TENANT_ID');
  }

  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(options.cwd, p));
  const bot: BotIdentity | undefined = e.BOT_ID
    ? {
        id: e.BOT_ID,
        type: e.BOT_TYPE,
        ...(e.BOT_PASSWORD ? { password: e.BOT_PASSWORD } : {}),
        ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID } : {}),
      }
    : undefined;
  // A bot registered in one tenant serves that tenant unless told otherwise.
  const allowedTenantIds = e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : e.BOT_TENANT_ID ? [e.BOT_TENANT_ID.toLowerCase()] : [];
  return {
    ok: true,
    config: {
      appEnv: options.appEnv,
      production,
      port: e.PORT,
      ...(e.HOST ? { host: e.HOST } : {}),
      dataDir: absolute(e.DATA_DIR),
      logLevel: e.LOG_LEVEL,
      ...(bot ? { bot } : {}),
      allowedTenantIds,
      ...(e.POSTURE_SNAPSHOT ? { postureSnapshot: absolute(e.POSTURE_SNAPSHOT) } : {}),
      postureLenient: e.POSTURE_LENIENT,
    },
  };
}
