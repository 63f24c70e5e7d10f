// Picks the planner from configuration: the keyless one unless a model is configured (or PLANNER=keyless forces
// it); with a model, the LLM planner with the keyless one as its fallback. The composition root calls this once.
// The LLM stack is required only when it is used, so a keyless bot loads none of it.
import type { MessagePlanner } from '../actions/contracts/messagePlanner';
import type { ActionRegistry } from '../actions/registry';
import { describePlanner, type LlmConfig } from '../config/features/llm';
import type { Logger } from '../logging/logger';
import type { VocabularySource } from '../planner/vocabularyPort';
import type { RecordsStore } from '../storage/recordsStore';
import type { ChatModel, TokenCredential } from './chatModel';
import type { ModelConsent } from './modelConsent';

export interface ChoosePlannerDeps {
  keyless: MessagePlanner;
  registry: Pick<ActionRegistry, 'list' | 'checkPlan'>;
  engine: () => VocabularySource | undefined;
  records?: RecordsStore;
  /** Per-tenant consent read on each turn; none: LLM_DATA_CONSENT alone decides what is sent (no gate). */
  consent?: ModelConsent;
  logger: Logger;
  /** Tests: a fake Entra ID credential, or a scripted model instead of the configured one. */
  credential?: TokenCredential;
  model?: ChatModel;
}

/** `config` may be absent where a caller builds a partial AppConfig (tests): the keyless planner then. */
export function choosePlanner(config: LlmConfig['llm'] | undefined, deps: ChoosePlannerDeps): { planner: MessagePlanner; description: string } {
  if (!config || config.planner !== 'llm' || !config.provider) {
    const description = describePlanner({ planner: 'keyless' });
    deps.logger.info({ planner: 'keyless' }, description);
    return { planner: deps.keyless, description };
  }
  const description = describePlanner(config);
  deps.logger.info({ planner: 'llm', model: config.provider.kind === 'azure' ? config.provider.deployment : config.provider.model }, description);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLlmStack } = require('./llmStack') as typeof import('./llmStack');
  return { planner: createLlmStack({ ...config, provider: config.provider }, deps), description };
}
