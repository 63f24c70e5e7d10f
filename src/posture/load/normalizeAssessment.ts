// One `microsoft.security/assessments` row -> AssessmentRecord. Field paths and the resource id/name rules
// follow Microsoft's published Resource Graph queries for Defender for Cloud (see RESOURCE-GRAPH.md).
import { asObject, getField, isObject, orAnyCase, type JsonObject } from './caseInsensitive';
import { parseArmId, segmentAfter, stripSecuritySuffix } from './armId';
import { canonicalRiskFactors } from './riskFactors';
import {
  RowError,
  parseRiskLevel,
  parseSeverity,
  parseStatus,
  booleanValue,
  dateValue,
  readString,
  readStringList,
  stringListValue,
  textValue,
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
  /** properties.additionalData as found (any type), read once per row. */
  additional: unknown;
  nativeResourceId?: string;
  connectorId?: string;
}

// Each source spelling's "is it another cloud" answer (its trimmed, lower-cased form is aws or gcp), remembered.
const multicloudBySpelling = new Map<string, boolean>();

function isMulticloudSource(source: string): boolean {
  let multicloud = multicloudBySpelling.get(source);
  if (multicloud === undefined) {
    const lower = source.trim().toLowerCase();
    multicloud = lower === 'aws' || lower === 'gcp';
    if (multicloudBySpelling.size < 256) multicloudBySpelling.set(source, multicloud);
  }
  return multicloud;
}

// The last resourceDetails id looked at and whether it is an assessment's own id (a resource's rows come one after
// another in exports, so the same id is asked about row after row).
let lastDetailsId: string | undefined;
let lastDetailsIdNamesAssessment = false;

function namesAssessment(resourceId: string): boolean {
  if (resourceId !== lastDetailsId) {
    lastDetailsIdNamesAssessment = segmentAfter(resourceId, 'providers/microsoft.security/assessments') !== undefined;
    lastDetailsId = resourceId;
  }
  return lastDetailsIdNamesAssessment;
}

// Members are read by name where the name is known (`details.source`), falling back to another spelling through
// orAnyCase: the same values and the same errors as readString(details, 'source'), without the generic lookup.
function resourceFacts(props: JsonObject, assessmentId: string): ResourceFacts {
  const details = asObject(orAnyCase(props.resourceDetails, props, 'resourceDetails'));
  const source = details === undefined ? undefined : textValue(orAnyCase(details.source, details, 'source'), 'source');
  const connectorId = details === undefined ? undefined : textValue(orAnyCase(details.connectorId, details, 'connectorId'), 'connectorId');
  const detailsId = details === undefined ? undefined : textValue(orAnyCase(details.id, details, 'id'), 'id');
  const multicloud = source !== undefined && isMulticloudSource(source);
  let resourceId =
    multicloud && !connectorId ? readString(details, 'azureResourceId') ?? detailsId : detailsId ?? readString(details, 'azureResourceId');
  // Some payloads put the assessment's own id in resourceDetails.id: the resource is what precedes it.
  if (resourceId && namesAssessment(resourceId)) {
    resourceId = stripSecuritySuffix(resourceId, '/providers/microsoft.security/assessments/') ?? resourceId;
  }
  resourceId ??= stripSecuritySuffix(assessmentId, '/providers/microsoft.security/assessments/', false);
  if (!resourceId) throw new RowError('properties.resourceDetails.id', 'missing, and the assessment id names no resource');
  const parsed = parseArmId(resourceId);
  const additional = orAnyCase(props.additionalData, props, 'additionalData');
  const resourceName =
    (details === undefined ? undefined : textValue(orAnyCase(details.resourceName, details, 'resourceName'), 'resourceName')) ??
    readString(additional, 'cloudNativeResourceName') ??
    readString(additional, 'resourceName') ??
    parsed.name;
  const resourceType =
    (details === undefined ? undefined : textValue(orAnyCase(details.resourceType, details, 'resourceType'), 'resourceType')) ?? parsed.type ?? 'Unknown';
  const cloud = cloudOf(source, resourceId);
  const facts: ResourceFacts = { parsed, resourceId, resourceName, resourceType, cloud, additional };
  const native =
    readString(details, 'nativeResourceId') ??
    readString(details, 'awsResourceId') ??
    readString(details, 'gcpResourceId') ??
    (multicloud && detailsId && !detailsId.startsWith('/') ? detailsId : undefined);
  if (native) facts.nativeResourceId = native;
  if (connectorId) facts.connectorId = connectorId;
  return facts;
}

/**
 * A row's members are read by name here (`row.id`, `props.status`, ...), each falling back to another spelling
 * through orAnyCase, in the order and with the errors of the generic readers (readString(row, 'status.cause') names
 * 'status.cause'): at a million rows, getPath's generic lookup of every member was most of this function's time.
 *
 * The record has every member, an absent one undefined, always in the same order: one object shape for every row.
 * Optional members set one by one only when present gave 56 shapes on the 100k demo export, and every read of them
 * in the store builder was a megamorphic load (the builder takes these: `takesDenseRecords`). normalizeAssessment
 * gives the same record without its undefined members, for every other sink.
 */
