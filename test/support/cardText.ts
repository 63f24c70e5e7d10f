// Reads what a person would see in expectReplies answers: message text, every text in card bodies, the data of
// card buttons, and suggested replies.

export interface SeenReply {
  text?: string;
  cardTexts: string[];
  buttons: Array<{ title: string; data: unknown }>;
  suggestions: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(node: unknown, texts: string[], buttons: SeenReply['buttons']): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, texts, buttons));
  if (!isObject(node)) return;
  if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') texts.push(node.text);
  if (node.type === 'FactSet' && Array.isArray(node.facts)) for (const f of node.facts) if (isObject(f)) texts.push(`${String(f.title)}: ${String(f.value)}`);
  if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string') buttons.push({ title: node.title, data: node.data });
  for (const key of ['body', 'items', 'columns', 'inlines', 'actions', 'selectAction']) walk(node[key], texts, buttons);
}

export function seeReplies(body: unknown): SeenReply[] {
  const activities = isObject(body) && Array.isArray(body.activities) ? body.activities : [];
  return activities.filter((a): a is Json => isObject(a) && a.type === 'message').map((a) => {
    const cardTexts: string[] = [];
    const buttons: SeenReply['buttons'] = [];
    for (const attachment of Array.isArray(a.attachments) ? a.attachments : []) if (isObject(attachment)) walk(attachment.content, cardTexts, buttons);
    const suggested = isObject(a.suggestedActions) && Array.isArray(a.suggestedActions.actions) ? a.suggestedActions.actions : [];
    return {
      ...(typeof a.text === 'string' ? { text: a.text } : {}),
      cardTexts,
      buttons,
      suggestions: suggested.filter(isObject).map((s) => String(s.title)),
    };
  });
}

/** Everything visible in one string, for `toContain` checks. */
export const visible = (reply: SeenReply | undefined): string => (reply ? [reply.text ?? '', ...reply.cardTexts, ...reply.buttons.map((b) => b.title)].join('\n') : '');
