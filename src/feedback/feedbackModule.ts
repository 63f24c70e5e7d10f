// Ratings as the running bot uses them: the service over the records store and reply records, plus the inline
// card's verb and action, registered beside the skills' (the composition root calls registerFeedback).
import type { z } from 'zod';
import type { CardVerb } from '../actions/cardVerb';
import type { ActionRegistry } from '../actions/registry';
import type { RecordsStore } from '../storage/recordsStore';
import { createReplyRecordStore } from '../storage/replyRecordStore';
import type { Reply } from '../views/reply';
import { createFeedbackDetailsVerb, createRateAnswerAction } from './feedbackActions';
import { createFeedbackService, type FeedbackService } from './feedbackService';

/** Where card verbs are registered (the transport's card-action router). */
export interface VerbRegistry {
  register<S extends z.ZodTypeAny>(verb: CardVerb<S>): void;
}

export function registerFeedback(registry: ActionRegistry<Reply>, cardActions: VerbRegistry, deps: { records: RecordsStore; now?: () => number }): FeedbackService {
  const service = createFeedbackService({ records: deps.records, replies: createReplyRecordStore(deps.records), ...(deps.now ? { now: deps.now } : {}) });
  registry.register(createRateAnswerAction(service));
  cardActions.register(createFeedbackDetailsVerb());
  return service;
}
