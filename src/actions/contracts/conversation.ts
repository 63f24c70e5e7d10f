// Conversation actions that answer no posture question: starting over and small talk.
import { z } from 'zod';

/** `startOver`: "start over", "reset", "clear everything": forgets the list on screen and its filters. */
export const startOverParamsSchema = z.object({}).strict();

/** `smallTalk`: a greeting, thanks or goodbye with nothing else in it gets a short answer. */
export const SMALL_TALK = ['greeting', 'thanks', 'goodbye'] as const;
export const smallTalkParamsSchema = z.object({ kind: z.enum(SMALL_TALK) }).strict();
export type SmallTalkParams = z.infer<typeof smallTalkParamsSchema>;
