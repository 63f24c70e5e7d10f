// A tiny record factory for store tests: sensible defaults, override what the test is about.
import type {
  AssessmentRecord,
  AttackPathRecord,
  FindingRecord,
  GovernanceRecord,
  PostureRecord,
  ResourceRecord,
  SecureScoreControlRecord,
  SecureScoreRecord,
  SubscriptionRecord,
} from '../../../src/posture/model';
import type { PostureEngine } from '../../../src/posture/engine';
import { createPostureStoreBuilder } from '../../../src/posture/store';

export const SUB_A = '00000000-0000-0000-0000-00000000000a';
export const SUB_B = '00000000-0000-0000-0000-00000000000b';

export function resourceIdOf(name: string, type = 'Microsoft.Compute/virtualMachines', group = 'rg-prod', subscription = SUB_A): string {
  return `/subscriptions/${subscription}/resourceGroups/${group}/providers/${type}/${name}`;
}

export function assessment(overrides: Partial<AssessmentRecord> & { resourceName: string; key: string }): AssessmentRecord {
  const resourceType = overrides.resourceType ?? 'Microsoft.Compute/virtualMachines';
  const resourceGroup = overrides.resourceGroup ?? 'rg-prod';
  const subscriptionId = overrides.subscriptionId ?? SUB_A;
  const resourceId = overrides.resourceId ?? resourceIdOf(overrides.resourceName, resourceType, resourceGroup, subscriptionId);
  return {
    kind: 'assessment',
    id: `${resourceId}/providers/Microsoft.Security/assessments/${overrides.key}`,
    displayName: `Recommendation ${overrides.key}`,
    status: 'Unhealthy',
    severity: 'Medium',
    categories: ['Compute'],
    threats: [],
    riskFactors: [],
    riskFactorLabels: [],
    attackPathIds: [],
    cloud: 'Azure',
    metadataSource: 'row',
    resourceType,
    resourceGroup,
    subscriptionId,
    resourceId,
    ...overrides,
  };
}

export function governance(assessmentId: string, overrides: Partial<GovernanceRecord> = {}): GovernanceRecord {
  return { kind: 'governance', id: `${assessmentId}/governanceAssignments/g1`, assessmentId: assessmentId.toLowerCase(), ...overrides };
}

export function finding(resourceId: string, parentKey: string, overrides: Partial<FindingRecord> = {}): FindingRecord {
  return {
    kind: 'finding',
    id: `${resourceId}/subAssessments/${overrides.findingId ?? 'f1'}`,
    parentKey,
    resourceId,
    findingId: 'f1',
    displayName: 'CVE finding',
    status: 'Unhealthy',
    severity: 'High',
    cves: [],
    ...overrides,
  };
}

export function resource(id: string, name: string, overrides: Partial<ResourceRecord> = {}): ResourceRecord {
  return { kind: 'resource', id, name, type: 'Microsoft.Compute/virtualMachines', tags: {}, ...overrides };
}

export function subscription(subscriptionId: string, displayName: string): SubscriptionRecord {
  return { kind: 'subscription', subscriptionId, displayName };
}

export function attackPath(id: string, overrides: Partial<AttackPathRecord> = {}): AttackPathRecord {
  return { kind: 'attackPath', id, displayName: `Path ${id}`, riskFactors: [], assessmentRefs: [], resourceIds: [], steps: [], entityNames: {}, ...overrides };
}

export function secureScore(subscriptionId: string, current: number, max: number): SecureScoreRecord {
  return { kind: 'secureScore', id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore`, subscriptionId, current, max, percentage: max ? current / max : 0 };
}

export function control(displayName: string, current: number, max: number, unhealthy: number, subscriptionId = SUB_A): SecureScoreControlRecord {
  return { kind: 'secureScoreControl', id: `${subscriptionId}/${displayName}`, subscriptionId, displayName, current, max, unhealthyResourceCount: unhealthy };
}

export const DAY = 86_400_000;
/** 2026-03-10T15:00:00Z: a fixed "now" for governance tests. */
export const NOW = Date.UTC(2026, 2, 10, 15, 0, 0);

export function engineOf(records: PostureRecord[], options: { now?: number; dateShiftMs?: number } = {}): PostureEngine {
  const builder = createPostureStoreBuilder({ now: () => options.now ?? NOW });
  for (const record of records) builder.add(record);
  return builder.finish({ dateShiftMs: options.dateShiftMs });
}
