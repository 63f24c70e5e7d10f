// What an owner card's press writes to Azure itself on the live Azure source, before the bot records it: the owner's
// ETA (remediationEta) or a new owner goes into Defender's governance assignment, and an exemption the delegator approves becomes
// an Azure Policy exemption on the resource. Each runs as the identity armWrites acts as: the presser's own token
// (Teams SSO on-behalf-of, so Azure RBAC decides) or the bot's when the operator allows it. A refusal, or an
// exemption whose policy assignment is not known, stops the press: the delegation stays as it was.
import { governanceAssignmentWrite, type ArmWrites } from '../../access/armWrites';
import { exemptionTargetOf, noPolicyProblem, policyExemptionWrite, policyStatesQuery, resourceIdOfAssessment, type ExemptionCategory } from '../../access/policyExemptions';
import type { PostureEngine } from '../../posture/engine';
import type { Viewer } from '../../posture/viewer';
import type { Delegation } from './delegationRecords';
import { displayDate } from '../../views/postureLabels';

/** Runs before a press changes the delegation from `current` to `next`; returns a sentence for the presser, if any. */
export type OwnerWriteBack = (current: Delegation, next: Delegation, viewer: Viewer) => Promise<string | undefined>;

const WHERE = 'the subscription that holds this resource';

/** "Risk accepted" in the card is Azure Policy's Waiver; "Mitigated" is the same word in both. */
export const exemptionCategoryOf = (kind: 'Mitigated' | 'RiskAccepted'): ExemptionCategory => (kind === 'RiskAccepted' ? 'Waiver' : 'Mitigated');

export function createOwnerWriteBacks(options: { armWrites: () => ArmWrites | undefined; engine: () => PostureEngine }): OwnerWriteBack {
  return async (current, next, viewer) => {
    const writes = options.armWrites();
    if (!writes) return undefined;
    // A new ETA, or a new owner (a reassignment): the whole governance assignment is written again.
    const newOwner = next.owner.toLowerCase() !== current.owner.toLowerCase();
    if ((next.state === 'EtaSet' && next.eta) || newOwner) {
      const ticketNumber = next.ticket?.number;
      await writes.write(viewer, governanceAssignmentWrite(next.assessmentId, { owner: next.owner, dueDate: next.dueDate, isGracePeriod: next.gracePeriod, ...(ticketNumber ? { ticketNumber } : {}), ...(next.eta ? { eta: next.eta } : {}) }, WHERE));
      return newOwner ? 'The new owner is written to Defender in Azure.' : 'The ETA is written to Defender in Azure.';
    }
    if (next.state === 'ExemptionApproved' && current.state === 'ExemptionRequested' && current.exemption) {
      const resourceId = resourceIdOfAssessment(current.assessmentId);
      // The approver's own view: a recommendation outside their access is not looked up for them.
      const policyDefinitionId = options.engine().details(viewer, current.assessmentId)?.policyDefinitionId;
      if (!resourceId || !policyDefinitionId) throw noPolicyProblem();
      const target = exemptionTargetOf(await writes.read(viewer, policyStatesQuery(resourceId, policyDefinitionId)), policyDefinitionId);
      const { reason, kind, expiresAt } = current.exemption;
      await writes.write(
        viewer,
        policyExemptionWrite({
          ...target,
          resourceId,
          assessmentId: current.assessmentId,
          category: exemptionCategoryOf(kind),
          ...(expiresAt !== undefined ? { expiresOn: expiresAt } : {}),
          displayName: `${current.recommendation} on ${current.resourceName}`,
          description: `Approved in Teams by ${current.delegator.name ?? 'the delegator'} at the request of ${current.owner}: ${reason}`,
        }),
      );
      return `It is written to Azure as a policy exemption (${exemptionCategoryOf(kind)}${expiresAt !== undefined ? `, until ${displayDate(expiresAt)}` : ''}).`;
    }
    return undefined;
  };
}
