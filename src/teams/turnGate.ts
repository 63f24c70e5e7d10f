// Checks that run before the teams-ai Application loads any state: tenant allow-list, @mention in shared
// conversations, duplicate deliveries, message length. A refused activity touches no stored data.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { activityDedupKey, type ActivityDeduper } from '../storage/activityDeduper';
import type { TurnCommit } from '../storage/turnCommit';
import { createTurnWrites, type TurnWrites } from '../storage/turnWrites';
import { countLabel } from '../views/postureLabels';

export type { ActivityDeduper } from '../storage/activityDeduper';

export const MAX_MESSAGE_CHARS = 4000;

/** Turn-state key: set (to the ms left on the live lease) when this delivery is being answered by an earlier one. */
export const DELIVERY_IN_PROGRESS = Symbol('deliveryInProgress');

export interface TurnGateOptions {
  /** Lower-case tenant GUIDs; empty serves every tenant. */
  allowedTenantIds: readonly string[];
  deduper: ActivityDeduper;
  logger: Logger;
  maxMessageChars?: number;
  /** When given, the turn's reply records and done mark are committed with its state (two commits a turn). */
  turnCommit?: TurnCommit;
}

const TURN_WRITES = Symbol('postureBot.turnWrites');

/** The writes this turn holds for its closing commit, if it has one. */
export const turnWritesOf = (context: TurnContext): TurnWrites | undefined => context.turnState.get(TURN_WRITES) as TurnWrites | undefined;

export type TurnLogic = (context: TurnContext) => Promise<unknown>;

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  const fromChannelData =
    typeof channelData === 'object' && channelData !== null && 'tenant' in channelData ? (channelData as { tenant?: { id?: unknown } }).tenant?.id : undefined;
  const id = typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
  return typeof id === 'string' && id.length > 0 ? id.toLowerCase() : undefined;
}

export function isTenantAllowed(activity: Partial<Activity>, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== undefined && allowed.includes(tenant);
}

/** In group chats and channels the bot reads only messages that @mention it; card submits carry no text and pass. */
export function isAddressedToBot(activity: Partial<Activity>): boolean {
  if (activity.type !== ActivityTypes.Message) return true;
  const type = activity.conversation?.conversationType;
  if (type !== 'groupChat' && type !== 'channel') return true;
  if (!activity.text && activity.value !== undefined) return true;
  const botId = activity.recipient?.id;
  return botId !== undefined && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId);
}


/** Wraps the Application's turn logic with the gates; returns the logic the adapter (or a TestAdapter) runs. */
export function createTurnGate(options: TurnGateOptions, next: TurnLogic): TurnLogic {
  const maxChars = options.maxMessageChars ?? MAX_MESSAGE_CHARS;
  return async (context) => {
    const activity = context.activity;
    if (!isTenantAllowed(activity, options.allowedTenantIds)) {
      options.logger.warn({ tenant: tenantOf(activity) ?? '(none)', type: activity.type, conversationId: activity.conversation?.id }, 'activity from a tenant not served');
      if (activity.type === ActivityTypes.Message) {
        await context.sendActivity('This bot does not serve your organization.');
      } else if (activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    if (!isAddressedToBot(activity)) {
      options.logger.debug({ conversationId: activity.conversation?.id }, 'message without an @mention ignored');
      return;
    }
    // At-least-once delivery, processed once: marked in progress before the turn, completed after it (also when the
    // turn failed: the user was told). A process killed mid-turn leaves the lease to run out, and the redelivery runs.
    let claim: Awaited<ReturnType<ActivityDeduper['begin']>> | undefined;
    if (activity.id && activity.conversation?.id) {
      claim = await options.deduper.begin(activityDedupKey(activity.channelId ?? '', activity.conversation.id, activity.id));
      if (claim.kind === 'completed') {
        options.logger.info({ activityId: activity.id, conversationId: activity.conversation.id }, 'duplicate delivery ignored');
        return;
      }
      if (claim.kind === 'inProgress') {
        // Nothing is sent: the HTTP endpoint answers 409 with Retry-After from this mark.
        context.turnState.set(DELIVERY_IN_PROGRESS, claim.retryAfterMs);
        options.logger.info({ activityId: activity.id, conversationId: activity.conversation.id }, 'redelivery while the first delivery is in progress');
        return;
      }
    }
    const writes = claim?.kind === 'claimed' && claim.completion && options.turnCommit ? createTurnWrites(options.turnCommit) : undefined;
    if (writes && claim?.kind === 'claimed' && claim.completion) {
      writes.closeWith(claim.completion);
      context.turnState.set(TURN_WRITES, writes);
    }
    try {
      if (activity.type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text.length > maxChars) {
        await context.sendActivity(
          `Your message is ${countLabel(activity.text.length)} characters long; I read at most ${countLabel(maxChars)}. Please shorten it and ask again.`,
        );
        return;
      }
      await next(context);
    } finally {
      if (writes) await writes.finish();
      else if (claim?.kind === 'claimed') await claim.complete();
    }
  };
}