export function denseAssessment(row: unknown, catalog: Catalog): AssessmentRecord {
  const fields = asObject(row);
  if (fields === undefined) throw new RowError('id', 'missing');
  const id = textValue(orAnyCase(fields.id, fields, 'id'), 'id');
  if (id === undefined) throw new RowError('id', 'missing');
  const key = (textValue(orAnyCase(fields.name, fields, 'name'), 'name') ?? segmentAfter(id, 'providers/microsoft.security/assessments') ?? '').toLowerCase();
  if (!key) throw new RowError('name', 'missing, and the id names no assessment key');
  const props = orAnyCase(fields.properties, fields, 'properties');
  if (!isObject(props)) throw new RowError('properties', props === undefined ? 'missing' : 'is not an object');
  const status = asObject(orAnyCase(props.status, props, 'status'));
  const statusCode = parseStatus(status === undefined ? undefined : orAnyCase(status.code, status, 'code'), 'properties.status.code');
  if (!statusCode) throw new RowError('properties.status.code', 'missing');

  const metadata = asObject(orAnyCase(props.metadata, props, 'metadata'));
  const entry = catalog.byKey(key);
  const rowSeverity = parseSeverity(metadata === undefined ? undefined : orAnyCase(metadata.severity, metadata, 'severity'), 'properties.metadata.severity');
  const resource = resourceFacts(props, id);
  const parsedResource = resource.parsed;

  const rowCategories = parseCategories(metadata === undefined ? undefined : orAnyCase(metadata.categories, metadata, 'categories'));
  const categories: Category[] =
    rowCategories.length > 0
      ? rowCategories
      : entry && entry.categories.length > 0
        ? entry.categories
        : [categoryForResourceType(resource.resourceType)];

  const risk = asObject(orAnyCase(props.risk, props, 'risk'));
  const riskLabels = risk === undefined ? [] : stringListValue(orAnyCase(risk.riskFactors, risk, 'riskFactors'));
  // Every value in the order the members were read when the record was built member by member (the first bad
  // member of a row is the one its error names).
  const displayName =
    textValue(orAnyCase(props.displayName, props, 'displayName'), 'displayName') ??
    (metadata === undefined ? undefined : textValue(orAnyCase(metadata.displayName, metadata, 'displayName'), 'displayName')) ??
    entry?.displayName ??
    key;
  const threats = metadata !== undefined && getField(metadata, 'threats') !== undefined ? readStringList(metadata, 'threats') : entry?.threats ?? [];
  const attackPathIds = risk === undefined ? [] : stringListValue(orAnyCase(risk.attackPathsReferences, risk, 'attackPathsReferences'), ATTACK_PATH_ID_KEYS);
  let statusCause: string | undefined;
  let statusDescription: string | undefined;
  let firstEvaluationDate: number | undefined;
  let statusChangeDate: number | undefined;
  if (status !== undefined) {
    statusCause = textValue(orAnyCase(status.cause, status, 'cause'), 'status.cause');
    statusDescription = textValue(orAnyCase(status.description, status, 'description'), 'status.description');
    firstEvaluationDate = dateValue(orAnyCase(status.firstEvaluationDate, status, 'firstEvaluationDate'), 'status.firstEvaluationDate');
    statusChangeDate = dateValue(orAnyCase(status.statusChangeDate, status, 'statusChangeDate'), 'status.statusChangeDate');
  }
  let description: string | undefined;
  let remediationDescription: string | undefined;
  let assessmentType: string | undefined;
  let userImpact: string | undefined;
  let implementationEffort: string | undefined;
  let policyDefinitionId: string | undefined;
  let preview: boolean | undefined;
  if (metadata !== undefined) {
    description = textValue(orAnyCase(metadata.description, metadata, 'description'), 'description') ?? entry?.description;
    remediationDescription =
      textValue(orAnyCase(metadata.remediationDescription, metadata, 'remediationDescription'), 'remediationDescription') ?? entry?.remediationDescription;
    assessmentType = textValue(orAnyCase(metadata.assessmentType, metadata, 'assessmentType'), 'assessmentType') ?? entry?.assessmentType;
    userImpact = textValue(orAnyCase(metadata.userImpact, metadata, 'userImpact'), 'userImpact') ?? entry?.userImpact;
    implementationEffort =
      textValue(orAnyCase(metadata.implementationEffort, metadata, 'implementationEffort'), 'implementationEffort') ?? entry?.implementationEffort;
    policyDefinitionId = textValue(orAnyCase(metadata.policyDefinitionId, metadata, 'policyDefinitionId'), 'policyDefinitionId') ?? entry?.policyDefinitionId;
    preview = booleanValue(orAnyCase(metadata.preview, metadata, 'preview'), 'preview') ?? entry?.preview;
  } else if (entry !== undefined) {
    ({ description, remediationDescription, assessmentType, userImpact, implementationEffort, policyDefinitionId, preview } = entry);
  }
  const riskLevel = parseRiskLevel(risk === undefined ? undefined : orAnyCase(risk.level, risk, 'level'), 'properties.risk.level');
  const resourceGroup =
    textValue(orAnyCase(fields.resourceGroup, fields, 'resourceGroup'), 'resourceGroup') ??
    parsedResource.resourceGroup ??
    (parsedResource.subscriptionId ? undefined : parseArmId(id).resourceGroup);
  const subscriptionId =
    textValue(orAnyCase(fields.subscriptionId, fields, 'subscriptionId'), 'subscriptionId') ?? parsedResource.subscriptionId ?? parseArmId(id).subscriptionId;
  const links = asObject(orAnyCase(props.links, props, 'links'));
  const portalLink =
    links === undefined
      ? undefined
      : (textValue(orAnyCase(links.azurePortal, links, 'azurePortal'), 'links.azurePortal') ??
        textValue(orAnyCase(links.azurePortalUri, links, 'azurePortalUri'), 'links.azurePortalUri'));
  const recommendationCategory =
    canonicalRecommendationCategory(
      metadata === undefined ? undefined : textValue(orAnyCase(metadata.recommendationCategory, metadata, 'recommendationCategory'), 'recommendationCategory'),
    ) ?? categoryOfGroupedKey(key);
  const additional = resource.additional;
  const iacRuleId =
    recommendationCategory === 'IacVulnerabilities' ? textValue(getField(additional, 'ruleId'), 'additionalData.ruleId')?.trim() || undefined : undefined;
  const vulnerability = readVulnerabilityFacts(additional);
  // Members in the order the sparse record had them: required ones first, then the optional ones as they were set.
  return {
    kind: 'assessment',
    id,
    key,
    displayName,
    status: statusCode,
    severity: rowSeverity ?? entry?.severity ?? 'Low',
    categories,
    threats,
    riskFactors: canonicalRiskFactors(riskLabels),
    riskFactorLabels: riskLabels,
    attackPathIds,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    resourceType: resource.resourceType,
    cloud: resource.cloud,
    metadataSource: rowSeverity ? 'row' : entry ? 'catalog' : 'none',
    statusCause,
    statusDescription,
    firstEvaluationDate,
    statusChangeDate,
    description,
    remediationDescription,
    assessmentType,
    userImpact,
    implementationEffort,
    policyDefinitionId,
    preview,
    riskLevel,
    resourceGroup,
    subscriptionId,
    nativeResourceId: resource.nativeResourceId,
    connectorId: resource.connectorId,
    portalLink,
    recommendationCategory,
    iacRuleId,
    vulnerability,
  };
}

