// One `microsoft.security/assessments` row -> AssessmentRecord. Field paths and the resource id/name rules
// follow Microsoft's published Resource Graph queries for Defender for Cloud (see RESOURCE-GRAPH.md).
import { getField, getPath, isObject } from './caseInsensitive';
import { parseArmId, segmentAfter, stripSecuritySuffix } from './armId';
import { canonicalRiskFactors } from './riskFactors';
import {
  RowError,
  parseRiskLevel,
  parseSeverity,
  parseStatus,
  readBoolean,
  readDate,
  readString,
  readStringList,
  requireString,
} from './fieldParsers';
import { canonicalRecommendationCategory, categoryOfGroupedKey, readVulnerabilityFacts } from './normalizeVulnerability';
import { categoryForResourceType } from '../catalog/categories';
import type { Catalog } from '../catalog/catalog';
import { CATEGORIES, type AssessmentRecord, type Category, type Cloud } from '../model';

const CLOUD_BY_SOURCE: Record<string, Cloud> = {
  azure: 'Azure',
  aws: 'AWS',
  gcp: 'GCP',
  onpremise: 'OnPremise',
  onpremises: 'OnPremise',
  onpremisesql: 'OnPremise',
};

// Sources and categories are spelled the same way on every row: each spelling's answer is remembered (bounded).
const cloudBySpelling = new Map<string, Cloud>();
const categoryBySpelling = new Map<string, Category | null>();

function cloudOf(source: string | undefined, resourceId: string): Cloud {
  if (!source) return resourceId.startsWith('/subscriptions/') ? 'Azure' : 'Other';
  let cloud = cloudBySpelling.get(source);
  if (cloud === undefined) {
    cloud = CLOUD_BY_SOURCE[source.trim().toLowerCase().replace(/[^a-z]/g, '')] ?? 'Other';
    if (cloudBySpelling.size < 256) cloudBySpelling.set(source, cloud);
  }
  return cloud;
}

function categoryOf(item: string): Category | undefined {
  let found = categoryBySpelling.get(item);
  if (found === undefined) {
    const wanted = item.trim().toLowerCase();
    found = CATEGORIES.find((category) => category.toLowerCase() === wanted) ?? null;
    if (categoryBySpelling.size < 256) categoryBySpelling.set(item, found);
  }
  return found ?? undefined;
}

