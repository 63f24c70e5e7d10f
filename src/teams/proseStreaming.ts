// Teams streaming (1:1 chats only) for prose a language model writes: teams-ai's StreamingResponse sends the status
// line ("Thinking…") as an informative update, each checked piece of text as a streaming update (typing activities
// with a streaminfo entity and a rising streamSequence) and the final message (streamType final). The planner
// writes to it through the SDK-free ProseStream (src/actions/contracts/messagePlanner.ts); the SAY action ends it
// (src/teams/sayAction.ts). Channels, group chats and expectReplies turns get no stream: one message, as before.
// The final message is made like every other text reply here: plain text, the "AI generated" label with the
// citations' portal links (StreamingResponse's own label drops the links), the feedback buttons, recorded as a reply.
import { StreamingResponse } from './teamsAi';
import { ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import type { AnswerCitation, ProseStream } from '../actions/contracts/messagePlanner';
import { withAiLabel } from './aiLabel';
import { plannedFeedbackLoop } from './feedbackLoop';
import { withReplyFacts } from './replyRecorder';
import { replyFacts } from './turnBridge';

const STREAM = Symbol('postureBot.proseStream');

export interface TurnProseStream extends ProseStream {
  /** Whether anything was written (a stream that was never written to is never opened). */
  readonly started: boolean;
  /** Sends the final message: the text written so far, labelled "AI generated" with these citations. */
  end(citations: readonly AnswerCitation[]): Promise<void>;
}

/** Only a 1:1 chat streams (Teams supports it nowhere else), and never when the replies go back in the response. */
export function canStream(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && activity.conversation?.conversationType === 'personal' && activity.deliveryMode !== DeliveryModes.ExpectReplies;
}

/** This turn's stream, created on first use; undefined where the conversation cannot stream. */
export function proseStreamOf(context: TurnContext): TurnProseStream | undefined {
  if (!canStream(context.activity)) return undefined;
  const existing = context.turnState.get(STREAM) as TurnProseStream | undefined;
  if (existing) return existing;
  const created = createTurnProseStream(context);
  context.turnState.set(STREAM, created);
  return created;
}

/** The turn's stream if one was started and not yet ended (the SAY action ends it). */
export function openProseStream(context: TurnContext): TurnProseStream | undefined {
  const stream = context.turnState.get(STREAM) as TurnProseStream | undefined;
  return stream?.started ? stream : undefined;
}

function createTurnProseStream(context: TurnContext): TurnProseStream {
  const response = new StreamingResponse(context);
  let started = false;
  let ended = false;
  let final: readonly AnswerCitation[] | undefined;
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) {
      const channelData = activity.channelData as { streamType?: unknown } | undefined;
      if (final && activity.type === ActivityTypes.Message && channelData?.streamType === 'final') {
        activity.textFormat = 'plain';
        // Recorded as the turn's answer (src/teams/replyRecorder.ts records after the send).
        withReplyFacts(withAiLabel(activity, final), replyFacts({ kind: 'text', text: activity.text ?? '' }));
      }
    }
    return next();
  });
  return {
    get started() {
      return started && !ended;
    },
    inform: (text) => {
      if (ended) return;
      started = true;
      response.queueInformativeUpdate(text);
    },
    write: (text) => {
      if (ended || !text) return;
      started = true;
      response.queueTextChunk(text);
    },
    end: async (citations) => {
      if (ended || !started) return;
      ended = true;
      final = citations;
      const loop = plannedFeedbackLoop(context);
      if (loop) {
        response.setFeedbackLoop(true);
        response.setFeedbackLoopType(loop);
      }
      await response.endStream();
    },
  };
}
