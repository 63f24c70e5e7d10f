// What the bot says when it cannot or must not help: honest, short, and with what it can do instead, said from the
// registered modules' help entries.
import { outOfScopeParamsSchema } from '../../actions/contracts/help';
import type { ActionDefinition } from '../../actions/registry';
import type { HelpCatalog } from '../../actions/skillModule';
import type { OutOfScopeReason } from '../../actions/vocabularies';
import type { Reply } from '../../views/reply';
import { sampleSuggestions } from './helpAction';

const REASONS: Record<OutOfScopeReason, string> = {
  notPosture: "Sorry, I can't assist with that.",
  notUnderstood: "Sorry, I can't assist with that: I didn't recognise a posture question in it.",
  dumpAll: "Sorry, I can't assist with that: I don't export everything at once. Ask for what you need and I'll show it a page at a time.",
  unsafe: "Sorry, I can't assist with that: I only answer questions about your security posture, and I don't change how I work on request.",
};

/** "I can a, b and c." from the entries that name a capability. */
export function canDoSentence(help: HelpCatalog): string {
  const phrases = help.entries.flatMap((e) => (e.canDo ? [e.canDo] : []));
  if (phrases.length === 0) return 'Type "help" to see what I can do.';
  const last = phrases.pop() ?? '';
  return `I can ${phrases.length > 0 ? `${phrases.join(', ')} and ${last}` : last}.`;
}

export function outOfScopeReply(reason: OutOfScopeReason, help: HelpCatalog): Reply {
  return { kind: 'text', text: `${REASONS[reason]} ${canDoSentence(help)}`, suggestions: [...sampleSuggestions(help, 2), 'Help'] };
}

export function createOutOfScopeAction(help: HelpCatalog): ActionDefinition<typeof outOfScopeParamsSchema, Reply> {
  return {
    name: 'outOfScope',
    description: 'Politely decline what the bot cannot or must not do.',
    parameters: outOfScopeParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => ctx.reply(outOfScopeReply(p.reason, help)),
  };
}
