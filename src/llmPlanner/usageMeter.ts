// Tokens the model used, per day and model, in the records store (collection `llm-usage`): what the usage meter
// and cost reports read. Counting never fails a turn: a lost write is logged.
import type { Logger } from '../logging/logger';
import type { RecordsStore } from '../storage/recordsStore';
import type { FallbackReason, TokenUsage } from './planLoop';

export const LLM_USAGE_COLLECTION = 'llm-usage';

export interface LlmUsageRecord {
  day: string;
  model: string;
  turns: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Turns answered by the keyless planner instead, by reason. */
  fallbacks: Partial<Record<FallbackReason, number>>;
}

export interface LlmUsageMeter {
  add(model: string, usage: TokenUsage, fallback?: FallbackReason): Promise<void>;
}

export function createLlmUsageMeter(records: RecordsStore, options: { logger?: Logger; now?: () => number } = {}): LlmUsageMeter {
  const now = options.now ?? Date.now;
  return {
    async add(model, usage, fallbackReason) {
      const day = new Date(now()).toISOString().slice(0, 10);
      const id = `${day}|${model}`;
      // Another process may count the same day: retry on a conflict, a few times.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        try {
          const stored = await records.get<LlmUsageRecord>(LLM_USAGE_COLLECTION, id);
          const base: LlmUsageRecord = stored?.value ?? { day, model, turns: 0, requests: 0, promptTokens: 0, completionTokens: 0, fallbacks: {} };
          const next: LlmUsageRecord = {
            ...base,
            turns: base.turns + 1,
            requests: base.requests + usage.requests,
            promptTokens: base.promptTokens + usage.promptTokens,
            completionTokens: base.completionTokens + usage.completionTokens,
            fallbacks: fallbackReason ? { ...base.fallbacks, [fallbackReason]: (base.fallbacks[fallbackReason] ?? 0) + 1 } : base.fallbacks,
          };
          await records.put(LLM_USAGE_COLLECTION, id, next, { ifMatch: stored?.etag ?? '*' });
          return;
        } catch (error) {
          if ((error as { code?: unknown }).code === 'STORAGE_CONFLICT' && attempt < 4) continue;
          options.logger?.warn({ err: error, model }, 'llm usage not counted');
          return;
        }
      }
    },
  };
}
