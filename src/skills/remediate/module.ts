// The remediate skill as a module: summarize one recommendation for its resource, and show how to fix it (steps,
// Azure CLI / PowerShell or AWS CLI / gcloud scripts). Knowledge and fix renderers come from src/remediation/.
import { resolveTarget } from '../../actions/contracts/target';
import type { SkillModule } from '../../actions/skillModule';
import { createCatalog } from '../../posture/catalog/catalog';
import type { PostureEngine } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import { createKnowledgeBase } from '../../remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../remediation/remediation';
import type { Reply } from '../../views/reply';
import type { ArmWrites } from '../../access/armWrites';
import { createRemediateCardVerbs } from './cardVerbs';
import { createApplyFixAction } from './applyFixAction';
import { createRemediateActions } from './remediateActions';
import type { ScriptLinks } from './scriptLinks';
import { createUndoFixAction } from './undoFixAction';
import { withRemembered } from './selection';

export interface RemediateDeps {
  /** current() per step; applyChange() records a simulated fix (kept across restarts by the holder). */
  posture: {
    current(): PostureEngine;
    applyChange(change: OverlayChange): Promise<void>;
    revertChange(assessmentId: string, matches: (change: OverlayChange) => boolean): Promise<OverlayChange | undefined>;
    info?(): { demo: boolean; live?: boolean };
  };
  /** Changes in Azure itself (src/access/armWrites.ts): used only while the data is the live Azure source. */
  armWrites?: ArmWrites;
  /** Download links for remediation scripts (absent: scripts are shown only). */
  scriptLinks?: ScriptLinks;
}

/** Actions offered as buttons: its own applyFix, and the assign module's assignOwner (src/actions/contracts/assign.ts). */
const OFFERED_ACTIONS = new Set(['applyFix', 'assignOwner']);

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
  templates: ['summary', 'remediation', 'choice'],
  create: ({ posture, scriptLinks, armWrites }) => {
    const catalog = createCatalog();
    const knowledge = createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName });
    const remediation = createRemediation({ knowledge });
    const resolve = withRemembered(resolveTarget);
    // Fixes are simulated, and the holder simulates them only on the embedded demo tenant.
    const canSimulate = () => posture.info?.().demo ?? false;
    // On the live Azure source a fix changes Azure itself, with the identity armWrites acts as.
    const liveWrites = () => (posture.info?.().live ? armWrites : undefined);
    const hasAction = (name: string) => (name === 'applyFix' ? canSimulate() || liveWrites() !== undefined : OFFERED_ACTIONS.has(name));
    const actions = createRemediateActions({ posture, knowledge, remediation, resolveTarget: resolve, hasAction, ...(scriptLinks ? { scriptLinks } : {}) });
    actions.push(createApplyFixAction({ posture, remediation, resolveTarget: resolve, canSimulate, armWrites: liveWrites }) as unknown as (typeof actions)[number]);
    actions.push(createUndoFixAction({ posture, resolveTarget: resolve }) as unknown as (typeof actions)[number]);
    return { actions, cardVerbs: createRemediateCardVerbs({ hasAction: (name) => OFFERED_ACTIONS.has(name) }) };
  },
};
