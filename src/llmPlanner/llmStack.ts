// The LLM planner with its model client, usage meter and fallback, built from configuration. Loaded only when a
// model is configured (src/llmPlanner/choosePlanner.ts requires it lazily): the openai client, @azure/identity and
// the tokenizer's tables cost startup time and memory a keyless bot does not need.
import type { MessagePlanner } from '../actions/contracts/messagePlanner';
import type { LlmConfig, LlmProvider } from '../config/features/llm';
import type { ChoosePlannerDeps } from './choosePlanner';
import { createChatModel } from './chatModel';
import { createLlmPlanner, suggestionsOf } from './llmPlanner';
import { createLlmUsageMeter } from './usageMeter';

export function createLlmStack(config: LlmConfig['llm'] & { provider: LlmProvider }, deps: ChoosePlannerDeps): MessagePlanner {
  const model = deps.model ?? createChatModel({ provider: config.provider, limits: config.limits, ...(deps.credential ? { credential: deps.credential } : {}) });
  return createLlmPlanner({
    model,
    registry: deps.registry,
    keyless: deps.keyless,
    suggest: suggestionsOf(deps.keyless),
    engine: deps.engine,
    dataConsent: config.dataConsent,
    ...(deps.consent ? { consent: deps.consent } : {}),
    limits: config.limits,
    ...(deps.records ? { usage: createLlmUsageMeter(deps.records, { logger: deps.logger }) } : {}),
    logger: deps.logger,
  });
}
