// Routes Adaptive Card buttons: Action.Submit (a message with a value) and Action.Execute (an adaptiveCard/action
// invoke whose answer can replace the card in place). Both go through the card-action router and the registry.
import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ActionRegistry } from '../actions/registry';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Reply } from '../views/reply';
import type { CardActionOutcome, CardActionRouter } from './cardActionRouter';
import { noteInPlaceReply, noteTurnAction } from './replyRecorder';
import { actionContextFor, activityFor, collectReplies, conversationMemory, replyFacts, viewerOf, type ContinuationOptions } from './turnBridge';

interface CardRouteDeps {
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  cards: CardRenderer;
  continuation?: ContinuationOptions;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isSubmit = async (context: TurnContext) =>
  context.activity.type === ActivityTypes.Message && !context.activity.text && context.activity.value !== undefined;

const isExecute = async (context: TurnContext) => {
  const a = context.activity;
  return a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action' && isObject(a.value) && isObject(a.value.action) && a.value.action.type === 'Action.Execute';
};

/** Action.Execute puts the verb beside the data; the router sees one flat payload either way. */
function executePayload(value: unknown): unknown {
  const action = isObject(value) && isObject(value.action) ? value.action : {};
  const data = isObject(action.data) ? action.data : {};
  return { ...data, verb: action.verb };
}

export function registerCardActionRoutes(app: Application<TurnState>, deps: CardRouteDeps): void {
  const run = async (context: TurnContext, state: TurnState, outcome: CardActionOutcome) => {
    if (outcome.kind === 'action') {
      noteTurnAction(context, outcome.action);
      await deps.registry.run(outcome.action, { ...actionContextFor(context, state, deps.cards, deps.continuation), pressed: true });
      return;
    }
    // A prompt button behaves as if the user had typed the prompt.
    context.activity.text = outcome.text;
    state.temp.input = outcome.text;
    await app.ai.run(context, state);
  };
  const scope = (context: TurnContext, state: TurnState) => ({ conversation: conversationMemory(state), viewer: viewerOf(context.activity) });

  // A plain route rather than adaptiveCards.actionSubmit, which throws an untyped error on a non-object value.
  app.addRoute(isSubmit, async (context, state) => {
    await run(context, state, await deps.cardActions.resolve(context.activity.value, scope(context, state)));
  });

  app.adaptiveCards.actionExecute(isExecute, async (context, state): Promise<AdaptiveCard | string> => {
    const outcome = await deps.cardActions.resolve(executePayload(context.activity.value), scope(context, state));
    const replies = collectReplies(context);
    await run(context, state, outcome);
    const cardIndex = replies.findIndex((r) => r.kind === 'card');
    const [answer] = cardIndex >= 0 ? replies.splice(cardIndex, 1) : replies.splice(0, 1);
    // Replies beyond the one shown in place still reach the conversation as messages.
    for (const extra of replies.splice(0)) await context.sendActivity(activityFor(extra, deps.cards));
    if (!answer) return 'Done.';
    noteInPlaceReply(context, replyFacts(answer));
    if (answer.kind === 'text') return answer.text;
    const card = deps.cards.expand(answer.card);
    return { ...card, type: 'AdaptiveCard' };
  });
}
