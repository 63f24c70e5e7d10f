// The one request shape every target gets: a Teams personal-chat message asking for expectReplies.

export interface ActivityOptions {
  text: string;
  /** One conversation per load connection: state is read and written every turn but does not pile up. */
  conversationId: string;
  userIndex: number;
  activityId: string;
}

const TENANT_ID = '11111111-2222-4333-8444-555555555555';

export function messageActivity(options: ActivityOptions): Record<string, unknown> {
  const userId = `29:bench-user-${options.userIndex}`;
  return {
    type: 'message',
    id: options.activityId,
    timestamp: new Date(0).toISOString(),
    channelId: 'msteams',
    // Nothing is posted back with expectReplies; a dead loopback port makes any stray call fail fast, not leak.
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: userId, name: `Bench User ${options.userIndex}`, aadObjectId: `bench-aad-${options.userIndex}` },
    recipient: { id: '28:posture-bot', name: 'posture-bot' },
    conversation: { id: options.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    text: options.text,
    textFormat: 'plain',
    locale: 'en-US',
    deliveryMode: 'expectReplies',
  };
}

/** autocannon swaps this for a fresh id in every request it sends (option idReplacement). */
export const ID_PLACEHOLDER = '[<id>]';

/**
 * The request bodies one connection cycles through: every prompt once, starting at a per-connection offset.
 * Activity ids carry the placeholder: the bot drops a repeated activity id as a redelivery. `rotate: false` keeps
 * the order (setup prompts, sent before the load in the same conversation).
 */
export function connectionBodies(prompts: readonly string[], connectionIndex: number, runTag: string, options: { rotate?: boolean } = {}): string[] {
  if (prompts.length === 0) throw new Error('at least one prompt is needed');
  const offset = options.rotate === false ? 0 : connectionIndex;
  return prompts.map((_, i) => {
    const text = prompts[(i + offset) % prompts.length] ?? '';
    return JSON.stringify(
      messageActivity({ text, conversationId: `a:bench-${runTag}-${connectionIndex}`, userIndex: connectionIndex, activityId: `bench-${runTag}-${connectionIndex}-${i}-${ID_PLACEHOLDER}` }),
    );
  });
}

export interface ReplySummary {
  activities: number;
  types: string[];
  cardContentTypes: string[];
  /** The cards themselves (attachment contents), to tell which template each came from. */
  cards: unknown[];
  text: string;
  /** Size of the whole reply body. */
  bytes: number;
}

/** What an expectReplies body held, to check each target answers as it should before it is measured. */
export function summarizeReply(body: string): ReplySummary {
  const parsed: unknown = JSON.parse(body);
  const activities = (parsed as { activities?: unknown }).activities;
  if (!Array.isArray(activities)) throw new Error('reply has no activities array');
  const types: string[] = [];
  const cards: string[] = [];
  const contents: unknown[] = [];
  const texts: string[] = [];
  for (const a of activities as Array<Record<string, unknown>>) {
    types.push(String(a.type));
    if (typeof a.text === 'string') texts.push(a.text);
    for (const att of Array.isArray(a.attachments) ? (a.attachments as Array<Record<string, unknown>>) : []) {
      cards.push(String(att.contentType));
      contents.push(att.content);
    }
  }
  return { activities: activities.length, types, cardContentTypes: cards, cards: contents, text: texts.join(' | ').slice(0, 200), bytes: Buffer.byteLength(body) };
}
