// The send boundary: one onSendActivities hook per turn records every reply the bot sends (answers, cards, gate
// refusals, error messages, confirmation cards, the card shown in place of a pressed one) with the id it went out
// under, the action behind it and the recommendations it showed. Recording never fails a turn.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import type { PlannedAction } from '../actions/registry';
import type { Logger } from '../logging/logger';
import { replyRecordWrite, type ReplyRecord, type ReplyRecordStore } from '../storage/replyRecordStore';
import { redacted } from '../privacy/redact';
import { turnWritesOf, type TurnLogic } from './turnGate';

/** Per-activity facts only the sender knows; a symbol key survives botbuilder's copies and is never serialized. */
const REPLY_FACTS = Symbol('postureBot.replyFacts');
const TURN_ACTION = Symbol('postureBot.turnAction');
const RECORDER = Symbol('postureBot.replyRecorder');
/** For a proactive continuation: the activity of the turn it continues (who asked, what it answered). */
const ORIGIN = Symbol('postureBot.replyOrigin');
/** Facts of the card an Action.Execute answer shows in place (teams-ai builds that invoke response itself). */
const IN_PLACE = Symbol('postureBot.inPlaceReply');

export interface ReplyFacts {
  recommendationIds?: readonly string[];
  /** Card template, or 'text'. */
  content?: string;
}

export function withReplyFacts<A extends Partial<Activity>>(activity: A, facts: ReplyFacts): A {
  Object.assign(activity, { [REPLY_FACTS]: facts });
  return activity;
}

/** True for a skill's reply (sent through activityFor), false for gate refusals and error messages. */
export const hasReplyFacts = (activity: Partial<Activity>): boolean => (activity as Record<symbol, unknown>)[REPLY_FACTS] !== undefined;

const factsOf = (activity: Partial<Activity>): ReplyFacts => ((activity as Record<symbol, unknown>)[REPLY_FACTS] as ReplyFacts | undefined) ?? {};

/** What the card shown in place of a pressed one (the invoke response) is about. */
export function noteInPlaceReply(context: TurnContext, facts: ReplyFacts): void {
  context.turnState.set(IN_PLACE, facts);
}

/** Notes the registry action this turn runs: the replies that follow are recorded under it. */
export function noteTurnAction(context: TurnContext, action: PlannedAction): void {
  context.turnState.set(TURN_ACTION, { name: action.name, parameters: action.parameters });
}

/** The registry action this turn ran, if any (its name only). */
export function turnActionName(context: TurnContext): string | undefined {
  return (context.turnState.get(TURN_ACTION) as { name: string } | undefined)?.name;
}

export interface ReplyRecorderOptions {
  store: ReplyRecordStore;
  logger: Logger;
  now?: () => number;
}

export interface ReplyRecorder {
  /** Hooks this turn's sends (and card updates) into the record. */
  install(context: TurnContext): void;
}

/** Plain JSON of what a planner or a card passed (validated later by the registry); never throws. */
function jsonCopy(value: unknown): unknown {
  try {
    return value === undefined ? {} : (JSON.parse(JSON.stringify(value)) as unknown);
  } catch {
    return { unrecordable: true };
  }
}

function contentOf(activity: Partial<Activity>): string {
  const fromFacts = factsOf(activity).content;
  if (fromFacts) return fromFacts;
  if (activity.type === ActivityTypes.InvokeResponse) return 'invokeResponse';
  return activity.attachments?.length ? 'card' : 'text';
}

