// A skill's Reply -> the Bot Framework activity sent to Teams.
import { ActionTypes, ActivityTypes, type Activity } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Reply } from '../views/reply';

/** Teams shows few suggested actions; the Agents Playground sends a button's title as the text, so title === value. */
const MAX_SUGGESTIONS = 6;

export function toActivity(reply: Reply, cards: CardRenderer): Partial<Activity> {
  const activity: Partial<Activity> =
    reply.kind === 'text'
      ? { type: ActivityTypes.Message, text: reply.text, textFormat: 'plain' }
      : { type: ActivityTypes.Message, attachments: [cards.render(reply.card)] };
  const suggestions = (reply.suggestions ?? []).map((s) => s.trim()).filter((s) => s.length > 0).slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })),
    };
  }
  return activity;
}
