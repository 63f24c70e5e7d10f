// The keyless planner: each message becomes registry actions planned locally, with no model and no network. The LLM
// planner can replace it and emit the same actions; the registry validates both the same way. It implements the
// SDK-free planner contract (src/actions/contracts/messagePlanner.ts); src/teams/plannerAdapter.ts hands it to teams-ai.
import { actionStep, type MessagePlan, type MessagePlanner, type PlanRequest } from '../actions/contracts/messagePlanner';
import type { Logger } from '../logging/logger';
import { readActiveList } from './activeList';
import { createConceptLexicon } from './conceptLexicon';
import { planMessage } from './planMessage';
import type { VocabularySource } from './vocabularyPort';

export interface KeylessPlannerOptions {
  /** The posture engine, or a getter when data loads (or reloads) after start; undefined means no data yet. */
  engine: VocabularySource | (() => VocabularySource | undefined);
  logger?: Logger;
  /** A list older than this no longer counts for follow-ups ("show more" a day later starts over). */
  activeListMaxAgeMs?: number;
}

/** Concept words still work without data; names simply find nothing. */
const NO_DATA: VocabularySource = { vocabulary: () => [] };

export function createKeylessPlanner(options: KeylessPlannerOptions): MessagePlanner {
  const lexicon = createConceptLexicon();
  const engineNow = typeof options.engine === 'function' ? options.engine : () => options.engine as VocabularySource;

  const plan = (request: PlanRequest): MessagePlan => {
    const activeList = readActiveList(request.conversation, options.activeListMaxAgeMs);
    // The debug line's fields (and its clock reads) only when it is written: at info, a plan builds none of them.
    const logged = options.logger?.isLevelEnabled('debug') ? options.logger : undefined;
    const started = logged ? performance.now() : 0;
    const actions = planMessage(request.text, {
      vocabulary: engineNow() ?? NO_DATA,
      viewer: request.viewer,
      hasActiveList: activeList !== undefined,
      ...(activeList ? { activeList } : {}),
      lexicon,
    });
    logged?.debug({ actions: actions.map((a) => a.name), ms: Math.round((performance.now() - started) * 100) / 100 }, 'keyless plan');
    return { steps: actions.map(actionStep) };
  };

  return { plan: async (request) => plan(request) };
}