function parseCategories(raw: unknown): Category[] {
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: Category[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const found = categoryOf(item);
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

interface ResourceFacts {
  parsed: ReturnType<typeof parseArmId>;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  cloud: Cloud;
  nativeResourceId?: string;
  connectorId?: string;
}

function resourceFacts(props: unknown, assessmentId: string): ResourceFacts {
  const details = getField(props, 'resourceDetails');
  const source = readString(details, 'source');
  const sourceLower = source?.trim().toLowerCase();
  const connectorId = readString(details, 'connectorId');
  const detailsId = readString(details, 'id');
  const multicloud = sourceLower === 'aws' || sourceLower === 'gcp';
  let resourceId =
    multicloud && !connectorId ? readString(details, 'azureResourceId') ?? detailsId : detailsId ?? readString(details, 'azureResourceId');
  // Some payloads put the assessment's own id in resourceDetails.id: the resource is what precedes it.
  if (resourceId && segmentAfter(resourceId, 'providers/microsoft.security/assessments')) {
    resourceId = stripSecuritySuffix(resourceId, '/providers/microsoft.security/assessments/') ?? resourceId;
  }
  resourceId ??= stripSecuritySuffix(assessmentId, '/providers/microsoft.security/assessments/', false);
  if (!resourceId) throw new RowError('properties.resourceDetails.id', 'missing, and the assessment id names no resource');
  const parsed = parseArmId(resourceId);
  const additional = getField(props, 'additionalData');
  const resourceName =
    readString(details, 'resourceName') ??
    readString(additional, 'cloudNativeResourceName') ??
    readString(additional, 'resourceName') ??
    parsed.name;
  const resourceType = readString(details, 'resourceType') ?? parsed.type ?? 'Unknown';
  const cloud = cloudOf(source, resourceId);
  const facts: ResourceFacts = { parsed, resourceId, resourceName, resourceType, cloud };
  const native =
    readString(details, 'nativeResourceId') ??
    readString(details, 'awsResourceId') ??
    readString(details, 'gcpResourceId') ??
    (multicloud && detailsId && !detailsId.startsWith('/') ? detailsId : undefined);
  if (native) facts.nativeResourceId = native;
  if (connectorId) facts.connectorId = connectorId;
  return facts;
}

export function normalizeAssessment(row: unknown, catalog: Catalog): AssessmentRecord {
  const id = requireString(row, 'id');
  const key = (readString(row, 'name') ?? segmentAfter(id, 'providers/microsoft.security/assessments') ?? '').toLowerCase();
  if (!key) throw new RowError('name', 'missing, and the id names no assessment key');
  const props = getField(row, 'properties');
  if (!isObject(props)) throw new RowError('properties', props === undefined ? 'missing' : 'is not an object');
  const status = parseStatus(getPath(props, 'status.code'), 'properties.status.code');
  if (!status) throw new RowError('properties.status.code', 'missing');

  const metadata = getField(props, 'metadata');
  const entry = catalog.byKey(key);
  const rowSeverity = parseSeverity(getField(metadata, 'severity'), 'properties.metadata.severity');
  const resource = resourceFacts(props, id);
  const parsedResource = resource.parsed;

  const rowCategories = parseCategories(getField(metadata, 'categories'));
  const categories: Category[] =
    rowCategories.length > 0
      ? rowCategories
      : entry && entry.categories.length > 0
        ? entry.categories
        : [categoryForResourceType(resource.resourceType)];

  const riskLabels = readStringList(props, 'risk.riskFactors');
  const record: AssessmentRecord = {
    kind: 'assessment',
    id,
    key,
    displayName: readString(props, 'displayName') ?? readString(metadata, 'displayName') ?? entry?.displayName ?? key,
    status,
    severity: rowSeverity ?? entry?.severity ?? 'Low',
    categories,
    threats: metadata !== undefined && getField(metadata, 'threats') !== undefined ? readStringList(metadata, 'threats') : entry?.threats ?? [],
    riskFactors: canonicalRiskFactors(riskLabels),
    riskFactorLabels: riskLabels,
    attackPathIds: readStringList(props, 'risk.attackPathsReferences', ['id', 'name', 'attackPathId']),
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    resourceType: resource.resourceType,
    cloud: resource.cloud,
    metadataSource: rowSeverity ? 'row' : entry ? 'catalog' : 'none',
  };
  // Set one by one, only when present, in this order, each by its name (a store through a computed name is a slow,
  // megamorphic one): no per-row scratch object (this runs a million times on big exports).
  const statusCauseValue = readString(props, 'status.cause');
  if (statusCauseValue !== undefined) record.statusCause = statusCauseValue;
  const statusDescriptionValue = readString(props, 'status.description');
  if (statusDescriptionValue !== undefined) record.statusDescription = statusDescriptionValue;
  const firstEvaluationDateValue = readDate(props, 'status.firstEvaluationDate');
  if (firstEvaluationDateValue !== undefined) record.firstEvaluationDate = firstEvaluationDateValue;
  const statusChangeDateValue = readDate(props, 'status.statusChangeDate');
  if (statusChangeDateValue !== undefined) record.statusChangeDate = statusChangeDateValue;
  const descriptionValue = readString(metadata, 'description') ?? entry?.description;
  if (descriptionValue !== undefined) record.description = descriptionValue;
  const remediationDescriptionValue = readString(metadata, 'remediationDescription') ?? entry?.remediationDescription;
  if (remediationDescriptionValue !== undefined) record.remediationDescription = remediationDescriptionValue;
  const assessmentTypeValue = readString(metadata, 'assessmentType') ?? entry?.assessmentType;
  if (assessmentTypeValue !== undefined) record.assessmentType = assessmentTypeValue;
  const userImpactValue = readString(metadata, 'userImpact') ?? entry?.userImpact;
  if (userImpactValue !== undefined) record.userImpact = userImpactValue;
  const implementationEffortValue = readString(metadata, 'implementationEffort') ?? entry?.implementationEffort;
  if (implementationEffortValue !== undefined) record.implementationEffort = implementationEffortValue;
  const policyDefinitionIdValue = readString(metadata, 'policyDefinitionId') ?? entry?.policyDefinitionId;
  if (policyDefinitionIdValue !== undefined) record.policyDefinitionId = policyDefinitionIdValue;
  const previewValue = readBoolean(metadata, 'preview') ?? entry?.preview;
  if (previewValue !== undefined) record.preview = previewValue;
  const riskLevelValue = parseRiskLevel(getPath(props, 'risk.level'), 'properties.risk.level');
  if (riskLevelValue !== undefined) record.riskLevel = riskLevelValue;
  const resourceGroupValue = readString(row, 'resourceGroup') ?? parsedResource.resourceGroup ?? (parsedResource.subscriptionId ? undefined : parseArmId(id).resourceGroup);
  if (resourceGroupValue !== undefined) record.resourceGroup = resourceGroupValue;
  const subscriptionIdValue = readString(row, 'subscriptionId') ?? parsedResource.subscriptionId ?? parseArmId(id).subscriptionId;
  if (subscriptionIdValue !== undefined) record.subscriptionId = subscriptionIdValue;
  const nativeResourceIdValue = resource.nativeResourceId;
  if (nativeResourceIdValue !== undefined) record.nativeResourceId = nativeResourceIdValue;
  const connectorIdValue = resource.connectorId;
  if (connectorIdValue !== undefined) record.connectorId = connectorIdValue;
  const portalLinkValue = readString(props, 'links.azurePortal') ?? readString(props, 'links.azurePortalUri');
  if (portalLinkValue !== undefined) record.portalLink = portalLinkValue;
  const recommendationCategoryValue = canonicalRecommendationCategory(readString(metadata, 'recommendationCategory')) ?? categoryOfGroupedKey(key);
  if (recommendationCategoryValue !== undefined) record.recommendationCategory = recommendationCategoryValue;
  if (record.recommendationCategory === 'IacVulnerabilities') {
    const iacRuleIdValue = readString(props, 'additionalData.ruleId')?.trim() || undefined;
    if (iacRuleIdValue !== undefined) record.iacRuleId = iacRuleIdValue;
  }
  const vulnerabilityValue = readVulnerabilityFacts(getField(props, 'additionalData'));
  if (vulnerabilityValue !== undefined) record.vulnerability = vulnerabilityValue;
  return record;
}