export function createReplyRecorder(options: ReplyRecorderOptions): ReplyRecorder {
  const now = options.now ?? Date.now;

  const record = async (context: TurnContext, activity: Partial<Activity>, activityId: string, delivery: ReplyRecord['delivery']) => {
    const incoming = (context.turnState.get(ORIGIN) as Partial<Activity> | undefined) ?? context.activity;
    const action = context.turnState.get(TURN_ACTION) as { name: string; parameters: unknown } | undefined;
    const type = incoming.conversation?.conversationType;
    const entry: ReplyRecord = {
      channelId: incoming.channelId ?? '',
      conversationId: incoming.conversation?.id ?? '',
      activityId,
      ...(incoming.id ? { inReplyTo: incoming.id } : {}),
      ...(incoming.type === ActivityTypes.Message && typeof incoming.text === 'string' && incoming.text.trim() ? { prompt: redacted(incoming.text.trim()) } : {}),
      delivery,
      ...(action ? { action: { name: action.name, parameters: jsonCopy(action.parameters) } } : {}),
      recommendationIds: [...(factsOf(activity).recommendationIds ?? [])],
      content: contentOf(activity),
      viewer: {
        ...(incoming.from?.aadObjectId ? { userId: incoming.from.aadObjectId.toLowerCase() } : {}),
        ...(incoming.conversation?.tenantId ? { tenantId: incoming.conversation.tenantId.toLowerCase() } : {}),
        ...(type ? { conversationType: type } : {}),
      },
      at: now(),
    };
    // Held for the turn's closing commit when it has one (recorded with its state); written now otherwise.
    if (turnWritesOf(context)?.defer(replyRecordWrite(entry))) return;
    try {
      await options.store.record(entry);
    } catch (error) {
      options.logger.warn({ err: error, conversationId: entry.conversationId, activityId }, 'could not record a reply');
    }
  };

  const install = (context: TurnContext) => {
    if (context.turnState.get(RECORDER)) return;
    context.turnState.set(RECORDER, recorder);
    const expectReplies = context.activity.deliveryMode === DeliveryModes.ExpectReplies;
    context.onSendActivities(async (ctx, activities, next) => {
      // With expectReplies nothing assigns ids: the bot does, on the activity the client receives.
      const assigned = activities.map((a) => (expectReplies && a.type === ActivityTypes.Message ? (a.id = `pb-${randomUUID()}`) : undefined));
      const responses = await next();
      for (const [i, activity] of activities.entries()) {
        if (activity.type === ActivityTypes.Message) {
          const id = assigned[i] ?? responses[i]?.id;
          if (id) await record(ctx, activity, id, expectReplies ? 'expectReplies' : 'connector');
          else options.logger.warn({ conversationId: ctx.activity.conversation?.id }, 'a reply was sent without an id; not recorded');
        } else if (activity.type === ActivityTypes.InvokeResponse && ctx.activity.name === 'adaptiveCard/action') {
          // Only a card action's answer shows in place of a message; other invokes (feedback) answer Teams alone.
          // Shown in place of the pressed card: the record is under that card's id.
          const facts = ctx.turnState.get(IN_PLACE) as ReplyFacts | undefined;
          await record(ctx, facts ? withReplyFacts({ ...activity }, facts) : activity, ctx.activity.replyToId ?? `pb-${randomUUID()}`, 'invokeResponse');
        }
      }
      return responses;
    });
    context.onUpdateActivity(async (ctx, activity, next) => {
      await next();
      if (activity.id) await record(ctx, activity, activity.id, 'update');
    });
  };

  const recorder: ReplyRecorder = { install };
  return recorder;
}

/** Installs the recorder before the turn's logic, so every reply of the turn, gate refusals included, is recorded. */
export function recordReplies(recorder: ReplyRecorder, logic: TurnLogic): TurnLogic {
  return (context) => {
    recorder.install(context);
    return logic(context);
  };
}

/**
 * A proactive continuation of a turn records its replies like the turn did, under the same action. Read while the
 * turn runs: once it has ended its context is revoked, so the continuation gets what was captured here.
 */
export function carryRecorder(from: TurnContext): (to: TurnContext) => void {
  const recorder = from.turnState.get(RECORDER) as ReplyRecorder | undefined;
  const action: unknown = from.turnState.get(TURN_ACTION);
  const origin: unknown = from.turnState.get(ORIGIN) ?? from.activity;
  return (to) => {
    if (action) to.turnState.set(TURN_ACTION, action);
    to.turnState.set(ORIGIN, origin);
    recorder?.install(to);
  };
}
