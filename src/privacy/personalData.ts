// What the bot keeps about one person, and forgetting it on request. Kept per person: the prompts they typed and the
// answers they got (reply records), their ratings and feedback text, and the state of their 1:1 conversations.
// Usage counters and the audit of confirmed actions are kept for the organisation: on erasure the person's id in
// them is replaced by a pseudonym. Every read of the store is a full scan of the collection in pages (fine at the
// sizes retention allows; an index by person would be the next step for large tenants).
import { createHash } from 'node:crypto';
import { ACTION_AUDIT_COLLECTION, type ActionAuditEntry } from '../actions/actionAudit';
import { FEEDBACK_COLLECTION, type FeedbackRecord } from '../feedback/feedbackRecord';
import { FEEDBACK_TICKETS_COLLECTION, type FeedbackTicket } from '../feedback/feedbackService';
import type { RecordsStore, StoredRecord } from '../storage/recordsStore';
import { allRecords } from '../storage/recordPages';
import { REPLY_RECORDS_COLLECTION, type ReplyRecord } from '../storage/replyRecordStore';
import { USAGE_COLLECTION, type UsageCounter } from '../usage/usageMeter';
import { legacyRemainder, moveUserRow, splitLegacyCounter, USAGE_USERS_COLLECTION, userRowId, type UserUsage } from '../usage/usageRows';
import { DELEGATIONS, type Delegation } from '../skills/delegate/delegationRecords';
import { createContactBook, type Contact } from '../contacts/contactBook';

export interface PersonalInventory {
  /** Replies to this person (each with the prompt that asked for it, when typed). */
  answers: number;
  prompts: number;
  feedback: number;
  feedbackWithText: number;
  /** Usage units attributed to them, across the kept windows. */
  usageUnits: number;
  auditEntries: number;
  /** 1:1 conversations whose state is kept. */
  personalConversations: number;
  /** Whether a record of how to reach them (name, roster addresses, chat reference) is kept. */
  reachable: boolean;
  oldest?: number;
}

export interface ErasureReport {
  answers: number;
  feedback: number;
  conversationStates: number;
  pseudonymisedUsageWindows: number;
  pseudonymisedAuditEntries: number;
  /** Their contact record, address links and personal chat references (src/contacts/contactBook.ts). */
  contactRecords: number;
  pseudonym: string;
}

export interface PersonalDataDeps {
  records: RecordsStore;
  /** Removes conversation and user state (src/storage/sqliteConversationEraser.ts). */
  eraseConversations(conversationIds: readonly string[], channelUserIds: readonly string[]): number | Promise<number>;
}

export interface PersonalData {
  inventory(personId: string): Promise<PersonalInventory>;
  /** Deletes the person's own data and pseudonymises them in what the organisation keeps. */
  erase(personId: string, channelUserId?: string): Promise<ErasureReport>;
  /** The person's own records, for an export. */
  collect(personId: string): Promise<PersonalRecords>;
}

/** Everything kept about one person, as stored ("export my data"). */
export interface PersonalRecords {
  answers: ReplyRecord[];
  feedback: FeedbackRecord[];
  /** Delegations they made. */
  delegations: Delegation[];
  /** Their units per usage window and action. */
  usage: Array<{ window: string; start: number; end: number; byAction: Record<string, number> }>;
  /** Audit entries of changes they asked for or confirmed. */
  audit: ActionAuditEntry[];
  /** How the bot reaches them (name, roster addresses, their chat's reference), when kept. */
  contact?: Contact;
}


/** A stable, non-reversible stand-in for a person id in what the organisation keeps. */
export const pseudonymOf = (personId: string) => `erased-${createHash('sha256').update(`posture-bot|${personId}`).digest('hex').slice(0, 16)}`;

const isTheirs = (reply: ReplyRecord, personId: string) => reply.viewer.userId !== undefined && reply.viewer.userId === personId;

