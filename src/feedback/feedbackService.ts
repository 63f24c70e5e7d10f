// Records ratings against the exact answer they rate: the rated activity id must have a reply record in the same
// conversation, produced by an action (a gate refusal or an error message takes no rating). Text is redacted and
// kept as data only.
import { randomBytes } from 'node:crypto';
import { redacted } from '../privacy/redact';
import type { RecordsStore } from '../storage/recordsStore';
import { allRecords } from '../storage/recordPages';
import type { ReplyRecord, ReplyRecordStore } from '../storage/replyRecordStore';
import { FEEDBACK_COLLECTION, feedbackId, MAX_FEEDBACK_TEXT, type FeedbackRecord, type Rating } from './feedbackRecord';

/** Short-lived references from an inline feedback card to the answer it rates (card data stays opaque). */
export const FEEDBACK_TICKETS_COLLECTION = 'feedback-tickets';

export interface Rater {
  id: string;
  name?: string;
  tenantId?: string;
  conversationType?: string;
}

export interface FeedbackSubmission {
  conversationId: string;
  activityId: string;
  rater: Rater;
  reaction: 'like' | 'dislike';
  /** How the rated answer was found (default replyToId). */
  matchedBy?: FeedbackRecord['matchedBy'];
  rating?: Rating;
  unrelatedResults?: boolean;
  wouldMakeBetter?: string;
  text?: string;
  via: FeedbackRecord['via'];
}

export type RateOutcome =
  | { kind: 'recorded'; record: FeedbackRecord; replaced: boolean }
  /** No reply record under that id in that conversation: never sent, or purged by retention. */
  | { kind: 'unknownAnswer' }
  /** A message that carries no feedback buttons (a refusal, an error). */
  | { kind: 'notRateable' };

export interface FeedbackTicket {
  conversationId: string;
  activityId: string;
  userId: string;
  matchedBy: FeedbackRecord['matchedBy'];
  expiresAt: number;
}

export interface FeedbackService {
  /** The answer a rating would be about, if it takes ratings. */
  answer(conversationId: string, activityId: string): Promise<{ kind: 'ok'; reply: ReplyRecord } | { kind: 'unknownAnswer' } | { kind: 'notRateable' }>;
  rate(submission: FeedbackSubmission): Promise<RateOutcome>;
  /** The conversation's most recent answer that takes ratings. */
  latestAnswer(conversationId: string): Promise<ReplyRecord | undefined>;
  /** A ref for an inline card that adds details to a thumbs down; only its rater may use it. */
  ticket(rated: Pick<FeedbackRecord, 'conversationId' | 'activityId' | 'userId' | 'matchedBy'>): Promise<string>;
  redeem(ref: string): Promise<FeedbackTicket | undefined>;
  list(options?: { since?: number }): Promise<FeedbackRecord[]>;
}

export interface FeedbackServiceOptions {
  records: RecordsStore;
  replies: ReplyRecordStore;
  now?: () => number;
  ticketTtlMs?: number;
}

const clean = (text: string | undefined) => {
  const trimmed = text?.trim();
  return trimmed ? redacted(trimmed, MAX_FEEDBACK_TEXT) : undefined;
};

export function createFeedbackService(options: FeedbackServiceOptions): FeedbackService {
  const now = options.now ?? Date.now;
  const ticketTtlMs = options.ticketTtlMs ?? 24 * 60 * 60 * 1000;
  const { records } = options;

  const answer: FeedbackService['answer'] = async (conversationId, activityId) => {
    const reply = await options.replies.get(conversationId, activityId);
    if (!reply) return { kind: 'unknownAnswer' };
    if (!reply.action) return { kind: 'notRateable' };
    return { kind: 'ok', reply };
  };

  return {
    answer,
    async rate(submission) {
      const found = await answer(submission.conversationId, submission.activityId);
      if (found.kind !== 'ok') return found;
      const { reply } = found;
      const id = feedbackId(submission.conversationId, submission.activityId, submission.rater.id);
      const previous = await records.get<FeedbackRecord>(FEEDBACK_COLLECTION, id);
      const rating = submission.rating ?? (submission.reaction === 'like' ? 'looksRight' : undefined);
      const better = rating === 'needsImprovement' ? clean(submission.wouldMakeBetter) : undefined;
      // The inline card adds details to a thumbs down given in Teams' box: what was typed there is kept.
      const text = clean(submission.text) ?? previous?.value.text;
      const record: FeedbackRecord = {
        conversationId: submission.conversationId,
        activityId: submission.activityId,
        ...(reply.prompt ? { prompt: reply.prompt } : {}),
        ...(reply.action ? { action: reply.action } : {}),
        recommendationIds: reply.recommendationIds,
        reaction: submission.reaction,
        ...(rating ? { rating } : {}),
        ...(rating === 'needsImprovement' && submission.unrelatedResults !== undefined ? { unrelatedResults: submission.unrelatedResults } : {}),
        ...(better ? { wouldMakeBetter: better } : {}),
        ...(text ? { text } : {}),
        userId: submission.rater.id,
        ...(submission.rater.name ? { userName: submission.rater.name.slice(0, 200) } : {}),
        ...(submission.rater.tenantId ? { tenantId: submission.rater.tenantId } : {}),
        ...(submission.rater.conversationType ? { conversationType: submission.rater.conversationType } : {}),
        via: submission.via,
        matchedBy: submission.matchedBy ?? 'replyToId',
        at: now(),
      };
      await records.put(FEEDBACK_COLLECTION, id, record);
      return { kind: 'recorded', record, replaced: previous !== undefined };
    },
    async latestAnswer(conversationId) {
      const answers = (await options.replies.listConversation(conversationId)).filter((r) => r.action && r.delivery !== 'invokeResponse');
      return answers.reduce<ReplyRecord | undefined>((latest, r) => (!latest || r.at >= latest.at ? r : latest), undefined);
    },
    async ticket(rated) {
      const ref = randomBytes(12).toString('base64url');
      const ticket: FeedbackTicket = { conversationId: rated.conversationId, activityId: rated.activityId, userId: rated.userId, matchedBy: rated.matchedBy, expiresAt: now() + ticketTtlMs };
      await records.put(FEEDBACK_TICKETS_COLLECTION, ref, ticket, { ifMatch: '*' });
      return ref;
    },
    async redeem(ref) {
      const ticket = (await records.get<FeedbackTicket>(FEEDBACK_TICKETS_COLLECTION, ref))?.value;
      return ticket && ticket.expiresAt > now() ? ticket : undefined;
    },
    async list(listOptions = {}) {
      const out: FeedbackRecord[] = [];
      for await (const r of allRecords<FeedbackRecord>(records, FEEDBACK_COLLECTION)) if (listOptions.since === undefined || r.value.at >= listOptions.since) out.push(r.value);
      return out;
    },
  };
}
