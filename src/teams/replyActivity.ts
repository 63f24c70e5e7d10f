// A skill's Reply -> the Bot Framework activity sent to Teams.
import { ActionTypes, ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer';
import type { Reply } from '../views/reply';

/** Teams shows few suggested actions; the Agents Playground sends a button's title as the text, so title === value. */
const MAX_SUGGESTIONS = 6;

/** A small, subtle line at the end of an Adaptive Card (the data's age). */
function withFootnote(attachment: Attachment, text: string | undefined): Attachment {
  const content = attachment.content as { body?: unknown[] } | undefined;
  if (!text || !content || !Array.isArray(content.body)) return attachment;
  return { ...attachment, content: { ...content, body: [...content.body, { type: 'TextBlock', text, wrap: true, size: 'Small', isSubtle: true, spacing: 'Medium' }] } };
}

export function toActivity(reply: Reply, cards: CardRenderer): Partial<Activity> {
  const activity: Partial<Activity> =
    reply.kind === 'text'
      ? { type: ActivityTypes.Message, text: reply.dataAge ? `${reply.text}\n\n${reply.dataAge}` : reply.text, textFormat: 'plain' }
      : { type: ActivityTypes.Message, attachments: [withFootnote(cards.render(reply.card), reply.dataAge)] };
  const suggestions = (reply.suggestions ?? []).map((s) => s.trim()).filter((s) => s.length > 0).slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })),
    };
  }
  return activity;
}
