// The shape of a knowledge-base entry: our own explanation of one recommendation (by assessment key) or of one
// individual-recommendation category. Validated with zod when the knowledge base is built.
import { z } from 'zod';
import { RECOMMENDATION_CATEGORIES, type RecommendationCategory } from '../../posture/recommendationCategories';

export { RECOMMENDATION_CATEGORIES, type RecommendationCategory };

const sentence = z.string().min(30).max(700);
const step = z.string().min(10).max(320);
/** Lower-case words or short phrases a person might use for the subject: 'tls', 'public network access'. */
const subject = z.string().regex(/^[a-z0-9][a-z0-9 .+/-]{0,40}$/);

const contentShape = {
  /** What the recommendation checks. */
  description: sentence,
  /** Why it matters: the risk when it is not fixed. */
  whyItMatters: sentence,
  /** How to fix it, in order. */
  steps: z.array(step).min(2).max(8),
  subjects: z.array(subject).min(3).max(16),
  /** A fix definition id from fixes/definitions.ts, where the change can be scripted. */
  fix: z.string().optional(),
  /** Microsoft reference pages the facts were checked against. */
  checkedAgainst: z.array(z.string().url()).min(1),
};

export const keyEntrySchema = z.object({ key: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), ...contentShape }).strict();
export type KeyEntry = z.infer<typeof keyEntrySchema>;

export const categoryEntrySchema = z.object({ category: z.enum(RECOMMENDATION_CATEGORIES), ...contentShape }).strict();
export type CategoryEntry = z.infer<typeof categoryEntrySchema>;

export type KnowledgeEntry = KeyEntry | CategoryEntry;
