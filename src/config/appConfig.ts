// The bot's whole configuration, composed from each feature's own schema (src/config/features/*.ts) and parsed
// once by the composition root. A new capability adds its settings in its own file and one line in FEATURES.
import type { z } from 'zod';
import { authFeature, type AuthConfig } from './features/auth';
import { confirmationFeature, type ConfirmationConfig } from './features/confirmation';
import { deliveryFeature, type DeliveryConfig } from './features/delivery';
import { delegateFeature, type DelegateConfig } from './features/delegate';
import { llmFeature, type LlmConfig } from './features/llm';
import { historyFeature, type HistoryConfig } from './features/history';
import { iacFeature, type IacConfig } from './features/iac';
import type { ConfigFeature, FeatureContext, RawEnv } from './features/feature';
import { postureFeature, type PostureConfig } from './features/posture';
import { postureSourceFeature, type PostureSourceConfig } from './features/postureSource';
import { retentionFeature, type RetentionConfig } from './features/retention';
import { isProduction, runtimeFeature, runtimeWarnings, type RuntimeConfig } from './features/runtime';
import { scriptLinksFeature, type ScriptLinksConfig } from './features/scriptLinks';
import { serverFeature, type ServerConfig } from './features/server';
import { feedbackFeature, type FeedbackConfig } from './features/feedback';
import { usageFeature, type UsageConfig } from './features/usage';
import { privacyFeature, type PrivacyConfig } from './features/privacy';
import { storageFeature, type StorageConfig } from './features/storage';
import { userScopeFeature, type UserScopeConfig } from './features/userScope';
import { telemetryFeature, type TelemetryConfig } from './features/telemetry';

export { BOT_TYPES, type BotIdentity, type BotType } from './features/auth';
export { LOG_LEVELS } from './logLevels';

export type AppConfig = RuntimeConfig &
  ServerConfig &
  StorageConfig &
  AuthConfig &
  PostureConfig &
  PostureSourceConfig &
  RetentionConfig &
  DeliveryConfig &
  ConfirmationConfig &
  ScriptLinksConfig &
  DelegateConfig &
  LlmConfig &
  HistoryConfig &
  FeedbackConfig &
  UsageConfig &
  PrivacyConfig &
  UserScopeConfig &
  TelemetryConfig &

  IacConfig & {
    /** Things worth saying at startup that do not stop it (an unknown NODE_ENV). */
    warnings: string[];
  };

/** Every feature's configuration; the order is the order problems are listed in. */
export const FEATURES: ReadonlyArray<ConfigFeature<object>> = [runtimeFeature, serverFeature, storageFeature, authFeature, postureFeature, postureSourceFeature, retentionFeature, deliveryFeature, confirmationFeature, scriptLinksFeature, delegateFeature, llmFeature, historyFeature, feedbackFeature, usageFeature, privacyFeature, iacFeature, userScopeFeature, telemetryFeature];

export interface ParseOptions {
  appEnv: string;
  /** Relative paths (DATA_DIR, POSTURE_SNAPSHOT) are resolved against it. */
  cwd: string;
}

export type ParseResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const describe = (issues: z.ZodIssue[]) => issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);

/** Validates the merged environment against every feature; collects every problem instead of stopping at the first. */
export function parseAppConfig(env: RawEnv, options: ParseOptions, features: ReadonlyArray<ConfigFeature<object>> = FEATURES): ParseResult {
  const context: FeatureContext = { appEnv: options.appEnv, production: isProduction(env, options.appEnv), cwd: options.cwd };
  const raw = (name: string) => (env[name] ?? '').trim();
  const problems: string[] = [];
  let config: Record<string, unknown> = {};
  for (const feature of features) {
    const parsed = feature.schema(context).safeParse(env);
    if (parsed.success) config = { ...config, ...parsed.data };
    else problems.push(...describe(parsed.error.issues));
    problems.push(...(feature.rules?.(raw, context) ?? []));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { ...(config as Omit<AppConfig, 'warnings'>), warnings: runtimeWarnings(env) } };
}