export function createPersonalData(deps: PersonalDataDeps): PersonalData {
  const { records } = deps;
  const contacts = createContactBook(records);
  return {
    async inventory(personId) {
      const found: PersonalInventory = { answers: 0, prompts: 0, feedback: 0, feedbackWithText: 0, usageUnits: 0, auditEntries: 0, personalConversations: 0, reachable: false };
      const conversations = new Set<string>();
      const seen = (at: number) => {
        found.oldest = found.oldest === undefined ? at : Math.min(found.oldest, at);
      };
      for await (const { value } of allRecords<ReplyRecord>(records, REPLY_RECORDS_COLLECTION)) {
        if (!isTheirs(value, personId)) continue;
        found.answers += 1;
        if (value.prompt) found.prompts += 1;
        if (value.viewer.conversationType === 'personal') conversations.add(value.conversationId);
        seen(value.at);
      }
      for await (const { value } of allRecords<FeedbackRecord>(records, FEEDBACK_COLLECTION)) {
        if (value.userId !== personId) continue;
        found.feedback += 1;
        if (value.text || value.wouldMakeBetter) found.feedbackWithText += 1;
        seen(value.at);
      }
      for (const window of await usageOf(records, personId)) found.usageUnits += Object.values(window.byAction).reduce((a, b) => a + b, 0);
      for await (const { value } of allRecords<ActionAuditEntry>(records, ACTION_AUDIT_COLLECTION)) if (value.requester.id === personId || value.confirmedBy.id === personId) found.auditEntries += 1;
      found.personalConversations = conversations.size;
      found.reachable = (await contacts.byUser(personId)) !== undefined;
      return found;
    },

    async erase(personId, channelUserId) {
      const pseudonym = pseudonymOf(personId);
      const report: ErasureReport = { answers: 0, feedback: 0, conversationStates: 0, pseudonymisedUsageWindows: 0, pseudonymisedAuditEntries: 0, contactRecords: 0, pseudonym };
      const personal = new Set<string>();
      const doomedReplies: string[] = [];
      for await (const { id, value } of allRecords<ReplyRecord>(records, REPLY_RECORDS_COLLECTION)) {
        if (!isTheirs(value, personId)) continue;
        doomedReplies.push(id);
        if (value.viewer.conversationType === 'personal') personal.add(value.conversationId);
      }
      for (const id of doomedReplies) if (await records.delete(REPLY_RECORDS_COLLECTION, id)) report.answers += 1;
      const doomedFeedback: string[] = [];
      for await (const { id, value } of allRecords<FeedbackRecord>(records, FEEDBACK_COLLECTION)) if (value.userId === personId) doomedFeedback.push(id);
      for (const id of doomedFeedback) if (await records.delete(FEEDBACK_COLLECTION, id)) report.feedback += 1;
      const doomedTickets: string[] = [];
      for await (const { id, value } of allRecords<FeedbackTicket>(records, FEEDBACK_TICKETS_COLLECTION)) if (value.userId === personId) doomedTickets.push(id);
      for (const id of doomedTickets) await records.delete(FEEDBACK_TICKETS_COLLECTION, id);
      report.conversationStates = await deps.eraseConversations([...personal], channelUserId ? [channelUserId] : []);
      const contact = await contacts.byUser(personId);
      const chat = (contact?.reference.conversation as { id?: unknown } | undefined)?.id;
      report.contactRecords = await contacts.forget(personId, [...personal, ...(typeof chat === 'string' ? [chat] : [])]);

      // Usage: the units stay (the organisation's capacity), under the pseudonym. Windows still in the shape written
      // before per-person rows are split first; each of the person's rows is then merged into the pseudonym's
      // (eTag-checked like a charge) and deleted.
      const legacy: string[] = [];
      for await (const { id, value } of allRecords<UsageCounter>(records, USAGE_COLLECTION)) if (value.byUser?.[personId]) legacy.push(id);
      for (const id of legacy) await splitLegacyCounter(records, USAGE_COLLECTION, id);
      const rows: string[] = [];
      for await (const { id, value } of allRecords<UserUsage>(records, USAGE_USERS_COLLECTION)) if (value.userId === personId) rows.push(id);
      for (const id of rows) if (await moveUserRow(records, id, pseudonym)) report.pseudonymisedUsageWindows += 1;
      // Audit of confirmed actions: kept, with the person's id and name replaced.
      const audits: Array<StoredRecord<ActionAuditEntry>> = [];
      for await (const entry of allRecords<ActionAuditEntry>(records, ACTION_AUDIT_COLLECTION)) if (entry.value.requester.id === personId || entry.value.confirmedBy.id === personId) audits.push(entry);
      const anonymous = (p: ActionAuditEntry['requester']) => (p.id === personId ? { id: pseudonym } : p);
      for (const { id, value } of audits) {
        await records.put(ACTION_AUDIT_COLLECTION, id, { ...value, requester: anonymous(value.requester), confirmedBy: anonymous(value.confirmedBy) });
        report.pseudonymisedAuditEntries += 1;
      }
      return report;
    },

    async collect(personId) {
      const found: PersonalRecords = { answers: [], feedback: [], delegations: [], usage: [], audit: [] };
      for await (const { value } of allRecords<ReplyRecord>(records, REPLY_RECORDS_COLLECTION)) if (isTheirs(value, personId)) found.answers.push(value);
      for await (const { value } of allRecords<FeedbackRecord>(records, FEEDBACK_COLLECTION)) if (value.userId === personId) found.feedback.push(value);
      for await (const { value } of allRecords<Delegation>(records, DELEGATIONS)) if (value.delegator?.id === personId) found.delegations.push(value);
      found.usage.push(...(await usageOf(records, personId)));
      for await (const { value } of allRecords<ActionAuditEntry>(records, ACTION_AUDIT_COLLECTION)) if (value.requester.id === personId || value.confirmedBy.id === personId) found.audit.push(value);
      const contact = await contacts.byUser(personId);
      if (contact) found.contact = contact;
      return found;
    },
  };
}

/**
 * A person's units per window and action: their rows, plus what records written before per-person rows still hold
 * for them (not yet taken over by a row).
 */
async function usageOf(records: RecordsStore, personId: string): Promise<PersonalRecords['usage']> {
  const windows = new Map<string, PersonalRecords['usage'][number]>();
  const rows = new Map<string, UserUsage>();
  for await (const { id, value } of allRecords<UserUsage>(records, USAGE_USERS_COLLECTION)) {
    if (value.userId !== personId) continue;
    rows.set(id, value);
    windows.set(`${value.tenantId}|${value.windowKey}`, { window: value.windowKey, start: value.start, end: value.end, byAction: { ...value.byAction } });
  }
  for await (const { id, value } of allRecords<UsageCounter>(records, USAGE_COLLECTION)) {
    const rest = legacyRemainder(value.byUser?.[personId], rows.get(userRowId(value.tenantId, value.windowKey, personId)));
    if (Object.keys(rest).length === 0) continue;
    const window = windows.get(id) ?? { window: value.windowKey, start: value.start, end: value.end, byAction: {} };
    for (const [action, n] of Object.entries(rest)) window.byAction[action] = (window.byAction[action] ?? 0) + n;
    windows.set(id, window);
  }
  return [...windows.values()].sort((a, b) => a.start - b.start || a.window.localeCompare(b.window));
}
