// Captures where the bot can reach people later (src/contacts/contactBook.ts): every conversation a turn comes
// from, and, in a personal chat, the user with the e-mail address and UPN the Teams roster has for them
// (the connector's GET conversations/{id}/members/{userId}, what TeamsInfo.getMember calls), so a delegation to
// an address finds its owner's chat. Looked up once per user a week, in the background: a turn never waits for
// the roster, and a roster that cannot answer (no Teams, a test channel) only means the owner is reached by email.
import { TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Contact, ContactBook } from '../contacts/contactBook';
import { isEmailAddress } from '../mail/emailAddress';
import type { Logger } from '../logging/logger';
import type { TurnLogic } from './turnGate';
import { timeZoneOf } from './turnBridge';

const REFRESH_MS = 7 * 86_400_000;
/** After a roster lookup failed, the same user is not looked up again for this long (per process). */
const RETRY_MS = 60 * 60_000;

export interface ContactCaptureOptions {
  contacts: ContactBook;
  logger: Logger;
  now?: () => number;
}

/** Runs the turn after noting its conversation and sender; capture failures are logged, never the turn's problem. */
export function captureContacts(options: ContactCaptureOptions, logic: TurnLogic): TurnLogic {
  const now = options.now ?? Date.now;
  /** Conversations noted by this process, with the time zone noted (a new zone is noted again). */
  const seenConversations = new Map<string, string>();
  const failedAt = new Map<string, number>();
  const lookups = new Map<string, Promise<void>>();
  async function capture(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.serviceUrl) return;
    // Built only when something is noted: most turns come from a conversation already seen by a user already known.
    let built: Record<string, unknown> | undefined;
    const reference = () => (built ??= TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>);
    const zone = timeZoneOf(activity).timeZone;
    if (!seenConversations.has(conversationId) || (zone && seenConversations.get(conversationId) !== zone)) {
      await options.contacts.saveConversation(conversationId, reference(), zone);
      seenConversations.set(conversationId, zone ?? '');
    }
    const aad = activity.from?.aadObjectId;
    if (activity.conversation.conversationType !== 'personal' || !aad || !activity.from.id) return;
    const known = await options.contacts.byUser(aad);
    if (known && known.userId === activity.from.id && now() - known.updatedAt < REFRESH_MS) return;
    if (now() - (failedAt.get(aad) ?? -Infinity) < RETRY_MS || lookups.has(aad)) return;
    const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
    if (!client) return;
    const from = { aad, id: activity.from.id, name: activity.from.name, reference: reference() };
    const lookup = (async () => {
      failedAt.set(aad, now());
      const member = (await client.conversations.getConversationMember(conversationId, from.id)) as { email?: unknown; userPrincipalName?: unknown };
      const addresses = [member.email, member.userPrincipalName].filter((a): a is string => typeof a === 'string' && isEmailAddress(a.trim()));
      const contact: Contact = { aadObjectId: aad, userId: from.id, ...(from.name ? { name: from.name } : {}), addresses, reference: from.reference, updatedAt: now() };
      await options.contacts.save(contact);
      failedAt.delete(aad);
    })()
      .catch((error: unknown) => options.logger.debug({ err: error }, 'the Teams roster did not give this user\'s address'))
      .finally(() => lookups.delete(aad));
    lookups.set(aad, lookup);
  }
  return async (context) => {
    try {
      await capture(context);
    } catch (error) {
      options.logger.debug({ err: error }, 'could not note the conversation or its user for later messages');
    }
    await logic(context);
  };
}
