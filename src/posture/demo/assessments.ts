// One `microsoft.security/assessments` row: status, metadata (or none, so the loader uses the catalog), risk and
// the resource details in the shape Azure, AWS connector and subscription rows really take.
import type { CatalogFact } from './catalogFacts';
import type { Prng } from './prng';
import type { DemoResource, RiskProfile } from './resources';
import { factorsOf, riskLevel, spell } from './riskFactors';
import { renameAt, renameKey } from './rowCasing';
import { themeFor } from './themes';

export type StatusCode = 'Healthy' | 'Unhealthy' | 'NotApplicable';

export interface AssessmentContext {
  prng: Prng;
  tenantId: string;
  generatedAtMs: number;
  /** Share of rows that carry `properties.metadata`. */
  metadataRate: number;
  awsAccountId: string;
  connectorId: string;
}

/** What an assessment is about: a resource, or the subscription itself. */
export interface AssessmentTarget {
  resource?: DemoResource;
  subscriptionId: string;
  resourceGroup?: string;
  /** The ARM id, ARN or subscription id the recommendation is about. */
  resourceId: string;
  /** Where the assessment hangs in ARM: the resource, the connector's entity, or the subscription. */
  scope: string;
  label: string;
  category: string;
  profile: RiskProfile;
  /** Share of this target's recommendations that fail: well-kept resources pass most, neglected ones fail most. */
  unhealthyRate: number;
}

export interface BuiltAssessment {
  id: string;
  key: string;
  status: StatusCode;
  severity: string;
  displayName: string;
  controlId: string;
  row: Record<string, unknown>;
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const CAUSES: Record<string, string> = {
  OffByPolicy: 'Turned off by a policy assignment for this scope',
  Exempt: 'Exempted: the owner accepted the risk until the next review',
  NonInternetFacingVms: 'Applies only to machines reachable from the internet',
  NoNsgOnVm: 'No network security group is attached to this machine',
};

function pickStatus(prng: Prng, mustFail: boolean, fact: CatalogFact, target: AssessmentTarget): { code: StatusCode; cause?: string } {
  if (mustFail) return { code: 'Unhealthy' };
  if (prng.chance(target.unhealthyRate)) return { code: 'Unhealthy' };
  const r = prng.next();
  if (r < 0.7) return { code: 'Healthy' };
  if (r < 0.9) {
    const networkOnVm = target.resource?.kind.id === 'vm' && /network|ports|hardening/i.test(fact.displayName);
    const cause = networkOnVm ? (target.profile.exposed ? 'NoNsgOnVm' : 'NonInternetFacingVms') : 'OffByPolicy';
    return { code: 'NotApplicable', cause };
  }
  return { code: 'NotApplicable', cause: 'Exempt' };
}

function metadataOf(fact: CatalogFact, target: AssessmentTarget): Record<string, unknown> {
  const theme = themeFor(fact.displayName);
  const meta: Record<string, unknown> = {
    displayName: fact.displayName,
    severity: fact.severity,
    categories: fact.categories ?? [target.category],
    description: theme.description(target.label),
    remediationDescription: theme.remediation,
    assessmentType: fact.assessmentType ?? 'BuiltIn',
    implementationEffort: fact.implementationEffort ?? theme.effort,
  };
  if (fact.userImpact) meta['userImpact'] = fact.userImpact;
  if (fact.threats) meta['threats'] = fact.threats;
  if (fact.policyDefinitionId) meta['policyDefinitionId'] = fact.policyDefinitionId;
  if (fact.preview !== undefined) meta['preview'] = fact.preview;
  return meta;
}

function resourceDetails(ctx: AssessmentContext, target: AssessmentTarget): { details: Record<string, unknown>; additional?: Record<string, unknown> } {
  const { prng } = ctx;
  const aws = target.resource?.aws;
  if (!aws || !target.resource) return { details: { Source: 'Azure', Id: target.resourceId } };
  const details: Record<string, unknown> = {
    Source: prng.chance(0.7) ? 'Aws' : 'AWS',
    Id: aws.arn,
    ConnectorId: ctx.connectorId,
    Region: aws.region,
    HierarchyId: ctx.awsAccountId,
    ResourceType: target.resource.kind.type,
  };
  if (prng.chance(0.6)) return { details: { ...details, ResourceName: target.resource.name } };
  const nameKey = prng.chance(0.5) ? 'ResourceName' : 'CloudNativeResourceName';
  return { details, additional: { [nameKey]: target.resource.name } };
}

export function buildAssessment(
  ctx: AssessmentContext, target: AssessmentTarget, fact: CatalogFact, mustFail: boolean, attackPathIds: readonly string[],
): BuiltAssessment {
  const { prng } = ctx;
  const status = pickStatus(prng, mustFail, fact, target);
  const id = `${target.scope}/providers/Microsoft.Security/assessments/${fact.key}`;
  const first = ctx.generatedAtMs - prng.int(5, 400) * DAY - prng.int(0, DAY - 1);
  const changed = first + Math.floor(prng.next() * (ctx.generatedAtMs - first));
  const statusObj: Record<string, unknown> = { code: status.code };
  if (status.cause) {
    statusObj['cause'] = status.cause;
    statusObj['description'] = CAUSES[status.cause] ?? status.cause;
  }
  statusObj['firstEvaluationDate'] = iso(first);
  statusObj['statusChangeDate'] = iso(changed);

  const { details, additional } = resourceDetails(ctx, target);
  const properties: Record<string, unknown> = { resourceDetails: details, displayName: fact.displayName, status: statusObj };
  if (prng.chance(ctx.metadataRate)) properties['metadata'] = metadataOf(fact, target);
  // A row that an attack path points at always carries its risk, or the reference would dangle.
  if (status.code === 'Unhealthy' && (attackPathIds.length > 0 || prng.chance(0.85))) {
    properties['risk'] = {
      level: riskLevel(fact.severity, target.profile),
      riskFactors: factorsOf(target.profile).map((factor) => spell(prng, factor)),
      attackPathsReferences: [...attackPathIds],
    };
  }
  if (additional) properties['additionalData'] = additional;
  properties['links'] = { azurePortal: `https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/${fact.key}` };

  let propsOut = properties;
  if (prng.chance(0.25)) propsOut = renameAt(renameAt(propsOut, ['resourceDetails'], 'Source', 'source'), ['resourceDetails'], 'Id', 'id');
  if (prng.chance(0.06)) propsOut = renameKey(propsOut, 'status', 'Status');
  if (prng.chance(0.05)) propsOut = renameKey(propsOut, 'displayName', 'DisplayName');
  if (propsOut['risk'] && prng.chance(0.12)) propsOut = renameAt(renameAt(propsOut, ['risk'], 'riskFactors', 'RiskFactors'), ['risk'], 'level', 'Level');

  let row: Record<string, unknown> = {
    id, name: fact.key, type: 'microsoft.security/assessments', tenantId: ctx.tenantId, kind: '', location: 'global',
    resourceGroup: target.resourceGroup?.toLowerCase() ?? '', subscriptionId: target.subscriptionId, properties: propsOut,
  };
  if (prng.chance(0.07)) row = renameKey(row, 'properties', 'Properties');
  return { id, key: fact.key, status: status.code, severity: fact.severity, displayName: fact.displayName, controlId: themeFor(fact.displayName).control.id, row };
}
