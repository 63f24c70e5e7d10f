// The smallest activity the bot accepts, checked before the Bot Framework adapter sees it: a request that fails
// gets HTTP 400 with every problem listed, instead of an exception deep in a turn.
import { z } from 'zod';
import { hasLoneSurrogate } from '../storage/recordKeys';
import { keepNewestMember } from '../collections/keepNewest';

/** Activity types the bot acts on; anything else is acknowledged and ignored. */
export const HANDLED_ACTIVITY_TYPES = ['message', 'conversationUpdate', 'installationUpdate', 'invoke'] as const;
export type HandledActivityType = (typeof HANDLED_ACTIVITY_TYPES)[number];

// Ids become storage keys and log fields: a lone surrogate cannot be stored as UTF-8 (two ids would collide) and a
// control character has no business in one. Refused here, before anything is written.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// Limits and the URL scheme rule, shared by the schema and the plain check below so the two cannot drift apart.
const MAX_ID = 1024;
const MAX_SHORT = 64;
const MAX_NAME = 256;
const HTTP_URL = /^https?:\/\//i;
const id = z
  .string()
  .min(1)
  .max(MAX_ID)
  .refine((v) => !hasLoneSurrogate(v), { message: 'contains an unpaired surrogate' })
  .refine((v) => !CONTROL_CHARACTER.test(v), { message: 'contains a control character' });
const account = z.object({ id }).passthrough();

const envelope = z.object({ type: z.string().min(1).max(MAX_SHORT) }).passthrough();

const handled = z
  .object({
    type: z.enum(HANDLED_ACTIVITY_TYPES),
    id: id.optional(),
    channelId: z.string().min(1).max(MAX_SHORT),
    serviceUrl: z.string().url().refine((u) => HTTP_URL.test(u), { message: 'must be an http(s) URL' }),
    conversation: z.object({ id, conversationType: z.string().max(MAX_SHORT).nullish(), tenantId: z.string().max(MAX_SHORT).nullish() }).passthrough(),
    from: account,
    recipient: account,
    text: z.string().nullish(),
    name: z.string().max(MAX_NAME).nullish(),
  })
  .passthrough()
  .superRefine((activity, ctx) => {
    if (activity.type === 'invoke' && !activity.name) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: 'required for invoke activities' });
  });

export type ActivityCheck = { kind: 'handled'; activity: Record<string, unknown> } | { kind: 'ignored'; type: string } | { kind: 'invalid'; problems: string[] };

const describe = (issues: z.ZodIssue[]) => issues.map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`);

const HANDLED = new Set<string>(HANDLED_ACTIVITY_TYPES);

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const isId = (value: unknown): boolean =>
  typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID && !hasLoneSurrogate(value) && !CONTROL_CHARACTER.test(value);
const isNullishString = (value: unknown, max: number): boolean => value === undefined || value === null || (typeof value === 'string' && value.length <= max);

/**
 * Service URLs that passed, kept: a deployment's channel sends a handful, so a turn finds its URL here instead of
 * parsing it again. At most MAX_KEPT_SERVICE_URLS of them (the oldest dropped), none longer than MAX_KEPT_URL.
 */
const keptServiceUrls = new Set<string>();
export const MAX_KEPT_SERVICE_URLS = 64;
const MAX_KEPT_URL = 512;

function isServiceUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (keptServiceUrls.has(value)) return true;
  if (!HTTP_URL.test(value)) return false;
  try {
    new URL(value);
  } catch {
    return false;
  }
  if (value.length <= MAX_KEPT_URL) keepNewestMember(keptServiceUrls, value, MAX_KEPT_SERVICE_URLS);
  return true;
}

/**
 * The same rules as `handled` written out, for the activities that pass them (every real one): no copy, no issue
 * list. Anything it does not accept goes through the schema, which decides and says why.
 */
function passesPlainly(body: unknown): body is Record<string, unknown> {
  if (!isJsonObject(body)) return false;
  const { type, id: activityId, channelId, serviceUrl, conversation, from, recipient, text, name } = body;
  return (
    typeof type === 'string' &&
    HANDLED.has(type) &&
    (activityId === undefined || isId(activityId)) &&
    typeof channelId === 'string' &&
    channelId.length >= 1 &&
    channelId.length <= MAX_SHORT &&
    isServiceUrl(serviceUrl) &&
    isJsonObject(conversation) &&
    isId(conversation.id) &&
    isNullishString(conversation.conversationType, MAX_SHORT) &&
    isNullishString(conversation.tenantId, MAX_SHORT) &&
    isJsonObject(from) &&
    isId(from.id) &&
    isJsonObject(recipient) &&
    isId(recipient.id) &&
    isNullishString(text, Infinity) &&
    isNullishString(name, MAX_NAME) &&
    (type !== 'invoke' || (typeof name === 'string' && name.length > 0))
  );
}

export function checkActivity(body: unknown): ActivityCheck {
  if (passesPlainly(body)) return { kind: 'handled', activity: body };
  return checkActivityBySchema(body);
}

/** checkActivity through the zod schemas only (what the plain check must agree with; tests compare the two). */
export function checkActivityBySchema(body: unknown): ActivityCheck {
  const head = envelope.safeParse(body);
  if (!head.success) return { kind: 'invalid', problems: describe(head.error.issues) };
  if (!(HANDLED_ACTIVITY_TYPES as readonly string[]).includes(head.data.type)) return { kind: 'ignored', type: head.data.type };
  const full = handled.safeParse(body);
  if (!full.success) return { kind: 'invalid', problems: describe(full.error.issues) };
  return { kind: 'handled', activity: full.data };
}
