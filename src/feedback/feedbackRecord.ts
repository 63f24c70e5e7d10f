// A rating of one answer, kept in the records store: one record per answer and person (a later rating of the same
// answer by the same person replaces the earlier one), with what the answer was about copied from its reply record.

export const FEEDBACK_COLLECTION = 'feedback';

/** Longest free text kept from a feedback form (more is cut). */
export const MAX_FEEDBACK_TEXT = 1000;

export const RATINGS = ['looksRight', 'needsImprovement', 'inappropriate'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = {
  looksRight: 'Looks right',
  needsImprovement: 'Needs improvement',
  inappropriate: 'Inappropriate',
};

export interface FeedbackRecord {
  conversationId: string;
  /** The rated answer's activity id (its reply record's key). */
  activityId: string;
  /** What was asked (secrets redacted), from the reply record. */
  prompt?: string;
  action?: { name: string; parameters: unknown };
  recommendationIds: string[];
  /** Teams' thumbs: like or dislike. */
  reaction: 'like' | 'dislike';
  /** Absent after a thumbs down whose details were not given (yet). */
  rating?: Rating;
  /** Needs improvement: were the results unrelated to the question? */
  unrelatedResults?: boolean;
  /** Needs improvement: what would make it better (redacted). */
  wouldMakeBetter?: string;
  /** Free text (redacted). */
  text?: string;
  /** Entra object id (lower case) or `channel:<id>`; replaced by a pseudonym when the person asks to be forgotten. */
  userId: string;
  userName?: string;
  tenantId?: string;
  conversationType?: string;
  /** Which form it came through. */
  via: 'customForm' | 'defaultForm' | 'inlineCard' | 'thumbsUp';
  /** replyToId: Teams named the rated message; latestAnswer: it did not (the Agents Playground), so the rating was
   * taken to be about the conversation's latest answer. */
  matchedBy: 'replyToId' | 'latestAnswer';
  at: number;
}

export const feedbackId = (conversationId: string, activityId: string, userId: string) => `${conversationId}|${activityId}|${userId}`;
