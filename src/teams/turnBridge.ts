// Builds what skills see (Viewer, ConversationMemory, reply) from a teams-ai turn, so skills stay transport-free.
import { TurnContext, type Activity } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { Person } from '../actions/pendingActions';
import type { ActionContext, Continuation, ConversationMemory } from '../actions/registry';
import type { Logger } from '../logging/logger';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Viewer } from '../posture/viewer';
import type { Reply } from '../views/reply';
import { MergingTurnState, type StateMerge } from './mergingTurnState';
import { toActivity } from './replyActivity';
import { carryRecorder, withReplyFacts } from './replyRecorder';
import { tenantOf, turnWritesOf } from './turnGate';
import { turnScopeOf } from './turnScope';

/** When set on a turn, replies are collected instead of sent (Action.Execute answers with a card in place). */
const COLLECTOR_KEY = Symbol('postureBot.replyCollector');

export function collectReplies(context: TurnContext): Reply[] {
  const collected: Reply[] = [];
  context.turnState.set(COLLECTOR_KEY, collected);
  return collected;
}

export function viewerOf(activity: Partial<Activity>): Viewer {
  const type = activity.conversation?.conversationType;
  const conversationType = type === 'personal' || type === 'groupChat' || type === 'channel' ? type : undefined;
  const tenantId = tenantOf(activity);
  // Built by assignment (several times a turn): the same keys, in the same order, as spreading each part.
  const viewer: { -readonly [K in keyof Viewer]: Viewer[K] } = {};
  if (activity.from?.aadObjectId) viewer.userId = activity.from.aadObjectId;
  if (tenantId) viewer.tenantId = tenantId;
  if (activity.from?.name) viewer.displayName = activity.from.name;
  if (conversationType) viewer.conversationType = conversationType;
  const { timeZone } = timeZoneOf(activity);
  if (timeZone !== undefined) viewer.timeZone = timeZone;
  const scope = turnScopeOf(activity);
  for (const key in scope) if (Object.hasOwn(scope, key)) return { ...viewer, ...scope };
  return viewer;
}

/** Teams and the Playground send the user's time zone in a clientInfo entity ({ type: 'clientInfo', timezone }). */
export function timeZoneOf(activity: Partial<Activity>): { timeZone?: string } {
  const info = activity.entities?.find((e) => e?.type === 'clientInfo') as { timezone?: unknown } | undefined;
  const zone = typeof info?.timezone === 'string' ? info.timezone.trim() : '';
  return zone && zone.length <= 64 ? { timeZone: zone } : {};
}

/** The sender: their Entra object id when Teams gives one, else the channel's own user id (never mixed up with it). */
export function actorOf(activity: Partial<Activity>): Person {
  const name = activity.from?.name?.trim();
  const id = activity.from?.aadObjectId ? activity.from.aadObjectId.toLowerCase() : `channel:${activity.from?.id ?? ''}`;
  const userId = activity.from?.id || undefined;
  return { id, ...(name ? { name } : {}), ...(userId ? { userId } : {}) };
}

export function conversationMemory(state: TurnState): ConversationMemory {
  // teams-ai types conversation state as an empty interface; it is a plain JSON record saved after the turn.
  const bag = state.conversation as Record<string, unknown>;
  return {
    get: <T>(key: string) => bag[key] as T | undefined,
    set: (key, value, merge) => {
      bag[key] = value;
      if (merge && state instanceof MergingTurnState) state.mergeConversationKey(key, merge as StateMerge);
    },
    delete: (key: string) => {
      delete bag[key];
    },
  };
}

export async function sendReply(context: TurnContext, reply: Reply, cards: CardRenderer): Promise<void> {
  const collector: unknown = context.turnState.get(COLLECTOR_KEY);
  if (Array.isArray(collector)) {
    collector.push(reply);
    return;
  }
  await context.sendActivity(activityFor(reply, cards));
}

/** The activity for a reply, carrying what the reply record needs (what it shows) beside it. */
export function activityFor(reply: Reply, cards: CardRenderer): Partial<Activity> {
  return withReplyFacts(toActivity(reply, cards), replyFacts(reply));
}

export const replyFacts = (reply: Reply) => ({
  ...(reply.recommendationIds ? { recommendationIds: reply.recommendationIds } : {}),
  content: reply.kind === 'card' ? reply.card.template : 'text',
});

export interface ContinuationOptions {
  /** The bot's app id (empty when unauthenticated, on a developer's machine). */
  botAppId: string;
  logger: Logger;
}

export function actionContextFor(context: TurnContext, state: TurnState, cards: CardRenderer, continuation?: ContinuationOptions): ActionContext<Reply> {
  return {
    viewer: viewerOf(context.activity),
    conversation: conversationMemory(state),
    actor: actorOf(context.activity),
    conversationId: context.activity.conversation?.id ?? '',
    reply: (message) => sendReply(context, message, cards),
    atTurnEnd: (update, failed) =>
      turnWritesOf(context)?.defer(update, (outcome) => {
        if (!outcome.ok) failed(outcome.error);
      }) ?? false,
    ...(continuation ? { later: (work: Parameters<NonNullable<ActionContext<Reply>['later']>>[0]) => continueLater(context, cards, continuation, work) } : {}),
  };
}

/** A proactive continuation of this conversation, started once the turn has answered. Errors are logged, never thrown. */
function continueLater(context: TurnContext, cards: CardRenderer, options: ContinuationOptions, work: (continuation: Continuation<Reply>) => Promise<void>): void {
  const reference = TurnContext.getConversationReference(context.activity);
  // The pressed card's message: Action.Execute and Action.Submit both name it in replyToId.
  const cardActivityId = context.activity.replyToId;
  const adapter = context.adapter;
  // The turn's context is revoked once the turn ends, which may be before the continuation starts.
  const carry = carryRecorder(context);
  setImmediate(() => {
    adapter
      .continueConversationAsync(options.botAppId, reference, async (later) => {
        carry(later);
        await work({
          reply: (message) => sendReply(later, message, cards),
          replaceCard: async (message) => {
            if (cardActivityId) {
              try {
                await later.updateActivity({ ...activityFor(message, cards), id: cardActivityId });
                return;
              } catch (error) {
                options.logger.warn({ err: error }, 'could not update the card in place; sending it as a new message');
              }
            }
            await later.sendActivity(activityFor(message, cards));
          },
        });
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'proactive continuation failed'));
  });
}
