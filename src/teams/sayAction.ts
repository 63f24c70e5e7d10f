// teams-ai's SAY command, replaced: its default labels every SAY "AI generated" and turns newlines into <br>. Here
// a SAY is plain text (src/teams/replyActivity.ts), and only prose a language model wrote (the planner marks it,
// src/teams/plannerAdapter.ts) carries Teams' "AI generated" label and its citations (schema.org Message entity
// with additionalType AIGeneratedContent and Claim citations, src/teams/aiLabel.ts), is recorded as an answer and
// takes ratings; prose already streamed in a 1:1 chat only ends its stream, which sends the same final message.
// Notices written by rules (a fallback's "my built-in planner answered") carry neither.
import { AI, type Application, type PredictedSayCommand, type TurnState } from './teamsAi';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AnswerCitation } from '../actions/contracts/messagePlanner';
import type { CardRenderer } from '../cards/cardRenderer';
import { withAiLabel } from './aiLabel';
import { notePlannedAnswer } from './feedbackLoop';
import { openProseStream } from './proseStreaming';
import { noteTurnAction } from './replyRecorder';
import { activityFor } from './turnBridge';

/** The intent a SAY's response context carries when a language model wrote it. */
export const MODEL_WRITTEN_INTENT = 'postureBot.modelWritten';
/** The same, when the text was already streamed (src/teams/proseStreaming.ts): the SAY only ends the stream. */
export const MODEL_STREAMED_INTENT = 'postureBot.modelStreamed';
/** What a model-written answer is recorded under (it ran no registry action). */
export const GENERAL_ANSWER_ACTION = 'generalAnswer';

export function registerSayAction(app: Application<TurnState>, cards: CardRenderer): void {
  app.ai.action<PredictedSayCommand>(AI.SayCommandActionName, async (context: TurnContext, _state: TurnState, data: PredictedSayCommand) => {
    const text = data.response?.content;
    if (typeof text !== 'string' || !text) return '';
    const intent = data.response.context?.intent;
    const model = intent === MODEL_WRITTEN_INTENT || intent === MODEL_STREAMED_INTENT;
    if (!model) {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
      return '';
    }
    const citations: AnswerCitation[] = (data.response.context?.citations ?? []).map((c) => ({ name: c.title ?? '', abstract: c.content, ...(c.url ? { url: c.url } : {}) }));
    noteTurnAction(context, { name: GENERAL_ANSWER_ACTION, parameters: {} });
    notePlannedAnswer(context);
    const stream = intent === MODEL_STREAMED_INTENT ? openProseStream(context) : undefined;
    if (stream) await stream.end(citations);
    else await context.sendActivity(withAiLabel(activityFor({ kind: 'text', text }, cards), citations));
    return '';
  });
}
