// Messages the bot starts on its own (an owner's card, reminders, digests): sent into a stored conversation
// reference through the adapter's continueConversation. The sender exists before the bot does (skills are built
// first) and is attached to the adapter once createBot made it; until then it says it cannot send.
import type { ConversationReference } from 'botbuilder';
import type { CloudAdapterBase } from 'botbuilder';
import type { StoredReference } from '../contacts/contactBook';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Reply } from '../views/reply';
import { activityFor } from './turnBridge';

export interface ProactiveSender {
  /** Sends `message` into the referenced conversation; returns the new activity's id when the service gave one. */
  send(reference: StoredReference, message: Reply): Promise<{ activityId?: string }>;
  /** createBot calls it with its adapter and card renderer. */
  attach(adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>, cards: CardRenderer): void;
}

export function createProactiveSender(options: { botAppId: string }): ProactiveSender {
  let adapter: Pick<CloudAdapterBase, 'continueConversationAsync'> | undefined;
  let cards: CardRenderer | undefined;
  return {
    attach(nextAdapter, nextCards) {
      adapter = nextAdapter;
      cards = nextCards;
    },
    async send(reference, message) {
      if (!adapter || !cards) throw new Error('the bot is not running yet: no adapter to send with');
      const renderer = cards;
      let activityId: string | undefined;
      await adapter.continueConversationAsync(options.botAppId, reference as unknown as Partial<ConversationReference>, async (context) => {
        activityId = (await context.sendActivity(activityFor(message, renderer)))?.id;
      });
      return activityId ? { activityId } : {};
    },
  };
}
