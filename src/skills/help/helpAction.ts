// The `help` action: a card saying what the bot can do, with sample prompts to click.
import { helpParamsSchema } from '../../actions/contracts/help';
import type { ActionDefinition } from '../../actions/registry';
import type { HelpView } from '../../views/helpView';
import type { Reply } from '../../views/reply';
import type { WelcomeView } from '../../views/welcomeView';
import { SAMPLE_PROMPTS, type SamplePrompt } from './samplePrompts';

const CAPABILITIES = [
  { name: 'Find', description: 'List Defender for Cloud recommendations by risk level, severity, risk factor, resource type, subscription, owner or tag.' },
  { name: 'Count and break down', description: 'Ask how many, or group the open recommendations by severity, risk level, resource type, owner and more.' },
  { name: 'Attack paths', description: 'See which recommendations sit on resources that are part of an attack path.' },
  { name: 'Owners and due dates', description: 'Find overdue, unassigned or on-time recommendations from governance assignments.' },
  { name: 'Drill in', description: 'Open one recommendation for its affected resources, risk factors and remediation steps.' },
];

const buttons = (prompts: readonly SamplePrompt[]) => prompts.map((p) => ({ title: p.title, ref: p.ref }));

export function buildHelpView(prompts: readonly SamplePrompt[] = SAMPLE_PROMPTS): HelpView {
  return {
    title: 'What I can do',
    intro: 'I help you triage Microsoft Defender for Cloud posture: recommendations, risk, attack paths, owners and due dates. Ask in plain words.',
    capabilities: CAPABILITIES,
    samples: prompts.map((p) => ({ title: p.title, prompt: p.prompt, description: p.description })),
    prompts: buttons(prompts),
    footer: 'After a list, refine it ("only the VMs", "include medium too") or ask for details of an item.',
  };
}

export function buildWelcomeView(conversationType: 'personal' | 'groupChat' | 'channel' | undefined, prompts: readonly SamplePrompt[] = SAMPLE_PROMPTS): WelcomeView {
  const howToAsk =
    conversationType === 'personal' || conversationType === undefined
      ? 'Just type a question here.'
      : 'Mention me (@) with your question: I only read messages that mention me here.';
  return {
    title: 'Hi! I am the posture bot.',
    intro: 'I bring Microsoft Defender for Cloud posture into Teams: what is risky, what is exposed, who owns the fix and when it is due.',
    howToAsk,
    prompts: buttons(prompts),
  };
}

export function createHelpAction(): ActionDefinition<typeof helpParamsSchema, Reply> {
  return {
    name: 'help',
    description: 'Show what the bot can do, with sample prompts.',
    parameters: helpParamsSchema,
    sideEffects: false,
    handler: async (_params, context) => {
      await context.reply({
        kind: 'card',
        card: { template: 'help', model: buildHelpView() },
        suggestions: SAMPLE_PROMPTS.filter((p) => p.prompt.toLowerCase() !== 'help').slice(0, 3).map((p) => p.prompt),
      });
    },
  };
}
