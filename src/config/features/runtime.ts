// Which environment the bot runs in: production is detected case-insensitively from NODE_ENV, and from
// APP_ENV=production; an unknown NODE_ENV is warned about (a typo must not silently mean "development").
import { z } from 'zod';
import { LOG_LEVELS } from '../logLevels';
import { defineFeature, optionalText, type RawEnv } from './feature';

const KNOWN_NODE_ENVS = ['production', 'development', 'test'];

export function isProduction(env: RawEnv, appEnv: string): boolean {
  return (env.NODE_ENV ?? '').trim().toLowerCase() === 'production' || appEnv.trim().toLowerCase() === 'production';
}

export function runtimeWarnings(env: RawEnv): string[] {
  const nodeEnv = (env.NODE_ENV ?? '').trim();
  if (nodeEnv === '' || KNOWN_NODE_ENVS.includes(nodeEnv.toLowerCase())) return [];
  return [`NODE_ENV: "${nodeEnv.slice(0, 40)}" is not one of ${KNOWN_NODE_ENVS.join(', ')}; the bot runs as non-production`];
}

export interface RuntimeConfig {
  appEnv: string;
  production: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
}

export const runtimeFeature = defineFeature<RuntimeConfig>({
  name: 'runtime',
  schema: (context) =>
    z
      .object({
        NODE_ENV: optionalText,
        LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.enum(LOG_LEVELS).default('info')),
      })
      .transform((e) => ({ appEnv: context.appEnv, production: context.production, logLevel: e.LOG_LEVEL })),
});
