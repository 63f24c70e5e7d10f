// The smallest activity the bot accepts, checked before the Bot Framework adapter sees it: a request that fails
// gets HTTP 400 with every problem listed, instead of an exception deep in a turn.
import { z } from 'zod';
import { hasLoneSurrogate } from '../storage/recordKeys';

/** Activity types the bot acts on; anything else is acknowledged and ignored. */
export const HANDLED_ACTIVITY_TYPES = ['message', 'conversationUpdate', 'installationUpdate', 'invoke'] as const;
export type HandledActivityType = (typeof HANDLED_ACTIVITY_TYPES)[number];

// Ids become storage keys and log fields: a lone surrogate cannot be stored as UTF-8 (two ids would collide) and a
// control character has no business in one. Refused here, before anything is written.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const id = z
  .string()
  .min(1)
  .max(1024)
  .refine((v) => !hasLoneSurrogate(v), { message: 'contains an unpaired surrogate' })
  .refine((v) => !CONTROL_CHARACTER.test(v), { message: 'contains a control character' });
const account = z.object({ id }).passthrough();

const envelope = z.object({ type: z.string().min(1).max(64) }).passthrough();

const handled = z
  .object({
    type: z.enum(HANDLED_ACTIVITY_TYPES),
    id: id.optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' }),
    conversation: z.object({ id, conversationType: z.string().max(64).nullish(), tenantId: z.string().max(64).nullish() }).passthrough(),
    from: account,
    recipient: account,
    text: z.string().nullish(),
    name: z.string().max(256).nullish(),
  })
  .passthrough()
  .superRefine((activity, ctx) => {
    if (activity.type === 'invoke' && !activity.name) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: 'required for invoke activities' });
  });

export type ActivityCheck = { kind: 'handled'; activity: Record<string, unknown> } | { kind: 'ignored'; type: string } | { kind: 'invalid'; problems: string[] };

const describe = (issues: z.ZodIssue[]) => issues.map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`);

export function checkActivity(body: unknown): ActivityCheck {
  const head = envelope.safeParse(body);
  if (!head.success) return { kind: 'invalid', problems: describe(head.error.issues) };
  if (!(HANDLED_ACTIVITY_TYPES as readonly string[]).includes(head.data.type)) return { kind: 'ignored', type: head.data.type };
  const full = handled.safeParse(body);
  if (!full.success) return { kind: 'invalid', problems: describe(full.error.issues) };
  return { kind: 'handled', activity: full.data };
}
