// The contract every feature's configuration follows: its own zod schema over the environment variables it owns,
// plus cross-field rules that read the raw values (so they are reported even when another field fails to parse).
import { z } from 'zod';

export type RawEnv = Record<string, string | undefined>;

export interface FeatureContext {
  /** Which env/.env.<name> files were read. */
  appEnv: string;
  production: boolean;
  /** Relative paths are resolved against it. */
  cwd: string;
}

export interface ConfigFeature<T> {
  name: string;
  /** Parses this feature's variables into its slice of AppConfig; unknown variables are ignored. */
  schema: (context: FeatureContext) => z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Rules across this feature's variables, as `NAME: problem` lines. */
  rules?: (raw: (name: string) => string, context: FeatureContext) => string[];
}

export const defineFeature = <T>(feature: ConfigFeature<T>): ConfigFeature<T> => feature;

// Env files often carry `NAME=` placeholders: an empty value means "not set".
export const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

export const booleanText = (fallback: boolean) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const lower = v.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be true, false, 1 or 0 (got "${v.slice(0, 20)}")` });
    return z.NEVER;
  });

/** A positive whole number (of hours, days, seconds …) with a default. */
export const positiveInteger = (fallback: number, max = 1_000_000) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from 1 to ${max} (got "${v.slice(0, 20)}")` });
      return z.NEVER;
    }
    return n;
  });
