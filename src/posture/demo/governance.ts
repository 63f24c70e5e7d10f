// `microsoft.security/assessments/governanceassignments` rows: who fixes an unhealthy recommendation and by when.
// Many unhealthy assessments stay unassigned on purpose; of the assigned ones some are overdue.
import type { BuiltAssessment } from './assessments';
import type { Prng } from './prng';
import { renameKey } from './rowCasing';

export interface GovernanceContext {
  prng: Prng;
  tenantId: string;
  generatedAtMs: number;
  people: readonly string[];
}

const DAY = 86_400_000;
const JUSTIFICATIONS = [
  'Waiting for the quarterly maintenance window',
  'Vendor patch expected next sprint',
  'Needs a change approval from the platform team',
  'Blocked by an application dependency upgrade',
];

/** A row when this assessment gets an owner, else undefined. */
export function maybeGovernance(
  ctx: GovernanceContext, assessment: BuiltAssessment, owner: string | undefined, subscriptionId: string, resourceGroup: string,
): Record<string, unknown> | undefined {
  const { prng } = ctx;
  const assign = assessment.status === 'Unhealthy' ? prng.chance(0.45) : assessment.status === 'Healthy' && prng.chance(0.04);
  if (!assign) return undefined;
  const name = prng.guid();
  // Due dates straddle "now": about a third of assignments are already late.
  const dueInDays = prng.weighted([[prng.int(-45, -1), 35], [prng.int(0, 3), 10], [prng.int(4, 60), 55]] as const);
  const dueMs = ctx.generatedAtMs + dueInDays * DAY;
  const dueDay = new Date(dueMs).toISOString().slice(0, 10);
  const chosenOwner = prng.chance(0.05) ? '' : owner && prng.chance(0.8) ? owner : prng.pick(ctx.people);
  const properties: Record<string, unknown> = {
    assignedResourceId: assessment.id,
    owner: chosenOwner,
    remediationDueDate: `${dueDay}T23:59:59.0000000Z`,
    isGracePeriod: prng.chance(0.3),
    governanceEmailNotification: { disableManagerEmailNotification: prng.chance(0.3), disableOwnerEmailNotification: prng.chance(0.1) },
  };
  if (prng.chance(0.2)) {
    properties['remediationEta'] = {
      eta: new Date(dueMs + prng.int(3, 30) * DAY).toISOString().slice(0, 10) + 'T12:00:00.0000000Z',
      justification: prng.pick(JUSTIFICATIONS),
    };
  }
  if (prng.chance(0.25)) {
    const ticket = prng.int(1000, 9999);
    properties['additionalData'] = {
      ticketNumber: ticket,
      ticketLink: `https://tickets.alderbrook.example/browse/SEC-${ticket}`,
      ticketStatus: prng.pick(['Active', 'Active', 'In progress', 'Resolved']),
    };
  }
  const row: Record<string, unknown> = {
    id: `${assessment.id}/governanceAssignments/${name}`,
    name,
    type: 'microsoft.security/assessments/governanceassignments',
    tenantId: ctx.tenantId,
    kind: '',
    location: 'global',
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId,
    properties: prng.chance(0.08) ? renameKey(properties, 'owner', 'Owner') : properties,
  };
  return row;
}
