// The help skill as a module: the help card, the polite refusal (outOfScope) and sample-prompt buttons, all said
// from the registered modules' help entries (the platform's help catalog).
import type { PlatformDeps, SkillModule } from '../../actions/skillModule';
import type { Reply } from '../../views/reply';
import { createHelpAction } from './helpAction';
import { createOutOfScopeAction } from './outOfScope';
import { createPromptCardVerb } from './promptCardVerb';

export const helpModule: SkillModule<PlatformDeps, Reply> = {
  name: 'help',
  help: [
    {
      title: 'Help',
      description: 'Say "help" any time for this card; the buttons run a sample question.',
      samples: [{ ref: 'p6', title: 'Help', prompt: 'help', description: 'What I can do and how to ask.' }],
    },
  ],
  templates: ['help', 'welcome'],
  create: ({ help }) => ({ actions: [createHelpAction(help), createOutOfScopeAction(help)], cardVerbs: [createPromptCardVerb(help)] }),
};
