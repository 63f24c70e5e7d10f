// An exemption approved in chat, as Azure keeps it: an Azure Policy exemption (Microsoft.Authorization/
// policyExemptions) on the assessed resource, for the policy assignment that evaluates the recommendation's policy
// there. Which assignment that is (and, for an initiative, which definition reference inside it) is read from
// Azure Policy's own compliance records for the resource (Microsoft.PolicyInsights policyStates), never guessed:
// when they do not name exactly one, the answer says so and nothing is written.
import { createHash } from 'node:crypto';
import { AppError } from '../errors/appError';
import type { ArmRead, ArmWrite } from './armWrites';

/** Policy exemptions, create or update (public REST reference). */
export const POLICY_EXEMPTIONS_API = '2022-07-01-preview';
/** Policy states, latest, query results for a resource (public REST reference). */
export const POLICY_STATES_API = '2019-10-01';

/** Defender's default assignment (the Microsoft cloud security benchmark), chosen when several assignments check the policy. */
const DEFENDER_DEFAULT_ASSIGNMENT = /\/providers\/microsoft\.authorization\/policyassignments\/securitycenterbuiltin$/i;

export type ExemptionCategory = 'Waiver' | 'Mitigated';

export interface ExemptionTarget {
  policyAssignmentId: string;
  /** The definition's reference ids inside the assigned initiative; empty when a single policy is assigned. */
  policyDefinitionReferenceIds: string[];
}

export interface PolicyExemptionFields extends ExemptionTarget {
  /** The assessed resource's id (the exemption's scope). */
  resourceId: string;
  assessmentId: string;
  category: ExemptionCategory;
  /** Epoch milliseconds; absent: no expiry. */
  expiresOn?: number;
  displayName: string;
  description: string;
}

/** The resource an assessment id belongs to: the part before /providers/Microsoft.Security/assessments/. */
export function resourceIdOfAssessment(assessmentId: string): string | undefined {
  const at = assessmentId.toLowerCase().lastIndexOf('/providers/microsoft.security/assessments/');
  const resourceId = at > 0 ? assessmentId.slice(0, at) : '';
  return /^\/subscriptions\/[^/]+(\/.+)?$/i.test(resourceId) ? resourceId : undefined;
}

/** The same approval twice writes the same exemption: its name is derived from the assessment and the assignment. */
export function policyExemptionName(assessmentId: string, policyAssignmentId: string): string {
  const hex = createHash('sha256').update(`${assessmentId.toLowerCase()}|${policyAssignmentId.toLowerCase()}`).digest('hex');
  return `posture-bot-${hex.slice(0, 32)}`;
}

/** Which assignments evaluate one policy definition on one resource, from its latest compliance records. */
export function policyStatesQuery(resourceId: string, policyDefinitionId: string): ArmRead {
  const filter = `policyDefinitionId eq '${policyDefinitionId.replace(/'/g, "''")}'`;
  return {
    method: 'POST',
    url: `${resourceId}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=${POLICY_STATES_API}&$filter=${encodeURIComponent(filter)}&$top=50`,
    needs: 'Reader (policy compliance read) on the subscription that holds this resource',
  };
}

interface PolicyStateRow {
  policyAssignmentId?: unknown;
  policyDefinitionId?: unknown;
  policyDefinitionReferenceId?: unknown;
}

const UNKNOWN = 'I could not tell which Azure Policy assignment checks this recommendation on this resource';

/**
 * The assignment to exempt, from the policy states' answer: the one assignment that evaluates the definition (or
 * Defender's default one among several), with its reference ids. Anything else is a NOT_FOUND with the reason.
 */
export function exemptionTargetOf(answer: unknown, policyDefinitionId: string): ExemptionTarget {
  const rows = (typeof answer === 'object' && answer !== null && Array.isArray((answer as { value?: unknown }).value) ? (answer as { value: PolicyStateRow[] }).value : []).filter(
    (row) => typeof row.policyAssignmentId === 'string' && typeof row.policyDefinitionId === 'string' && row.policyDefinitionId.toLowerCase() === policyDefinitionId.toLowerCase(),
  );
  const byAssignment = new Map<string, { id: string; refs: Set<string> }>();
  for (const row of rows) {
    const id = row.policyAssignmentId as string;
    const entry = byAssignment.get(id.toLowerCase()) ?? { id, refs: new Set<string>() };
    if (typeof row.policyDefinitionReferenceId === 'string' && row.policyDefinitionReferenceId !== '') entry.refs.add(row.policyDefinitionReferenceId);
    byAssignment.set(id.toLowerCase(), entry);
  }
  const all = [...byAssignment.values()];
  const chosen = all.length === 1 ? all[0] : all.find((a) => DEFENDER_DEFAULT_ASSIGNMENT.test(a.id));
  if (!chosen) {
    const why = all.length === 0 ? 'Azure Policy has no compliance record of its policy for it yet' : `${all.length} assignments check its policy and none is Defender's default one`;
    throw new AppError('NOT_FOUND', `${UNKNOWN} (${why}), so no exemption was written to Azure and the request stays open. Exempt it in the Defender portal, or approve again once Azure Policy has evaluated it.`);
  }
  return { policyAssignmentId: chosen.id, policyDefinitionReferenceIds: [...chosen.refs].sort() };
}

/** The exemption with no policy known for the recommendation (a custom or non-policy assessment). */
export function noPolicyProblem(): AppError {
  return new AppError('NOT_FOUND', `${UNKNOWN} (the data names no Azure Policy definition for it), so no exemption was written to Azure and the request stays open. Exempt it in the Defender portal.`);
}

/** PUT {resourceId}/providers/Microsoft.Authorization/policyExemptions/{name}, body as the public reference has it. */
export function policyExemptionWrite(fields: PolicyExemptionFields): ArmWrite {
  return {
    method: 'PUT',
    url: `${fields.resourceId}/providers/Microsoft.Authorization/policyExemptions/${policyExemptionName(fields.assessmentId, fields.policyAssignmentId)}?api-version=${POLICY_EXEMPTIONS_API}`,
    body: {
      properties: {
        policyAssignmentId: fields.policyAssignmentId,
        ...(fields.policyDefinitionReferenceIds.length > 0 ? { policyDefinitionReferenceIds: fields.policyDefinitionReferenceIds } : {}),
        exemptionCategory: fields.category,
        ...(fields.expiresOn !== undefined ? { expiresOn: new Date(fields.expiresOn).toISOString() } : {}),
        displayName: fields.displayName.slice(0, 128),
        description: fields.description.slice(0, 512),
        metadata: { requestedBy: 'posture-bot', assessmentId: fields.assessmentId },
      },
    },
    needs: 'Resource Policy Contributor (or Owner, or Security Admin) on the subscription that holds this resource',
  };
}
