// Walking the JSON of replies in whole-turn tests: every node of a card, the card a reply carries (a message
// attachment, or the card an Action.Execute answer puts in place), and every text in it.
import type { Activity } from 'botbuilder';

export type Json = Record<string, unknown>;

/** Visits every object in `node`, depth first. */
export function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node as Json).forEach((v) => walk(v, visit));
  }
}

/** The card a reply carries: a message attachment, or the card an Action.Execute answer puts in place. */
export function cardOf(activities: Array<Partial<Activity>>): Json | undefined {
  for (const a of activities) {
    const attachment = a.attachments?.[0]?.content as Json | undefined;
    if (attachment) return attachment;
    const body = (a.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
    if (a.type === 'invokeResponse' && body?.type === 'application/vnd.microsoft.card.adaptive') return body.value as Json;
  }
  return undefined;
}

/** Every `text` in a card, one per line. */
export const textOf = (card: Json | undefined): string => {
  const texts: string[] = [];
  walk(card, (n) => typeof n.text === 'string' && texts.push(n.text));
  return texts.join('\n');
};
