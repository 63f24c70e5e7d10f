// Whole-message commands matched before the planner (src/account/accountCommands.ts): "usage", "feedback report",
// "what do you keep about me?", "delete my data". They run their registry action directly.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ActionRegistry, PlannedAction } from '../actions/registry';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Reply } from '../views/reply';
import { noteTurnAction } from './replyRecorder';
import { actionContextFor, type ContinuationOptions } from './turnBridge';

export interface CommandRouteDeps {
  match(text: string): PlannedAction | undefined;
  registry: ActionRegistry<Reply>;
  cards: CardRenderer;
  continuation?: ContinuationOptions;
}

export function registerCommandRoutes(app: Application<TurnState>, deps: CommandRouteDeps): void {
  const commandOf = (context: TurnContext) =>
    context.activity.type === ActivityTypes.Message && typeof context.activity.text === 'string' ? deps.match(context.activity.text) : undefined;
  app.addRoute(
    async (context) => commandOf(context) !== undefined,
    async (context, state) => {
      const action = commandOf(context);
      if (!action) return;
      noteTurnAction(context, action);
      await deps.registry.run(action, actionContextFor(context, state, deps.cards, deps.continuation));
    },
  );
}
