// Whether posture data may reach the configured language model, per tenant. Two sources: the operator's setting
// (LLM_DATA_CONSENT=true, which overrides everything) and an administrator's decision in chat ("allow the language
// model" / "stop using the language model"), kept as one record per tenant in the records store: who decided, when,
// and for which model. A decision names the model it was given for: pointing the bot at another model or endpoint
// needs a new one. The planner reads this on every turn; a short cache keeps that off the store (another replica
// sees a change within CACHE_MS).
import { hostOf, type LlmConfig } from '../config/features/llm';
import type { RecordsStore } from '../storage/recordsStore';

export const MODEL_CONSENT_COLLECTION = 'model-consent';
export const CONSENT_CACHE_MS = 30_000;

/** The model the data would go to, as the confirmation card and the status show it. */
export interface ModelTarget {
  /** "OpenAI-compatible server" or "Azure OpenAI". */
  service: string;
  /** Host the requests go to ("api.openai.com", "contoso.openai.azure.com"). */
  endpoint: string;
  /** Model name, or the Azure deployment. */
  model: string;
}

export interface ModelConsentRecord {
  allowed: boolean;
  /** Entra object id and display name of the admin who decided. */
  by: string;
  byName?: string;
  at: number;
  target: ModelTarget;
}

export type ConsentState =
  | { allowed: true; source: 'setting' }
  | { allowed: true; source: 'admin'; record: ModelConsentRecord }
  /** Nobody allowed it, an admin withdrew it, or it was given for another model. */
  | { allowed: false; record?: ModelConsentRecord };

export interface ModelConsent {
  /** The model data would go to; undefined when no model is configured. */
  readonly target: ModelTarget | undefined;
  /** The operator's LLM_DATA_CONSENT. */
  readonly setting: boolean;
  state(tenantId: string | undefined): Promise<ConsentState>;
  decide(tenantId: string | undefined, decision: Omit<ModelConsentRecord, 'target'>): Promise<ModelConsentRecord>;
}

export interface ModelConsentOptions {
  setting: boolean;
  target: ModelTarget | undefined;
  now?: () => number;
  cacheMs?: number;
}

/** Conversations without a tenant (the emulator, the Playground) share one record. */
export const tenantKey = (tenantId: string | undefined): string => tenantId?.trim().toLowerCase() || 'no-tenant';

export const sameTarget = (a: ModelTarget, b: ModelTarget): boolean => a.service === b.service && a.endpoint.toLowerCase() === b.endpoint.toLowerCase() && a.model === b.model;

export function describeTarget(target: ModelTarget): string {
  return `${target.model} (${target.service} at ${target.endpoint})`;
}

export function createModelConsent(records: RecordsStore, options: ModelConsentOptions): ModelConsent {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? CONSENT_CACHE_MS;
  const cache = new Map<string, { at: number; record: ModelConsentRecord | undefined }>();

  const read = async (key: string): Promise<ModelConsentRecord | undefined> => {
    const cached = cache.get(key);
    if (cached && now() - cached.at < cacheMs) return cached.record;
    const record = (await records.get<ModelConsentRecord>(MODEL_CONSENT_COLLECTION, key))?.value;
    cache.set(key, { at: now(), record });
    return record;
  };

  return {
    target: options.target,
    setting: options.setting,
    async state(tenantId) {
      if (options.setting) return { allowed: true, source: 'setting' };
      const record = await read(tenantKey(tenantId));
      if (record?.allowed && options.target && sameTarget(record.target, options.target)) return { allowed: true, source: 'admin', record };
      return record ? { allowed: false, record } : { allowed: false };
    },
    async decide(tenantId, decision) {
      if (!options.target) throw new Error('no language model is configured');
      const key = tenantKey(tenantId);
      const record: ModelConsentRecord = { ...decision, target: options.target };
      await records.put(MODEL_CONSENT_COLLECTION, key, record);
      cache.set(key, { at: now(), record });
      return record;
    },
  };
}

/** The configured model as a target; undefined for the keyless planner. */
export function modelTargetOf(config: Pick<LlmConfig['llm'], 'planner' | 'provider'> | undefined): ModelTarget | undefined {
  const p = config?.planner === 'llm' ? config.provider : undefined;
  if (!p) return undefined;
  if (p.kind === 'azure') return { service: 'Azure OpenAI', endpoint: hostOf(p.endpoint), model: p.deployment };
  return { service: p.baseUrl ? 'OpenAI-compatible server' : 'OpenAI', endpoint: p.baseUrl ? hostOf(p.baseUrl) : 'api.openai.com', model: p.model };
}

/**
 * Which model plans and what reaches it, once an administrator allowed posture data: said once per conversation (and
 * again after a change), so people know a language model reads their messages.
 */
export function withConsentNotice(target: ModelTarget): string {
  return `(${describeTarget(target)} picks the actions for your messages. An administrator allowed sending it, with each message, the names in the posture data that match it and what is on screen (list size and filter); the lists, counts and cards come from your data here, not from the model.)`;
}

/**
 * Why the model plans without the tenant's data: said once per conversation (and again after a change). It names
 * the model that answers and that no posture data reaches it until an administrator allows it.
 */
export function withoutConsentNotice(state: ConsentState, target: ModelTarget): string {
  const record = state.allowed ? undefined : state.record;
  const why = !record
    ? 'no administrator has allowed sending posture data to it yet'
    : !record.allowed
      ? `an administrator stopped sending posture data to it on ${new Date(record.at).toISOString().slice(0, 10)}`
      : `posture data was allowed for ${describeTarget(record.target)}, not for this model`;
  return `(${describeTarget(target)} picks the actions from your message and the list of things I can do only: ${why}, so no posture data and no results are sent to it; the answers come from your data here. An administrator can say "allow the language model".)`;
}
