// The skill-module contract. A skill is one folder, src/skills/<name>/, exporting one SkillModule: what it can do
// (help entries with sample prompts), the card templates its replies use, and a factory for its registry actions and
// card verbs. Help entries and templates are static, so the app packager and the tests read them without loading
// posture data; `create` gets the running bot's dependencies. The composition root lists the modules in
// src/skillModules.ts (one line per skill) and registers them with registerModules (src/app.ts).
import type { z } from 'zod';
import type { CardVerb } from './cardVerb';
import type { ActionDefinition } from './registry';

/** A prompt to click (card buttons, the Teams command menu) or type. Buttons carry `ref`, never the text. */
export interface SamplePrompt {
  /** Opaque, unique across modules, and kept stable: older cards' buttons carry it. */
  ref: string;
  /** At most 32 characters (a Teams command title). */
  title: string;
  prompt: string;
  /** At most 128 characters (a Teams command description). */
  description: string;
}

/** Teams' command-list limits, which the sample prompts feed. */
export const SAMPLE_PROMPT_LIMITS = { title: 32, description: 128, count: 10 } as const;

/** One thing a skill can do, as the help card, the welcome card, the out-of-scope answer and the manifest say it. */
export interface HelpEntry {
  /** Short name on the help card ("Find", "Assign an owner and due date"). */
  title: string;
  /** What it does, one sentence on the help card. */
  description: string;
  /** Completes "I can …" in the out-of-scope answer; absent for entries that are not a capability (help itself). */
  canDo?: string;
  samples: readonly SamplePrompt[];
}

/** What a module contributes to the running bot. */
export interface SkillParts<Reply = unknown> {
  actions: ReadonlyArray<ActionDefinition<z.ZodTypeAny, Reply>>;
  cardVerbs: readonly CardVerb[];
}

export interface SkillModule<Deps = unknown, Reply = unknown> {
  name: string;
  help: readonly HelpEntry[];
  /** Adaptive Card templates (adaptiveCards/<name>.json) this skill's replies use. */
  templates: readonly string[];
  create(deps: Deps): SkillParts<Reply>;
}

/** What the registered modules can do, gathered: the help skill and the app packager read it. */
export interface HelpCatalog {
  entries: readonly HelpEntry[];
  samples: readonly SamplePrompt[];
  findSample(ref: string): SamplePrompt | undefined;
}

/** Dependencies every module may take besides its own: the platform provides them. */
export interface PlatformDeps {
  help: HelpCatalog;
}

const REF = /^[A-Za-z0-9_-]{1,64}$/;

/** Gathers the modules' help entries; throws listing every problem (duplicate refs or titles, Teams limits). */
export function helpCatalogOf(modules: ReadonlyArray<Pick<SkillModule<never>, 'name' | 'help'>>): HelpCatalog {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const module of modules) {
    if (names.has(module.name)) problems.push(`skill module ${module.name} is listed twice`);
    names.add(module.name);
  }
  const entries = modules.flatMap((m) => m.help);
  const samples = entries.flatMap((e) => e.samples);
  const refs = new Map<string, SamplePrompt>();
  const titles = new Set<string>();
  for (const sample of samples) {
    if (!REF.test(sample.ref)) problems.push(`sample prompt ref "${sample.ref}" is not a short identifier`);
    if (refs.has(sample.ref)) problems.push(`sample prompt ref "${sample.ref}" is used twice`);
    refs.set(sample.ref, sample);
    if (titles.has(sample.title.toLowerCase())) problems.push(`sample prompt title "${sample.title}" is used twice`);
    titles.add(sample.title.toLowerCase());
    if (!sample.title.trim() || sample.title.length > SAMPLE_PROMPT_LIMITS.title) problems.push(`sample prompt "${sample.ref}": the title must be 1-${SAMPLE_PROMPT_LIMITS.title} characters`);
    if (sample.description.length > SAMPLE_PROMPT_LIMITS.description) problems.push(`sample prompt "${sample.ref}": the description is over ${SAMPLE_PROMPT_LIMITS.description} characters`);
    if (!sample.prompt.trim() || sample.prompt.trim() !== sample.prompt) problems.push(`sample prompt "${sample.ref}": the prompt must be non-empty and trimmed`);
  }
  if (samples.length > SAMPLE_PROMPT_LIMITS.count) problems.push(`${samples.length} sample prompts: Teams shows at most ${SAMPLE_PROMPT_LIMITS.count} commands`);
  if (problems.length > 0) throw new Error(`Skill modules' help entries are not valid:\n  - ${problems.join('\n  - ')}`);
  return { entries, samples, findSample: (ref) => refs.get(ref) };
}
