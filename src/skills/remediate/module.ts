// The remediate skill as a module: summarize one recommendation for its resource, and show how to fix it (steps,
// Azure CLI / PowerShell or AWS CLI / gcloud scripts). Knowledge and fix renderers come from src/remediation/.
import { resolveTarget } from '../../actions/contracts/target';
import type { SkillModule } from '../../actions/skillModule';
import { createCatalog } from '../../posture/catalog/catalog';
import type { PostureEngine } from '../../posture/engine';
import { createKnowledgeBase } from '../../remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../remediation/remediation';
import type { Reply } from '../../views/reply';
import { createRemediateCardVerbs } from './cardVerbs';
import { createRemediateActions } from './remediateActions';

export interface RemediateDeps {
  posture: { current(): PostureEngine };
}

/** Actions of other modules this one offers as buttons (the assign module's contract, src/actions/contracts/assign.ts). */
const OFFERED_ACTIONS = new Set(['assignOwner']);

export const remediateModule: SkillModule<RemediateDeps, Reply> = {
  name: 'remediate',
  help: [
    {
      title: 'Summarize and remediate',
      description: 'Explain one recommendation for its resource (why it matters here, what fixing affects), then get steps and Azure CLI / PowerShell scripts.',
      canDo: 'explain one in plain words or script its fix',
      samples: [
        { ref: 'p9', title: 'Summarize', prompt: 'Summarize the first one', description: 'After a list: what its first recommendation checks, why it matters on that resource, and what fixing it affects.' },
        { ref: 'p10', title: 'How do I fix it?', prompt: 'How do I fix the first one?', description: 'After a list: steps and ready scripts (Azure CLI, PowerShell) to fix its first recommendation.' },
      ],
    },
  ],
  templates: ['summary', 'remediation'],
  create: ({ posture }) => {
    const catalog = createCatalog();
    const knowledge = createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName });
    const remediation = createRemediation({ knowledge });
    const actions = createRemediateActions({ posture, knowledge, remediation, resolveTarget, hasAction: (name) => OFFERED_ACTIONS.has(name) });
    return { actions, cardVerbs: createRemediateCardVerbs({ hasAction: (name) => OFFERED_ACTIONS.has(name) }) };
  },
};
