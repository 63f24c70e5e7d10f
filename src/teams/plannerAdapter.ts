// The one place a planner meets teams-ai: an SDK-free MessagePlanner (src/actions/contracts/messagePlanner.ts) as a
// teams-ai Planner. The turn's input (teams-ai's temp.input, else the activity's text), the conversation state and
// the viewer go in; planned actions come out as DO commands and texts as SAY commands, in order. One message is one
// plan: there is never a second step to continue.
import type { AI, Plan, Planner, PredictedCommand, PredictedDoCommand, PredictedSayCommand, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { MessagePlanner, PlanRequest, PlanStep } from '../actions/contracts/messagePlanner';
import type { PlannedAction } from '../actions/registry';
import { proseStreamOf } from './proseStreaming';
import { MODEL_STREAMED_INTENT, MODEL_WRITTEN_INTENT } from './sayAction';
import { viewerOf } from './turnBridge';

export function toTeamsPlanner(planner: MessagePlanner): Planner<TurnState> {
  return {
    beginTask: async (context: TurnContext, state: TurnState, _ai: AI<TurnState>): Promise<Plan> => {
      const plan = await planner.plan(planRequestOf(context, state));
      return { type: 'plan', commands: commandsOf(plan.steps) };
    },
    continueTask: async () => ({ type: 'plan', commands: [] }),
  };
}

export function planRequestOf(context: TurnContext, state: TurnState): PlanRequest {
  const conversation = conversationOf(state);
  // 1:1 chats stream model-written prose (src/teams/proseStreaming.ts); elsewhere it arrives as one message.
  const stream = proseStreamOf(context);
  return { text: inputOf(context, state), viewer: viewerOf(context.activity), ...(conversation ? { conversation } : {}), ...(stream ? { stream } : {}) };
}

/**
 * The steps as commands, in an array grown by push rather than made by `map`. V8 gives `map`'s result packed elements
 * while this function runs in the interpreter and holey ones once it is optimised (the inlined map), so teams-ai's
 * AI.run, which reads `plan.commands` and is compiled long before this small function, deoptimised on the changed
 * array map some two thousand turns in and was compiled again (one of the largest compiles of a warm turn). A pushed
 * array has the same elements kind in every tier.
 */
function commandsOf(steps: readonly PlanStep[]): PredictedCommand[] {
  const commands: PredictedCommand[] = [];
  for (const step of steps) commands.push(toCommand(step));
  return commands;
}

export function toCommand(step: PlanStep): PredictedCommand {
  if (step.kind === 'action') return doCommand(step.action);
  const say: PredictedSayCommand = { type: 'SAY', response: { role: 'assistant', content: step.text } };
  // Model-written prose is marked for the SAY action (src/teams/sayAction.ts): the AI label and its citations.
  if (step.ai) say.response.context = { intent: step.streamed ? MODEL_STREAMED_INTENT : MODEL_WRITTEN_INTENT, citations: step.ai.citations.map((c) => ({ title: c.name, content: c.abstract, url: c.url ?? null, filepath: null })) };
  return say;
}

/**
 * A planned action becomes a teams-ai DO command as it is: the planner does not validate. The registry is the one
 * place that does (one schema per action), when the command runs; an invalid one is refused there with a sentence
 * for the user and the structured problems in the log (registry.checkPlan gives the same list to a planner).
 */
export function doCommand(action: PlannedAction): PredictedDoCommand {
  return { type: 'DO', action: action.name, parameters: (action.parameters ?? {}) as Record<string, unknown> };
}

function inputOf(context: TurnContext, state: TurnState): string {
  const temp = loaded(() => (state as { temp?: { input?: unknown } }).temp);
  const input = temp && typeof temp.input === 'string' && temp.input.trim() ? temp.input : context.activity.text;
  return typeof input === 'string' ? input : '';
}

function conversationOf(state: TurnState): Record<string, unknown> | undefined {
  const conversation: unknown = loaded(() => state.conversation);
  return typeof conversation === 'object' && conversation !== null ? (conversation as Record<string, unknown>) : undefined;
}

/** teams-ai throws when state was not loaded (e.g. a bare test context): then there is no such state. */
function loaded<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
