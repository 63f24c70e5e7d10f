// teams-ai's SAY command, replaced: its default labels every SAY "AI generated" and turns newlines into <br>. Here
// a SAY is plain text (src/teams/replyActivity.ts), and only prose a language model wrote (the planner marks it,
// src/teams/plannerAdapter.ts) carries Teams' "AI generated" label and its citations (schema.org Message entity
// with additionalType AIGeneratedContent and Claim citations), is recorded as an answer and takes ratings. Notices
// written by rules (a fallback's "my built-in planner answered") carry neither.
import { AI, type Application, type PredictedSayCommand, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { AnswerCitation } from '../actions/contracts/messagePlanner';
import type { CardRenderer } from '../cards/cardRenderer';
import { notePlannedAnswer } from './feedbackLoop';
import { noteTurnAction } from './replyRecorder';
import { activityFor } from './turnBridge';

/** The intent a SAY's response context carries when a language model wrote it. */
export const MODEL_WRITTEN_INTENT = 'postureBot.modelWritten';
/** What a model-written answer is recorded under (it ran no registry action). */
export const GENERAL_ANSWER_ACTION = 'generalAnswer';

export function registerSayAction(app: Application<TurnState>, cards: CardRenderer): void {
  app.ai.action<PredictedSayCommand>(AI.SayCommandActionName, async (context: TurnContext, _state: TurnState, data: PredictedSayCommand) => {
    const text = data.response?.content;
    if (typeof text !== 'string' || !text) return '';
    const model = data.response.context?.intent === MODEL_WRITTEN_INTENT;
    if (!model) {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
      return '';
    }
    const citations: AnswerCitation[] = (data.response.context?.citations ?? []).map((c) => ({ name: c.title ?? '', abstract: c.content, ...(c.url ? { url: c.url } : {}) }));
    noteTurnAction(context, { name: GENERAL_ANSWER_ACTION, parameters: {} });
    notePlannedAnswer(context);
    await context.sendActivity(withAiLabel(activityFor({ kind: 'text', text }, cards), citations));
    return '';
  });
}

/** Teams' "AI generated" label with the answer's citations ([n] in the text is citation n). */
export function withAiLabel(activity: Partial<Activity>, citations: readonly AnswerCitation[]): Partial<Activity> {
  const claims = citations.map((c, i) => ({
    '@type': 'Claim',
    position: i + 1,
    appearance: { '@type': 'DigitalDocument', name: c.name.slice(0, 80), abstract: c.abstract.slice(0, 160), ...(c.url ? { url: c.url } : {}) },
  }));
  const entity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    ...(claims.length > 0 ? { citation: claims } : {}),
  };
  activity.entities = [...(activity.entities ?? []), entity];
  return activity;
}
