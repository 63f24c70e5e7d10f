// The inline feedback card's Submit (the default loop, after a thumbs down): the verb checks the card's data, the
// action redeems the card's ticket (only its rater may use it) and records the details against the rated answer.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../actions/cardVerb';
import type { ReadActionDefinition } from '../actions/registry';
import type { Reply } from '../views/reply';
import { MAX_FEEDBACK_TEXT, RATING_LABELS, RATINGS } from './feedbackRecord';
import type { FeedbackService } from './feedbackService';

const text = z.string().max(MAX_FEEDBACK_TEXT * 4).optional();

const rateParameters = z
  .object({
    ref: opaqueRef,
    rating: z.enum(RATINGS),
    unrelatedResults: z.boolean().optional(),
    wouldMakeBetter: text,
    text,
  })
  .strict();

/** What the inline card submits: its ticket plus the form's inputs (Action.Submit merges them into the data). */
const detailsData = z
  .object({
    ref: opaqueRef,
    fbRating: z.enum(RATINGS),
    fbUnrelated: z.enum(['true', 'false']).optional(),
    fbBetter: text,
    fbText: text,
  })
  .strict();

export function createFeedbackDetailsVerb(): CardVerb<typeof detailsData> {
  return {
    verb: 'feedbackDetails',
    data: detailsData,
    resolve: (data) => ({
      kind: 'action',
      action: {
        name: 'rateAnswer',
        parameters: {
          ref: data.ref,
          rating: data.fbRating,
          ...(data.fbUnrelated ? { unrelatedResults: data.fbUnrelated === 'true' } : {}),
          ...(data.fbBetter ? { wouldMakeBetter: data.fbBetter } : {}),
          ...(data.fbText ? { text: data.fbText } : {}),
        },
      },
    }),
  };
}

export function createRateAnswerAction(service: FeedbackService): ReadActionDefinition<typeof rateParameters, Reply> {
  return {
    name: 'rateAnswer',
    description: "Records the details of a rating from a feedback card (the card's Submit only).",
    parameters: rateParameters,
    sideEffects: false,
    async handler(params, context) {
      const ticket = await service.redeem(params.ref);
      if (!ticket || ticket.conversationId !== context.conversationId) {
        await context.reply({ kind: 'text', text: 'This feedback form has expired or is not from this chat, so nothing was recorded. Use the thumbs on the answer to rate it again.' });
        return;
      }
      if (ticket.userId !== context.actor.id) {
        await context.reply({ kind: 'text', text: 'Only the person who gave the thumbs down can fill in this form. Use the thumbs on the answer to give your own rating.' });
        return;
      }
      const outcome = await service.rate({
        conversationId: ticket.conversationId,
        activityId: ticket.activityId,
        rater: { id: context.actor.id, ...(context.actor.name ? { name: context.actor.name } : {}), ...(context.viewer.tenantId ? { tenantId: context.viewer.tenantId } : {}), ...(context.viewer.conversationType ? { conversationType: context.viewer.conversationType } : {}) },
        reaction: params.rating === 'looksRight' ? 'like' : 'dislike',
        rating: params.rating,
        ...(params.unrelatedResults === undefined ? {} : { unrelatedResults: params.unrelatedResults }),
        ...(params.wouldMakeBetter ? { wouldMakeBetter: params.wouldMakeBetter } : {}),
        ...(params.text ? { text: params.text } : {}),
        via: 'inlineCard',
        matchedBy: ticket.matchedBy,
      });
      if (outcome.kind !== 'recorded') {
        await context.reply({ kind: 'text', text: "I can't find the answer this form rates any more (it may have passed its retention period), so nothing was recorded." });
        return;
      }
      await context.reply({ kind: 'text', text: `Thanks, your feedback is recorded as ${RATING_LABELS[params.rating]}.` });
    },
  };
}