/**
 * The assessment record with only the members that have a value (what every sink but the store builder gets): the
 * required members, then each optional one by its name, in this order (stores by a computed name, or a member
 * count that large built member by member, leave slow objects for whoever reads them next).
 */
export function normalizeAssessment(row: unknown, catalog: Catalog): AssessmentRecord {
  const d = denseAssessment(row, catalog);
  const record: AssessmentRecord = {
    kind: 'assessment',
    id: d.id,
    key: d.key,
    displayName: d.displayName,
    status: d.status,
    severity: d.severity,
    categories: d.categories,
    threats: d.threats,
    riskFactors: d.riskFactors,
    riskFactorLabels: d.riskFactorLabels,
    attackPathIds: d.attackPathIds,
    resourceId: d.resourceId,
    resourceName: d.resourceName,
    resourceType: d.resourceType,
    cloud: d.cloud,
    metadataSource: d.metadataSource,
  };
  if (d.statusCause !== undefined) record.statusCause = d.statusCause;
  if (d.statusDescription !== undefined) record.statusDescription = d.statusDescription;
  if (d.firstEvaluationDate !== undefined) record.firstEvaluationDate = d.firstEvaluationDate;
  if (d.statusChangeDate !== undefined) record.statusChangeDate = d.statusChangeDate;
  if (d.description !== undefined) record.description = d.description;
  if (d.remediationDescription !== undefined) record.remediationDescription = d.remediationDescription;
  if (d.assessmentType !== undefined) record.assessmentType = d.assessmentType;
  if (d.userImpact !== undefined) record.userImpact = d.userImpact;
  if (d.implementationEffort !== undefined) record.implementationEffort = d.implementationEffort;
  if (d.policyDefinitionId !== undefined) record.policyDefinitionId = d.policyDefinitionId;
  if (d.preview !== undefined) record.preview = d.preview;
  if (d.riskLevel !== undefined) record.riskLevel = d.riskLevel;
  if (d.resourceGroup !== undefined) record.resourceGroup = d.resourceGroup;
  if (d.subscriptionId !== undefined) record.subscriptionId = d.subscriptionId;
  if (d.nativeResourceId !== undefined) record.nativeResourceId = d.nativeResourceId;
  if (d.connectorId !== undefined) record.connectorId = d.connectorId;
  if (d.portalLink !== undefined) record.portalLink = d.portalLink;
  if (d.recommendationCategory !== undefined) record.recommendationCategory = d.recommendationCategory;
  if (d.iacRuleId !== undefined) record.iacRuleId = d.iacRuleId;
  if (d.vulnerability !== undefined) record.vulnerability = d.vulnerability;
  return record;
}

const ATTACK_PATH_ID_KEYS = ['id', 'name', 'attackPathId'];
