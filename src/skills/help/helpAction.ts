// The `help` action: a card saying what the bot can do, with sample prompts to click. Both the help card and the
// welcome card are built from the registered modules' help entries (the help catalog), never from a copy.
import { helpParamsSchema } from '../../actions/contracts/help';
import type { ActionDefinition } from '../../actions/registry';
import type { HelpCatalog, SamplePrompt } from '../../actions/skillModule';
import type { HelpView } from '../../views/helpView';
import { promptRows } from '../../views/promptButton';
import type { Reply } from '../../views/reply';
import type { WelcomeView } from '../../views/welcomeView';

const buttons = (prompts: readonly SamplePrompt[]) => promptRows(prompts.map((p) => ({ title: p.title, ref: p.ref })));

export function buildHelpView(help: HelpCatalog): HelpView {
  return {
    title: 'What I can do',
    intro: 'I help you triage Microsoft Defender for Cloud posture: recommendations, risk, attack paths, owners and due dates. Ask in plain words.',
    capabilities: help.entries.map((e) => ({ name: e.title, description: e.description })),
    samples: help.samples.map((p) => ({ title: p.title, prompt: p.prompt, description: p.description })),
    promptRows: buttons(help.samples),
    footer: 'After a list, refine it ("only the VMs", "include medium too") or ask for details of an item.',
  };
}

export function buildWelcomeView(conversationType: 'personal' | 'groupChat' | 'channel' | undefined, help: HelpCatalog, access?: string): WelcomeView {
  const howToAsk =
    conversationType === 'personal' || conversationType === undefined
      ? 'Just type a question here.'
      : 'Mention me (@) with your question: I only read messages that mention me here.';
  return {
    title: 'Hi! I am the posture bot.',
    intro: 'I bring Microsoft Defender for Cloud posture into Teams: what is risky, what is exposed, who owns the fix and when it is due.',
    howToAsk,
    ...(access ? { access } : {}),
    promptRows: buttons(help.samples),
  };
}

/** Quick replies: the first sample prompts other than "help" itself. */
export function sampleSuggestions(help: HelpCatalog, count: number): string[] {
  return help.samples.filter((p) => p.prompt.toLowerCase() !== 'help').slice(0, count).map((p) => p.prompt);
}

export function createHelpAction(help: HelpCatalog): ActionDefinition<typeof helpParamsSchema, Reply> {
  return {
    name: 'help',
    description: 'Show what the bot can do, with sample prompts.',
    parameters: helpParamsSchema,
    sideEffects: false,
    handler: async (_params, context) => {
      await context.reply({ kind: 'card', card: { template: 'help', model: buildHelpView(help) }, suggestions: sampleSuggestions(help, 3) });
    },
  };
}
