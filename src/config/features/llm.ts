// The language-model planner: which model (OpenAI, any OpenAI-compatible server, or Azure OpenAI with a key or
// keyless through Entra ID), whether tenant data may reach it, and its bounds. Without a model the keyless
// planner runs. Azure OpenAI wins when its endpoint is set; else OpenAI / a compatible server; else keyless.
import { z } from 'zod';
import { booleanText, defineFeature, optionalText, positiveInteger } from './feature';

export type LlmProvider =
  | { kind: 'openai'; apiKey: string; model: string; baseUrl?: string }
  | { kind: 'azure'; endpoint: string; deployment: string; apiVersion: string; apiKey?: string };

export interface LlmLimits {
  /** One request to the model, including the client's own retries' waits. */
  timeoutMs: number;
  /** Whole planning turn (all requests and repairs); past it the keyless planner answers. */
  turnBudgetMs: number;
  /** The openai client's retries on 429/5xx/connection errors (it honours Retry-After); the only retry layer. */
  maxRetries: number;
  /** How many times invalid tool arguments go back to the model before the turn falls back. */
  maxRepairs: number;
  /** Prompt tokens the planner may send per request (tools, context, history and the message). */
  promptTokenBudget: number;
  /** Tokens of conversation history kept (oldest dropped first). */
  historyTokenBudget: number;
}

export interface LlmConfig {
  llm: {
    /** 'llm' only when a provider is configured (or forced and configured). */
    planner: 'keyless' | 'llm';
    provider?: LlmProvider;
    /** An admin allowed tenant data (names, filters, context) to reach the external model. */
    dataConsent: boolean;
    limits: LlmLimits;
  };
}

/** The Azure OpenAI data-plane version used when AZURE_OPENAI_API_VERSION is not set. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

const url = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), { message: 'must be an http(s) URL' });

export const llmFeature = defineFeature<LlmConfig>({
  name: 'llm',
  schema: () =>
    z
      .object({
        PLANNER: optionalText.pipe(z.enum(['keyless', 'llm']).optional()),
        OPENAI_API_KEY: optionalText,
        OPENAI_MODEL: optionalText,
        OPENAI_BASE_URL: url,
        AZURE_OPENAI_ENDPOINT: url,
        AZURE_OPENAI_DEPLOYMENT: optionalText,
        AZURE_OPENAI_API_VERSION: optionalText,
        AZURE_OPENAI_API_KEY: optionalText,
        LLM_DATA_CONSENT: booleanText(false),
        LLM_TIMEOUT_MS: positiveInteger(15_000, 600_000),
        LLM_TURN_BUDGET_MS: positiveInteger(25_000, 600_000),
        LLM_MAX_RETRIES: optionalText.pipe(z.coerce.number().int().min(0).max(5).optional()),
        LLM_MAX_REPAIRS: optionalText.pipe(z.coerce.number().int().min(0).max(5).optional()),
        LLM_PROMPT_TOKEN_BUDGET: positiveInteger(12_000, 200_000),
        LLM_HISTORY_TOKEN_BUDGET: positiveInteger(800, 100_000),
      })
      .transform((e): LlmConfig => {
        const provider = providerOf(e);
        const wanted = e.PLANNER ?? (provider ? 'llm' : 'keyless');
        return {
          llm: {
            planner: wanted === 'llm' && provider ? 'llm' : 'keyless',
            ...(provider ? { provider } : {}),
            dataConsent: e.LLM_DATA_CONSENT,
            limits: {
              timeoutMs: e.LLM_TIMEOUT_MS,
              turnBudgetMs: e.LLM_TURN_BUDGET_MS,
              maxRetries: e.LLM_MAX_RETRIES ?? 2,
              maxRepairs: e.LLM_MAX_REPAIRS ?? 2,
              promptTokenBudget: e.LLM_PROMPT_TOKEN_BUDGET,
              historyTokenBudget: e.LLM_HISTORY_TOKEN_BUDGET,
            },
          },
        };
      }),
  rules: (raw) => {
    const problems: string[] = [];
    if (raw('AZURE_OPENAI_ENDPOINT') && !raw('AZURE_OPENAI_DEPLOYMENT')) problems.push('AZURE_OPENAI_DEPLOYMENT: must be set with AZURE_OPENAI_ENDPOINT (the deployment name of the model)');
    if (!raw('AZURE_OPENAI_ENDPOINT') && raw('OPENAI_API_KEY') && !raw('OPENAI_MODEL')) problems.push('OPENAI_MODEL: must be set with OPENAI_API_KEY (for example gpt-4o-mini)');
    if (!raw('AZURE_OPENAI_ENDPOINT') && raw('OPENAI_BASE_URL') && !raw('OPENAI_MODEL')) problems.push('OPENAI_MODEL: must be set with OPENAI_BASE_URL (the model name the server serves)');
    if (raw('PLANNER').toLowerCase() === 'llm' && !raw('AZURE_OPENAI_ENDPOINT') && !raw('OPENAI_API_KEY') && !raw('OPENAI_BASE_URL')) {
      problems.push('PLANNER: llm needs a model: set AZURE_OPENAI_ENDPOINT, OPENAI_API_KEY or OPENAI_BASE_URL');
    }
    return problems;
  },
});

interface RawLlmEnv {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_MODEL?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  AZURE_OPENAI_ENDPOINT?: string | undefined;
  AZURE_OPENAI_DEPLOYMENT?: string | undefined;
  AZURE_OPENAI_API_VERSION?: string | undefined;
  AZURE_OPENAI_API_KEY?: string | undefined;
}

function providerOf(e: RawLlmEnv): LlmProvider | undefined {
  if (e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT) {
    return {
      kind: 'azure',
      endpoint: e.AZURE_OPENAI_ENDPOINT,
      deployment: e.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: e.AZURE_OPENAI_API_VERSION ?? DEFAULT_AZURE_API_VERSION,
      ...(e.AZURE_OPENAI_API_KEY ? { apiKey: e.AZURE_OPENAI_API_KEY } : {}),
    };
  }
  if (e.AZURE_OPENAI_ENDPOINT) return undefined;
  // A compatible server (Ollama, vLLM, LM Studio) may need no key; the client still sends one.
  if (e.OPENAI_MODEL && (e.OPENAI_API_KEY || e.OPENAI_BASE_URL)) {
    return { kind: 'openai', apiKey: e.OPENAI_API_KEY ?? 'none', model: e.OPENAI_MODEL, ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}) };
  }
  return undefined;
}

/** Startup's one line: which planner and model answer. */
export function describePlanner(config: Pick<LlmConfig['llm'], 'planner'> & Partial<LlmConfig['llm']>): string {
  if (config.planner === 'keyless' || !config.provider) return 'keyless planner (no language model)';
  const p = config.provider;
  const model = p.kind === 'azure' ? `Azure OpenAI deployment "${p.deployment}" at ${hostOf(p.endpoint)} (${p.apiKey ? 'API key' : 'Entra ID, keyless'})` : `model "${p.model}" at ${p.baseUrl ? hostOf(p.baseUrl) : 'OpenAI'}`;
  return `LLM planner: ${model}; tenant data to the model: ${config.dataConsent ? 'allowed (LLM_DATA_CONSENT=true)' : 'once an admin allows it in chat ("allow the language model"); until then the model plans from the message and the tool list only'}; keyless planner as fallback`;
}

export function hostOf(value: string): string {
  try {
    return new URL(value).host;
  } catch {
    return value;
  }
}
