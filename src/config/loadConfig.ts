// Reads env/.env.<name> (committed, no secrets) and env/.env.<name>.user (git-ignored, secrets) under the
// process environment, which always wins; then validates everything at once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { AppError } from '../errors/appError';
import { parseAppConfig, type AppConfig } from './appConfig';

export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('CONFIG_INVALID', `The bot is not configured correctly:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { details: { problems } });
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Folder holding the .env.<name> files. */
  envDir: string;
  /** Defaults to process.cwd(). */
  cwd?: string;
}

const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * The env name comes from the process environment only (files cannot pick which file to read):
 * APP_ENV, else `production` when NODE_ENV=production (any case), else `local`.
 */
export function pickEnvName(env: Record<string, string | undefined>): { name: string; explicit: boolean } {
  const appEnv = env.APP_ENV?.trim();
  if (appEnv) return { name: appEnv, explicit: true };
  return { name: env.NODE_ENV?.trim().toLowerCase() === 'production' ? 'production' : 'local', explicit: false };
}

function readEnvFile(path: string, problems: string[]): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    problems.push(`${path}: could not be read (${error instanceof Error ? error.message : String(error)})`);
    return {};
  }
}

/** Throws ConfigError listing every problem; never returns a half-valid config. */
export function loadConfig(options: LoadConfigOptions): AppConfig {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  const { name, explicit } = pickEnvName(env);
  if (!ENV_NAME.test(name)) {
    throw new ConfigError([`APP_ENV: must be a short lower-case name like local, dev or production (got "${name.slice(0, 40)}")`]);
  }
  const basePath = join(options.envDir, `.env.${name}`);
  if (explicit && !existsSync(basePath)) problems.push(`APP_ENV: ${name} has no env file at ${basePath}`);
  const merged: Record<string, string | undefined> = {
    ...readEnvFile(basePath, problems),
    ...readEnvFile(`${basePath}.user`, problems),
  };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) merged[key] = value;
  }
  const result = parseAppConfig(merged, { appEnv: name, cwd: options.cwd ?? process.cwd() });
  if (!result.ok) problems.push(...result.problems);
  if (problems.length > 0 || !result.ok) throw new ConfigError(problems);
  return result.config;
}
