// A record of every reply the bot sent: which activity id it went out under, the action and parameters behind it,
// the recommendations it showed, who saw it and when. Feedback (a rating names the activity it rates), audit and
// usage metering read it. Kept in the records store, one record per conversation and activity id.
import type { RecordsStore } from './recordsStore';
import type { RecordWrite } from './turnCommit';

export const REPLY_RECORDS_COLLECTION = 'reply-records';

export interface ReplyRecord {
  channelId: string;
  conversationId: string;
  /** The id the reply was sent under: the connector's, or one the bot set (expectReplies), or the updated card's. */
  activityId: string;
  /** The incoming activity this reply answers. */
  inReplyTo?: string;
  /** What the person typed (secrets redacted), when the reply answers a typed message. */
  prompt?: string;
  /** connector: POSTed to serviceUrl; expectReplies: returned in the HTTP answer; invokeResponse: shown in place of
   * the pressed card; update: a card replaced later (a finished long side effect). */
  delivery: 'connector' | 'expectReplies' | 'invokeResponse' | 'update';
  /** The registry action behind the reply; absent for replies from before any action (gate refusals, welcome). */
  action?: { name: string; parameters: unknown };
  recommendationIds: string[];
  /** Card template, or 'text'. */
  content: string;
  viewer: { userId?: string; tenantId?: string; conversationType?: string };
  at: number;
}

export interface ReplyRecordStore {
  /** A later reply under the same activity id (a card updated in place) replaces the earlier record. */
  record(entry: ReplyRecord): Promise<void>;
  get(conversationId: string, activityId: string): Promise<ReplyRecord | undefined>;
  /** Every record of a conversation, in no particular order. */
  listConversation(conversationId: string): Promise<ReplyRecord[]>;
}

const idOf = (conversationId: string, activityId: string) => `${conversationId}|${activityId}`;

/** The write record() makes, for a turn that commits its writes together (src/storage/turnWrites.ts). */
export const replyRecordWrite = (entry: ReplyRecord): RecordWrite => ({ collection: REPLY_RECORDS_COLLECTION, id: idOf(entry.conversationId, entry.activityId), value: entry });

export function createReplyRecordStore(records: RecordsStore): ReplyRecordStore {
  return {
    async record(entry) {
      const write = replyRecordWrite(entry);
      await records.put(write.collection, write.id, write.value);
    },
    async get(conversationId, activityId) {
      return (await records.get<ReplyRecord>(REPLY_RECORDS_COLLECTION, idOf(conversationId, activityId)))?.value;
    },
    async listConversation(conversationId) {
      return (await records.list<ReplyRecord>(REPLY_RECORDS_COLLECTION, { prefix: `${conversationId}|` })).map((r) => r.value);
    },
  };
}
