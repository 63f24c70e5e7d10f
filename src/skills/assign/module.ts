// The assign skill as a module: record an owner and a due date for one recommendation, confirmed on a card.
// The planner names only which row ("the first one"); the owner and date come from the data and the card's inputs.
import { resolveTarget } from '../../actions/contracts/target';
import type { SkillModule } from '../../actions/skillModule';
import type { Reply } from '../../views/reply';
import type { ArmWrites } from '../../access/armWrites';
import { createAssignOwnerAction, type PostureChanges } from './assignOwnerAction';

export interface AssignDeps {
  posture: PostureChanges & { info?(): { live?: boolean } };
  /** Governance assignments written to Defender (src/access/armWrites.ts), only while the data is the live Azure source. */
  armWrites?: ArmWrites;
}

export const assignModule: SkillModule<AssignDeps, Reply> = {
  name: 'assign',
  help: [
    {
      title: 'Assign an owner and due date',
      description: 'Pick a recommendation from a list and record who fixes it and by when: you check both on a card and confirm.',
      canDo: 'record an owner and a due date for one',
      samples: [
        {
          ref: 'p7',
          title: 'Assign an owner',
          prompt: 'Assign an owner and due date to the first one',
          description: 'After a list: set an owner and due date for its first recommendation, confirmed on a card.',
        },
      ],
    },
  ],
  templates: ['confirmation'],
  create: ({ posture, armWrites }) => ({ actions: [createAssignOwnerAction({ posture, resolveTarget, armWrites: () => (posture.info?.().live ? armWrites : undefined) })], cardVerbs: [] }),
};
