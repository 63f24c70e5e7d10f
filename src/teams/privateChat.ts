// A channel question that reaches beyond what the channel covers is answered in a private chat the bot starts
// itself: a proactive createConversation through the Bot Connector (the Teams tenant id and the asker's Entra
// object id), then the question runs there as a turn of its own, with the asker's own scope and nobody else
// reading. When the connector refuses or the adapter cannot create conversations, the caller falls back to a link.
import type { Activity, ConversationParameters, TurnContext } from 'botbuilder';
import { TurnContext as Context } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { withoutMentionMarkup } from '../planner/normalize';
import { tenantOf } from './turnGate';

export interface PrivateChatOptions {
  botAppId: string;
  /** Runs a turn (the bot's own turn handling) for the question asked again in the private chat. */
  run(context: TurnContext): Promise<void>;
  logger: Logger;
}

export const privateChatIntro = (question: string): string =>
  `You asked in a channel: "${question.slice(0, 300)}". It reaches beyond what that channel covers, so I answer here, with your own access.`;

/** The createConversation body for a 1:1 chat with the asker; undefined without a tenant or an Entra object id. */
export function privateChatParameters(activity: Partial<Activity>): ConversationParameters | undefined {
  const tenantId = tenantOf(activity);
  const userId = activity.from?.aadObjectId;
  if (!tenantId || !userId || !activity.recipient?.id) return undefined;
  return {
    isGroup: false,
    bot: { id: activity.recipient.id, name: activity.recipient.name ?? '' },
    members: [{ id: userId, name: '' }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  } as ConversationParameters;
}

type CreatesConversations = { createConversationAsync?: TurnContext['adapter']['createConversationAsync'] };

/** True when the question was answered in a new private chat; false when the caller should offer the link instead. */
export async function answerInPrivateChat(context: TurnContext, text: string, options: PrivateChatOptions): Promise<boolean> {
  const asked = context.activity;
  // The channel's @mention of the bot is not part of the question.
  const question = withoutMentionMarkup(text).replace(/\s+/g, ' ').trim();
  const parameters = privateChatParameters(asked);
  const adapter = context.adapter as CreatesConversations;
  if (!parameters || !asked.serviceUrl || !asked.channelId || typeof adapter.createConversationAsync !== 'function') return false;
  try {
    await adapter.createConversationAsync.call(context.adapter, options.botAppId, asked.channelId, asked.serviceUrl, '', parameters, async (created) => {
      const conversation = { ...created.activity.conversation, conversationType: 'personal', isGroup: false, tenantId: parameters.tenantId ?? '' };
      await created.sendActivity(privateChatIntro(question));
      // The question again, as the asker's own message in the new chat: a turn of its own (state, scope, replies).
      const again: Partial<Activity> = {
        type: 'message',
        id: `private-${asked.id ?? Date.now()}`,
        text: question,
        from: asked.from,
        recipient: asked.recipient,
        channelId: asked.channelId,
        serviceUrl: asked.serviceUrl,
        conversation: conversation as Activity['conversation'],
        channelData: { tenant: { id: parameters.tenantId } },
        timestamp: new Date(),
        ...(asked.locale ? { locale: asked.locale } : {}),
        ...(asked.entities ? { entities: asked.entities } : {}),
      };
      const turn = new Context(created.adapter, again);
      // The connector client, user token client and identity the adapter set up for the new conversation.
      created.turnState.forEach((value, key) => turn.turnState.set(key, value));
      await options.run(turn);
    });
    return true;
  } catch (error) {
    options.logger.warn({ kind: error instanceof Error ? error.name : 'unknown' }, 'could not start a private chat: offering the link instead');
    return false;
  }
}
