// Teams' feedback loop: every answer a planner produced carries channelData.feedbackLoop (thumbs up / down under
// the message). A thumbs up is "Looks right". A thumbs down, with the custom loop, makes Teams fetch the bot's form
// (message/fetchTask) and send what was filled in (message/submitAction, actionName "feedback"); with the default
// loop Teams shows its own box, and the bot follows a thumbs down with an inline card asking for the details.
// Ratings are recorded against the rated activity's reply record (src/feedback/feedbackService.ts).
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardRenderer } from '../cards/cardRenderer';
import type { FeedbackLoopType } from '../config/features/feedback';
import { RATINGS, type Rating } from '../feedback/feedbackRecord';
import type { FeedbackService, RateOutcome, Rater } from '../feedback/feedbackService';
import type { Logger } from '../logging/logger';
import { buildFeedbackFormView } from '../views/feedbackFormView';
import { hasReplyFacts } from './replyRecorder';
import { actorOf, activityFor, viewerOf } from './turnBridge';
import type { TurnLogic } from './turnGate';

const PLANNED = Symbol('postureBot.plannedAnswer');

/** This turn's replies answer a planner's action: they carry the feedback loop. */
export function notePlannedAnswer(context: TurnContext): void {
  context.turnState.set(PLANNED, true);
}

const LOOP_TYPE = Symbol('postureBot.feedbackLoopType');

/** The feedback loop this turn's planned answer carries, if any (a streamed answer's final message sets it itself). */
export function plannedFeedbackLoop(context: TurnContext): FeedbackLoopType | undefined {
  return context.turnState.get(PLANNED) ? (context.turnState.get(LOOP_TYPE) as FeedbackLoopType | undefined) : undefined;
}

/** Adds the feedback loop to the planner's answers as they are sent (never to refusals or error messages). */
export function withFeedbackLoop(type: FeedbackLoopType, logic: TurnLogic): TurnLogic {
  return (context) => {
    context.turnState.set(LOOP_TYPE, type);
    context.onSendActivities(async (ctx, activities, next) => {
      if (ctx.turnState.get(PLANNED)) {
        for (const activity of activities) {
          if (activity.type !== ActivityTypes.Message || !hasReplyFacts(activity)) continue;
          const channelData = (typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {}) as Record<string, unknown>;
          // Teams refuses an activity that has both the feedbackLoop object and the older feedbackLoopEnabled flag.
          const { feedbackLoopEnabled: _older, ...rest } = channelData;
          activity.channelData = { ...rest, feedbackLoop: { type } };
        }
      }
      return next();
    });
    return logic(context);
  };
}

export const FEEDBACK_SENTENCES = {
  unreadable: "I couldn't read that feedback, so nothing was recorded.",
  unknownAnswer: "I can't find the answer you rated: it may be older than my retention period, or it was deleted. Nothing was recorded.",
  notRateable: "That message doesn't take ratings, so nothing was recorded.",
  thanksLike: 'Thanks: recorded as Looks right.',
} as const;

const reaction = z.enum(['like', 'dislike']);
const fetchValue = z.object({ actionName: z.literal('feedback'), actionValue: z.object({ reaction }).passthrough() }).passthrough();
const submitValue = z.object({ actionName: z.literal('feedback'), actionValue: z.object({ reaction, feedback: z.union([z.string().max(20_000), z.record(z.unknown())]).optional() }).passthrough() }).passthrough();

/** What our form (or Teams' default box) put in `feedback`: a JSON string, an object, or plain text. */
const formFields = z
  .object({
    feedbackText: z.string().max(20_000).optional(),
    fbRating: z.enum(RATINGS).optional(),
    fbUnrelated: z.enum(['true', 'false']).optional(),
    fbBetter: z.string().max(20_000).optional(),
    fbText: z.string().max(20_000).optional(),
    verb: z.string().optional(),
    ref: z.string().optional(),
  })
  .passthrough();

type FormFields = z.infer<typeof formFields>;

function readFeedback(raw: string | Record<string, unknown> | undefined): FormFields | undefined {
  if (raw === undefined || raw === '') return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { feedbackText: raw };
    }
    if (typeof value === 'string') return { feedbackText: value };
  }
  const parsed = formFields.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export interface FeedbackRouteDeps {
  service: FeedbackService;
  cards: CardRenderer;
  logger: Logger;
}

const isInvoke = (name: string) => async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke && context.activity.name === name;

function raterOf(context: TurnContext): Rater {
  const actor = actorOf(context.activity);
  const viewer = viewerOf(context.activity);
  return { id: actor.id, ...(actor.name ? { name: actor.name } : {}), ...(viewer.tenantId ? { tenantId: viewer.tenantId } : {}), ...(viewer.conversationType ? { conversationType: viewer.conversationType } : {}) };
}

async function respond(context: TurnContext, status: number, body?: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, ...(body === undefined ? {} : { body }) } });
}

/** A refusal: said in the chat (the person sees why) and answered with the status. */
async function refuse(context: TurnContext, deps: FeedbackRouteDeps, status: number, text: string, details: Record<string, unknown>): Promise<void> {
  deps.logger.warn({ ...details, name: context.activity.name, activityId: context.activity.id, conversationId: context.activity.conversation?.id }, 'feedback refused');
  await context.sendActivity({ type: ActivityTypes.Message, text });
  await respond(context, status);
}

