// The keyless planner as a teams-ai Planner: each message becomes registry actions (DO commands) planned locally,
// with no model and no network. The LLM planner can replace it and emit the same actions; the registry validates
// both the same way.
import type { AI, Plan, Planner, PredictedDoCommand, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { PlannedAction } from '../actions/registry';
import type { Logger } from '../logging/logger';
import type { Viewer } from '../posture/viewer';
import { readActiveList } from './activeList';
import { createConceptLexicon } from './conceptLexicon';
import { planMessage } from './planMessage';
import type { VocabularySource } from './vocabularyPort';

export interface KeylessPlannerOptions {
  /** The posture engine, or a getter when data loads (or reloads) after start; undefined means no data yet. */
  engine: VocabularySource | (() => VocabularySource | undefined);
  logger?: Logger;
  /** How the transport turns an activity into a Viewer; a minimal reading of the activity by default. */
  viewerOf?: (context: TurnContext) => Viewer;
  /** A list older than this no longer counts for follow-ups ("show more" a day later starts over). */
  activeListMaxAgeMs?: number;
}

/** Concept words still work without data; names simply find nothing. */
const NO_DATA: VocabularySource = { vocabulary: () => [] };

export function createKeylessPlanner(options: KeylessPlannerOptions): Planner<TurnState> {
  const lexicon = createConceptLexicon();
  const engineNow = typeof options.engine === 'function' ? options.engine : () => options.engine as VocabularySource;
  const viewerOf = options.viewerOf ?? defaultViewer;

  const plan = (context: TurnContext, state: TurnState): Plan => {
    const text = inputOf(context, state);
    const activeList = readActiveList(conversationOf(state), options.activeListMaxAgeMs);
    const started = performance.now();
    const actions = planMessage(text, {
      vocabulary: engineNow() ?? NO_DATA,
      viewer: viewerOf(context),
      hasActiveList: activeList !== undefined,
      ...(activeList ? { activeList } : {}),
      lexicon,
    });
    const commands = actions.map(toCommand);
    options.logger?.debug({ actions: commands.map((c) => c.action), ms: Math.round((performance.now() - started) * 100) / 100 }, 'keyless plan');
    return { type: 'plan', commands };
  };

  return {
    beginTask: async (context: TurnContext, state: TurnState, _ai: AI<TurnState>) => plan(context, state),
    // One message, one plan: there is never a second step to continue.
    continueTask: async () => ({ type: 'plan', commands: [] }),
  };
}

/**
 * A planned action becomes a teams-ai DO command as it is: the planner does not validate. The registry is the one
 * place that does (one schema per action), when the command runs; an invalid one is refused there with a sentence
 * for the user and the structured problems in the log (registry.checkPlan gives the same list to a planner).
 */
export function toCommand(action: PlannedAction): PredictedDoCommand {
  return { type: 'DO', action: action.name, parameters: (action.parameters ?? {}) as Record<string, unknown> };
}

function inputOf(context: TurnContext, state: TurnState): string {
  const temp = (state as { temp?: { input?: unknown } }).temp;
  const input = temp && typeof temp.input === 'string' && temp.input.trim() ? temp.input : context.activity.text;
  return typeof input === 'string' ? input : '';
}

function conversationOf(state: TurnState): unknown {
  try {
    return state.conversation;
  } catch {
    // teams-ai throws when state was not loaded (e.g. a bare test context): treat as no conversation memory.
    return undefined;
  }
}

function defaultViewer(context: TurnContext): Viewer {
  const activity = context.activity;
  const type = activity.conversation?.conversationType;
  return {
    ...(activity.from?.aadObjectId ? { userId: activity.from.aadObjectId } : {}),
    ...(activity.conversation?.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(type === 'personal' || type === 'groupChat' || type === 'channel' ? { conversationType: type } : {}),
  };
}
