// Builds what skills see (Viewer, ConversationMemory, reply) from a teams-ai turn, so skills stay transport-free.
import type { Activity, TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { Person } from '../actions/pendingActions';
import type { ActionContext, ConversationMemory } from '../actions/registry';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Viewer } from '../posture/viewer';
import type { Reply } from '../views/reply';
import { toActivity } from './replyActivity';
import { tenantOf } from './turnGate';

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
  return {
    ...(activity.from?.aadObjectId ? { userId: activity.from.aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(conversationType ? { conversationType } : {}),
  };
}

/** The sender: their Entra object id when Teams gives one, else the channel's own user id (never mixed up with it). */
export function actorOf(activity: Partial<Activity>): Person {
  const name = activity.from?.name?.trim();
  const id = activity.from?.aadObjectId ? activity.from.aadObjectId.toLowerCase() : `channel:${activity.from?.id ?? ''}`;
  return name ? { id, name } : { id };
}

export function conversationMemory(state: TurnState): ConversationMemory {
  // teams-ai types conversation state as an empty interface; it is a plain JSON record saved after the turn.
  const bag = state.conversation as Record<string, unknown>;
  return {
    get: <T>(key: string) => bag[key] as T | undefined,
    set: <T>(key: string, value: T) => {
      bag[key] = value;
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
  await context.sendActivity(toActivity(reply, cards));
}

export function actionContextFor(context: TurnContext, state: TurnState, cards: CardRenderer): ActionContext<Reply> {
  return {
    viewer: viewerOf(context.activity),
    conversation: conversationMemory(state),
    actor: actorOf(context.activity),
    conversationId: context.activity.conversation?.id ?? '',
    reply: (message) => sendReply(context, message, cards),
  };
}
