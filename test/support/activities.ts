// Builders for the activities Teams (and the Agents Playground) send, with the fields the bot checks.
import type { Activity } from 'botbuilder';

export const BOT = { id: '28:posture-bot', name: 'PostureBot' } as const;
export const USER = { id: '29:user-ada', name: 'Ada', aadObjectId: '00000000-0000-4000-8000-0000000000ad' } as const;
export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT_ID = '99999999-8888-4777-8666-555555555555';

export type ConversationType = 'personal' | 'groupChat' | 'channel';

export interface ActivityOptions {
  id?: string;
  conversationType?: ConversationType;
  conversationId?: string;
  /** null: no tenant at all. */
  tenantId?: string | null;
  deliveryMode?: 'expectReplies';
}

let counter = 0;
const nextId = () => `act-${Date.now().toString(36)}-${(counter += 1)}`;

function base(type: string, options: ActivityOptions): Partial<Activity> & Record<string, unknown> {
  const conversationType = options.conversationType ?? 'personal';
  const tenant = options.tenantId === undefined ? TENANT_ID : options.tenantId;
  const conversationId =
    options.conversationId ?? (conversationType === 'channel' ? '19:general@thread.tacv2;messageid=1700000000000' : conversationType === 'groupChat' ? '19:group@thread.v2' : 'a:personal-ada');
  return {
    type,
    id: options.id ?? nextId(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    timestamp: new Date(),
    from: { ...USER },
    recipient: { ...BOT },
    conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal', ...(tenant ? { tenantId: tenant } : {}) } as Activity['conversation'],
    ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}),
    ...(options.deliveryMode ? { deliveryMode: options.deliveryMode } : {}),
  };
}

export interface MessageOptions extends ActivityOptions {
  /** Prefix the text with an @mention of the bot (and add the mention entity). */
  mention?: boolean;
}

export function message(text: string, options: MessageOptions = {}): Partial<Activity> {
  const activity = base('message', options);
  if (!options.mention) return { ...activity, text };
  const tag = `<at>${BOT.name}</at>`;
  return { ...activity, text: `${tag} ${text}`, entities: [{ type: 'mention', text: tag, mentioned: { ...BOT } }] };
}

/** Action.Submit: a message with a value and no text. */
export function submit(value: unknown, options: ActivityOptions = {}): Partial<Activity> {
  return { ...base('message', options), value };
}

/** Action.Execute: an adaptiveCard/action invoke. */
export function execute(verb: string, data: Record<string, unknown>, options: ActivityOptions = {}): Partial<Activity> {
  return { ...base('invoke', options), name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } };
}

export function botAdded(options: ActivityOptions = {}): Partial<Activity> {
  return { ...base('conversationUpdate', options), membersAdded: [{ id: BOT.id, name: BOT.name }] };
}

export function userAdded(options: ActivityOptions = {}): Partial<Activity> {
  return { ...base('conversationUpdate', options), membersAdded: [{ id: '29:someone-else', name: 'Bob' }] };
}

export function installed(action: 'add' | 'remove' = 'add', options: ActivityOptions = {}): Partial<Activity> {
  return { ...base('installationUpdate', options), action };
}
