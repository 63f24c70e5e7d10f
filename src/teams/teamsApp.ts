// The teams-ai Application: card actions first (a Submit is a message with a value and no text), then install
// welcomes, then the AI system, whose planner may only name registry actions.
import { AI, Application, TurnState, type AuthenticationOptions, type Planner, type TeamsAdapter } from './teamsAi';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { ActionRegistry } from '../actions/registry';
import type { CardRenderer } from '../cards/cardRenderer';
import { AppError } from '../errors/appError';
import type { Viewer } from '../posture/viewer';
import type { Reply } from '../views/reply';
import type { CardActionRouter } from './cardActionRouter';
import { registerCardActionRoutes } from './cardActionRoutes';
import { MergingTurnState } from './mergingTurnState';
import { noteTurnAction } from './replyRecorder';
import { notePlannedAnswer } from './feedbackLoop';
import { registerSayAction } from './sayAction';
import type { ActivityDeduper } from './turnGate';
import { actionContextFor, sendReply, viewerOf, type ContinuationOptions } from './turnBridge';

export interface TeamsAppOptions {
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  planner: Planner<TurnState>;
  storage: Storage;
  cards: CardRenderer;
  /** Remembers which conversations were already greeted (the activity deduper serves). */
  welcomed: ActivityDeduper;
  /** The greeting card for where the bot was added (the help skill builds it). */
  welcome(viewer: Viewer): Reply;
  /** Absent in whole-turn tests (botbuilder TestAdapter drives app.run directly). */
  adapter?: TeamsAdapter;
  /** teams-ai adds `typing` activities to slow turns; tests turn it off. */
  startTypingTimer?: boolean;
  /** For proactive continuations (long side effects); none in whole-turn tests on a TestAdapter. */
  continuation?: ContinuationOptions;
  /** Teams SSO (see userScopeTurns.ts); none: no sign-in. */
  authentication?: AuthenticationOptions;
}

/**
 * Teams sends installationUpdate and conversationUpdate together on install, and they race: a flag in
 * conversation state would be read by both before either saved it. The deduper's create-only write is atomic.
 */
async function welcome(context: TurnContext, cards: CardRenderer, options: TeamsAppOptions): Promise<void> {
  const { channelId, conversation } = context.activity;
  if (!(await options.welcomed.firstSeen(`welcome|${channelId ?? ''}|${conversation?.id ?? ''}`))) return;
  await sendReply(context, options.welcome(viewerOf(context.activity)), cards);
}

export function createTeamsApp(options: TeamsAppOptions): Application<TurnState> {
  const { registry, cards } = options;
  const app = new Application<TurnState>({
    storage: options.storage,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ai: { planner: options.planner, allow_looping: false },
    removeRecipientMention: true,
    startTypingTimer: options.startTypingTimer ?? true,
    longRunningMessages: false,
    turnStateFactory: () => new MergingTurnState(),
    ...(options.authentication ? { authentication: options.authentication } : {}),
  });
  // teams-ai 1.7.4 keeps the startTypingTimer option but Application.run starts the timer on every message turn anyway.
  if (options.startTypingTimer === false) app.startTypingTimer = () => undefined;

  registerCardActionRoutes(app, { registry, cardActions: options.cardActions, cards, ...(options.continuation ? { continuation: options.continuation } : {}) });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await welcome(context, cards, options);
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = context.activity.action ?? '';
    if (action === 'add' || action === 'add-upgrade') await welcome(context, cards, options);
  });

  for (const definition of registry.list()) {
    app.ai.action(definition.name, async (context: TurnContext, state: TurnState, parameters: Record<string, unknown> | undefined) => {
      noteTurnAction(context, { name: definition.name, parameters: parameters ?? {} });
      notePlannedAnswer(context);
      await registry.run({ name: definition.name, parameters: parameters ?? {} }, actionContextFor(context, state, cards, options.continuation));
      // An empty output ends the plan step without asking the planner to continue.
      return '';
    });
  }
  registerSayAction(app, cards);
  // teams-ai's default only logs to the console and stops; refuse through the registry so the user hears why.
  app.ai.action(AI.UnknownActionName, async (_context: TurnContext, _state: TurnState, _plan: unknown, action: string | undefined) => {
    registry.validate({ name: action ?? '', parameters: {} });
    throw new AppError('INVALID_ACTION', undefined, { details: { action } });
  });
  return app;
}
