// The turn bench's prompt mixes, each with the floor it is compared against. The real analyze mix and the list mix
// are held to the list card floor (the list-card target); the details, counts and remediate mixes to the
// mix floor, which answers each prompt with a fixed reply of the kind the bot gave it before the rounds (a details
// card, a breakdown card, a count's sentence, a summary, a fix, a "which one?"), so each is priced against its own
// cards and never against a bigger or smaller one.
import { resourceQuestions } from './dataPrompts';
import { ANALYZE_PROMPTS, COUNTS_PROMPTS, DETAILS_PROMPTS, DETAILS_SETUP, LIST_PROMPTS, REMEDIATE_PROMPTS } from './prompts';

export const MIX_NAMES = ['analyze', 'list', 'details', 'resources', 'counts', 'remediate'] as const;
export type MixName = (typeof MIX_NAMES)[number];

export interface Mix {
  name: MixName;
  /** How results and logs name it. */
  title: string;
  prompts: readonly string[];
  /** Sent once in each conversation before its load (and before preflight), not measured: what the prompts follow. */
  setup: readonly string[];
  /** 'list': the list card floor for every prompt; 'matched': the mix floor, one fixed reply of the bot's kind per prompt. */
  floor: 'list' | 'matched';
  /** Kinds of answer (card template, or 'text') the bot must give every prompt; any other stops the run. */
  allowed?: readonly string[];
  /** Prompts read from the data the bot serves (names), added to `prompts` by resolveMix. */
  fromData?: () => Promise<string[]>;
}

const MIXES: Record<MixName, Mix> = {
  analyze: { name: 'analyze', title: 'analyze (real mix)', prompts: ANALYZE_PROMPTS, setup: [], floor: 'list' },
  list: { name: 'list', title: 'list-card', prompts: LIST_PROMPTS, setup: [], floor: 'list', allowed: ['recommendations'] },
  details: { name: 'details', title: 'details', prompts: DETAILS_PROMPTS, setup: DETAILS_SETUP, floor: 'matched', allowed: ['details'] },
  // Its own mix, not part of details: the resources card becomes the list on screen, so "the second one" after it
  // asks about a one-resource list.
  resources: { name: 'resources', title: "what's wrong with <resource>", prompts: [], setup: [], floor: 'matched', allowed: ['resources'], fromData: () => resourceQuestions(6) },
  counts: { name: 'counts', title: 'counts and breakdowns', prompts: COUNTS_PROMPTS, setup: [], floor: 'matched', allowed: ['text', 'breakdown'] },
  remediate: { name: 'remediate', title: 'summarize/remediate', prompts: REMEDIATE_PROMPTS, setup: [], floor: 'matched', allowed: ['summary', 'remediation', 'choice'] },
};

export const mixNamed = (name: MixName): Mix => MIXES[name];
export const isMixName = (name: string | undefined): name is MixName => (MIX_NAMES as readonly string[]).includes(name ?? '');

/** The mix with its prompts read from the data added (the demo tenant the turn section's bot serves). */
export async function resolveMix(mix: Mix): Promise<Mix> {
  if (!mix.fromData) return mix;
  const prompts = [...mix.prompts, ...(await mix.fromData())];
  if (prompts.length === 0) throw new Error(`the ${mix.title} mix found nothing to ask in the data`);
  return { ...mix, prompts };
}
