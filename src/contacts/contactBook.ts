// Who the bot can reach in Teams, and where: one record per Teams user the bot has a personal chat with (their
// conversation reference, kept as opaque JSON), found by their Entra object id or by an e-mail address / UPN the
// Teams roster gave for them, and one record per conversation (group chats and channels a delegation started in),
// for messages the bot sends later on its own (owner cards, reminders, digests). Stored through the RecordsStore
// port, so every replica sees the same contacts.
import type { RecordsStore } from '../storage/recordsStore';
import { allRecords } from '../storage/recordPages';

export const CONTACTS_COLLECTION = 'teamsContacts';

/** A botbuilder ConversationReference as stored: only the transport reads inside it. */
export type StoredReference = Record<string, unknown>;

export interface Contact {
  /** Entra object id, lower case. */
  aadObjectId: string;
  /** The channel's id of the user (29:…): Universal Actions' refresh.userIds name it. */
  userId: string;
  name?: string;
  /** Lower-case e-mail and UPN from the roster; empty when the roster gave none. */
  addresses: string[];
  /** The personal chat with the bot. */
  reference: StoredReference;
  updatedAt: number;
}

export interface ContactBook {
  byUser(aadObjectId: string): Promise<Contact | undefined>;
  byAddress(address: string): Promise<Contact | undefined>;
  save(contact: Contact): Promise<void>;
  conversation(conversationId: string): Promise<StoredReference | undefined>;
  /** The IANA time zone the conversation's user sent (Teams' clientInfo), for messages at a local time of day. */
  conversationTimeZone(conversationId: string): Promise<string | undefined>;
  saveConversation(conversationId: string, reference: StoredReference, timeZone?: string): Promise<void>;
  /**
   * Deletes what is kept to reach this person: their record, every address link naming them (also links left from an
   * older roster) and the given conversations' references. Returns how many records went.
   */
  forget(aadObjectId: string, conversationIds: readonly string[]): Promise<number>;
}

const userKey = (aad: string) => `user:${aad.toLowerCase()}`;
const addressKey = (address: string) => `mail:${address.trim().toLowerCase()}`;
const conversationKey = (id: string) => `conv:${id}`;

export function createContactBook(records: RecordsStore): ContactBook {
  const byUser = async (aad: string) => (await records.get<Contact>(CONTACTS_COLLECTION, userKey(aad)))?.value;
  return {
    byUser,
    async byAddress(address) {
      const link = await records.get<{ aadObjectId: string }>(CONTACTS_COLLECTION, addressKey(address));
      if (!link) return undefined;
      const contact = await byUser(link.value.aadObjectId);
      // The address must still be the user's: a roster change moves it to whoever has it now.
      return contact?.addresses.includes(address.trim().toLowerCase()) ? contact : undefined;
    },
    async save(contact) {
      const stored: Contact = { ...contact, aadObjectId: contact.aadObjectId.toLowerCase(), addresses: [...new Set(contact.addresses.map((a) => a.trim().toLowerCase()))] };
      await records.put(CONTACTS_COLLECTION, userKey(stored.aadObjectId), stored);
      for (const address of stored.addresses) await records.put(CONTACTS_COLLECTION, addressKey(address), { aadObjectId: stored.aadObjectId });
    },
    async conversation(conversationId) {
      return (await records.get<{ reference: StoredReference }>(CONTACTS_COLLECTION, conversationKey(conversationId)))?.value.reference;
    },
    async conversationTimeZone(conversationId) {
      return (await records.get<{ timeZone?: string }>(CONTACTS_COLLECTION, conversationKey(conversationId)))?.value.timeZone;
    },
    async saveConversation(conversationId, reference, timeZone) {
      await records.put(CONTACTS_COLLECTION, conversationKey(conversationId), { reference, ...(timeZone ? { timeZone } : {}) });
    },
    async forget(aadObjectId, conversationIds) {
      const aad = aadObjectId.toLowerCase();
      const doomed = [userKey(aad), ...conversationIds.map(conversationKey)];
      for await (const link of allRecords<{ aadObjectId?: unknown }>(records, CONTACTS_COLLECTION, { prefix: 'mail:' })) {
        if (typeof link.value.aadObjectId === 'string' && link.value.aadObjectId.toLowerCase() === aad) doomed.push(link.id);
      }
      let removed = 0;
      for (const id of doomed) if (await records.delete(CONTACTS_COLLECTION, id)) removed += 1;
      return removed;
    },
  };
}