const refusalOf = (outcome: Exclude<RateOutcome, { kind: 'recorded' }> | { kind: 'unknownAnswer' | 'notRateable' }) =>
  outcome.kind === 'unknownAnswer' ? { status: 404, text: FEEDBACK_SENTENCES.unknownAnswer } : { status: 400, text: FEEDBACK_SENTENCES.notRateable };

const taskMessage = (text: string) => ({ task: { type: 'message', value: text } });

export function registerFeedbackRoutes(app: Application<TurnState>, deps: FeedbackRouteDeps): void {
  // Custom loop: Teams asks for the dialog to show. A thumbs up is recorded at once; a thumbs down gets the form.
  app.addRoute(
    isInvoke('message/fetchTask'),
    async (context) => {
      const parsed = fetchValue.safeParse(context.activity.value);
      const replyToId = context.activity.replyToId;
      const conversationId = context.activity.conversation?.id ?? '';
      if (!parsed.success || !replyToId) {
        deps.logger.warn({ activityId: context.activity.id, problems: parsed.success ? ['replyToId missing'] : parsed.error.issues.map((i) => i.message) }, 'feedback fetchTask refused');
        await respond(context, 200, taskMessage(FEEDBACK_SENTENCES.unreadable));
        return;
      }
      if (parsed.data.actionValue.reaction === 'like') {
        const outcome = await deps.service.rate({ conversationId, activityId: replyToId, rater: raterOf(context), reaction: 'like', rating: 'looksRight', via: 'thumbsUp' });
        await respond(context, 200, taskMessage(outcome.kind === 'recorded' ? FEEDBACK_SENTENCES.thanksLike : refusalOf(outcome).text));
        return;
      }
      const answer = await deps.service.answer(conversationId, replyToId);
      if (answer.kind !== 'ok') {
        await respond(context, 200, taskMessage(refusalOf(answer).text));
        return;
      }
      const card = deps.cards.expand({ template: 'feedbackForm', model: buildFeedbackFormView('dialog') });
      await respond(context, 200, {
        task: { type: 'continue', value: { title: 'Feedback', height: 'medium', width: 'medium', card: { contentType: 'application/vnd.microsoft.card.adaptive', content: card } } },
      });
    },
    true,
  );

  app.addRoute(
    isInvoke('message/submitAction'),
    async (context) => {
      const parsed = submitValue.safeParse(context.activity.value);
      const form = parsed.success ? readFeedback(parsed.data.actionValue.feedback as string | Record<string, unknown> | undefined) : undefined;
      if (!parsed.success || !form) {
        await refuse(context, deps, 400, FEEDBACK_SENTENCES.unreadable, { problems: parsed.success ? ['feedback fields'] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        return;
      }
      const conversationId = context.activity.conversation?.id ?? '';
      // Teams names the rated message in replyToId. The Agents Playground leaves it out: the rating is then taken
      // to be about the latest answer in the conversation, and the record says it was matched that way.
      const replyToId = context.activity.replyToId ?? (await deps.service.latestAnswer(conversationId))?.activityId;
      if (!replyToId) {
        await refuse(context, deps, 404, FEEDBACK_SENTENCES.unknownAnswer, { problems: ['no replyToId and no answer in this conversation'] });
        return;
      }
      const liked = parsed.data.actionValue.reaction === 'like';
      const fromForm = form.fbRating !== undefined;
      // A thumbs up is Looks right; a thumbs down is what the form says, or not said yet (Teams' default box).
      const rating: Rating | undefined = liked ? 'looksRight' : form.fbRating === 'looksRight' ? undefined : form.fbRating;
      if (!liked && fromForm && rating === undefined) {
        await refuse(context, deps, 400, FEEDBACK_SENTENCES.unreadable, { problems: ['looksRight with a thumbs down'] });
        return;
      }
      const outcome = await deps.service.rate({
        conversationId,
        activityId: replyToId,
        matchedBy: context.activity.replyToId ? 'replyToId' : 'latestAnswer',
        rater: raterOf(context),
        reaction: liked ? 'like' : 'dislike',
        ...(rating ? { rating } : {}),
        ...(form.fbUnrelated ? { unrelatedResults: form.fbUnrelated === 'true' } : {}),
        ...(form.fbBetter ? { wouldMakeBetter: form.fbBetter } : {}),
        ...(form.fbText || form.feedbackText ? { text: form.fbText ?? form.feedbackText } : {}),
        via: fromForm ? 'customForm' : liked ? 'thumbsUp' : 'defaultForm',
      });
      if (outcome.kind !== 'recorded') {
        const refusal = refusalOf(outcome);
        await refuse(context, deps, refusal.status, refusal.text, { outcome: outcome.kind, replyToId });
        return;
      }
      deps.logger.info({ conversationId, replyToId, reaction: outcome.record.reaction, rating: outcome.record.rating ?? '(details to come)', replaced: outcome.replaced }, 'feedback recorded');
      if (!liked && rating === undefined) {
        // Default loop: no dialog was fetched, so the details are asked for on an inline card.
        const ref = await deps.service.ticket(outcome.record);
        await context.sendActivity(activityFor({ kind: 'card', card: { template: 'feedbackForm', model: buildFeedbackFormView('inline', ref) } }, deps.cards));
      }
      await respond(context, 200);
    },
    true,
  );
}
