// Reading the delegation (owner) card in whole-turn tests on the delivered bot: cards and texts the loopback
// connector received per conversation, a card's texts and Action.Execute buttons, and the card or text an invoke
// answered with; `as` delivers an activity from a given person in a given chat.
import type { Activity } from 'botbuilder';
import { walk, type Json } from './cardJson';
import type { DeliveredBot } from './deliveredBot';

export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

export const cardsIn = (bot: DeliveredBot, conversationId: string): Json[] =>
  bot.connector.callsIn(conversationId).flatMap((c) => ((c.activity.attachments as Array<{ content: Json }> | undefined) ?? []).map((a) => a.content));
export const textsIn = (bot: DeliveredBot, conversationId: string): string[] => bot.connector.callsIn(conversationId).map((c) => String(c.activity.text ?? ''));
export const texts = (card: Json | undefined): string => {
  const out: string[] = [];
  walk(card, (n) => {
    if (typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string') out.push(n.title);
    if (typeof n.label === 'string') out.push(n.label);
  });
  return out.join('\n');
};
export const buttonsOf = (card: Json | undefined, verb: string): Json[] => {
  const found: Json[] = [];
  walk(card, (n) => n.type === 'Action.Execute' && n.verb === verb && found.push(n));
  return found;
};
export const actsOf = (card: Json | undefined): string[] => buttonsOf(card, 'delegation').map((b) => String((b.data as Json).act));
/** The card an Action.Execute answered with (replaced in place). */
export const answered = (body: unknown): Json | undefined => {
  const answer = body as { type?: string; value?: unknown } | undefined;
  return answer?.type === 'application/vnd.microsoft.card.adaptive' ? (answer.value as Json) : undefined;
};
export const answerText = (body: unknown): string => {
  const value = (body as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : texts(answered(body));
};
export const as = (from: TeamsPerson, conversationId: string, activity: Partial<Activity>): Partial<Activity> => ({ ...activity, from: { ...from }, conversation: { ...(activity.conversation as Activity['conversation']), id: conversationId } });
