// Rows around assessments: governance assignments, sub-assessment findings and attack paths.
import { asObject, getField, getPath, isObject, orAnyCase } from './caseInsensitive';
import { segmentAfter, stripSecuritySuffix } from './armId';
import { canonicalRiskFactors } from './riskFactors';
import {
  RowError,
  booleanValue,
  dateValue,
  parseRiskLevel,
  parseSeverity,
  parseStatus,
  readBoolean,
  readDate,
  readNumber,
  readString,
  readStringList,
  requireString,
  textValue,
} from './fieldParsers';
import type { AttackPathRecord, FindingRecord, GovernanceRecord, RiskLevel } from '../model';

function setDefined<T extends object>(target: T, values: Partial<T>): T {
  // for-in over an object literal: its own members in order, without an entries array per record.
  for (const name in values) {
    const value = (values as Record<string, unknown>)[name];
    if (value !== undefined) (target as Record<string, unknown>)[name] = value;
  }
  return target;
}

function propertiesOf(row: unknown): Record<string, unknown> {
  const props = isObject(row) ? orAnyCase(row.properties, row, 'properties') : undefined;
  if (!isObject(props)) throw new RowError('properties', props === undefined ? 'missing' : 'is not an object');
  return props;
}

/**
 * Members read by name (orAnyCase: another spelling still matches), set in the order and with the errors of the
 * generic readers (readDate(props, 'remediationEta.eta') names 'remediationEta.eta'); every export has about one of
 * these per four assessments.
 */
export function normalizeGovernance(row: unknown): GovernanceRecord {
  const id = requireString(row, 'id');
  const props = propertiesOf(row);
  // Published queries join on assignedResourceId; REST payloads lack it, and the row id's parent is the assessment.
  const assessmentId = (
    textValue(orAnyCase(props.assignedResourceId, props, 'assignedResourceId'), 'assignedResourceId') ??
    stripSecuritySuffix(id, '/governanceassignments/', false)
  )?.toLowerCase();
  if (!assessmentId) throw new RowError('properties.assignedResourceId', 'missing, and the id names no assessment');
  const record: GovernanceRecord = { kind: 'governance', id, assessmentId };
  const owner = textValue(orAnyCase(props.owner, props, 'owner'), 'owner')?.trim() || undefined;
  const dueDate = dateValue(orAnyCase(props.remediationDueDate, props, 'remediationDueDate'), 'remediationDueDate');
  const isGracePeriod = booleanValue(orAnyCase(props.isGracePeriod, props, 'isGracePeriod'), 'isGracePeriod');
  const eta = asObject(orAnyCase(props.remediationEta, props, 'remediationEta'));
  const etaDate = eta === undefined ? undefined : dateValue(orAnyCase(eta.eta, eta, 'eta'), 'remediationEta.eta');
  const etaJustification = eta === undefined ? undefined : textValue(orAnyCase(eta.justification, eta, 'justification'), 'remediationEta.justification');
  const additional = asObject(orAnyCase(props.additionalData, props, 'additionalData'));
  const ticketNumber = additional === undefined ? undefined : textValue(orAnyCase(additional.ticketNumber, additional, 'ticketNumber'), 'additionalData.ticketNumber');
  const ticketLink = additional === undefined ? undefined : textValue(orAnyCase(additional.ticketLink, additional, 'ticketLink'), 'additionalData.ticketLink');
  const ticketStatus = additional === undefined ? undefined : textValue(orAnyCase(additional.ticketStatus, additional, 'ticketStatus'), 'additionalData.ticketStatus');
  if (owner !== undefined) record.owner = owner;
  if (dueDate !== undefined) record.dueDate = dueDate;
  if (isGracePeriod !== undefined) record.isGracePeriod = isGracePeriod;
  if (etaDate !== undefined) record.etaDate = etaDate;
  if (etaJustification !== undefined) record.etaJustification = etaJustification;
  if (ticketNumber !== undefined) record.ticketNumber = ticketNumber;
  if (ticketLink !== undefined) record.ticketLink = ticketLink;
  if (ticketStatus !== undefined) record.ticketStatus = ticketStatus;
  return record;
}

/** The highest base score over the CVSS versions given (`{"2.0":{"base":7},"3.0":{"base":9.8}}`), or a bare number. */
function cvssScore(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (!isObject(raw)) return undefined;
  let best: number | undefined;
  for (const version of Object.values(raw)) {
    const base = getField(version, 'base');
    const score = typeof base === 'number' ? base : typeof base === 'string' ? Number(base) : Number.NaN;
    if (Number.isFinite(score) && (best === undefined || score > best)) best = score;
  }
  return best;
}

/** The package a legacy finding names, in the shapes seen (`softwareDetails.packageName`, `softwareName`, ...). */
function looseSoftware(additional: unknown): string | undefined {
  for (const path of ['softwareDetails.packageName', 'softwareDetails.softwareName', 'softwareName', 'packageName']) {
    const value = getPath(additional, path);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

export function normalizeFinding(row: unknown): FindingRecord {
  const id = requireString(row, 'id');
  const props = propertiesOf(row);
  const parentKey = segmentAfter(id, 'providers/microsoft.security/assessments')?.toLowerCase();
  const resourceId = stripSecuritySuffix(id);
  if (!parentKey || !resourceId) throw new RowError('id', 'does not name a parent assessment (…/providers/Microsoft.Security/assessments/<key>/subAssessments/…)');
  const status = parseStatus(getPath(props, 'status.code'), 'properties.status.code');
  if (!status) throw new RowError('properties.status.code', 'missing');
  const additional = getField(props, 'additionalData');
  return setDefined<FindingRecord>(
    {
      kind: 'finding',
      id,
      parentKey,
      resourceId,
      findingId: readString(props, 'id') ?? readString(row, 'name') ?? id,
      displayName: readString(props, 'displayName') ?? readString(props, 'id') ?? readString(row, 'name') ?? id,
      status,
      // Findings without a severity are rare (SQL VA and image scans always set one); Low keeps them listed last.
      severity: parseSeverity(getPath(props, 'status.severity'), 'properties.status.severity') ?? 'Low',
      cves: readStringList(additional, 'cve', ['title', 'id', 'name']),
    },
    {
      category: readString(props, 'category'),
      description: readString(props, 'description'),
      impact: readString(props, 'impact'),
      remediation: readString(props, 'remediation'),
      cvssScore: cvssScore(getField(additional, 'cvss')) ?? readNumber(additional, 'cvssScore'),
      patchable: readBoolean(additional, 'patchable'),
      software: looseSoftware(additional),
      timeGenerated: readDate(props, 'timeGenerated'),
    },
  );
}

/** An entry point or target: a name, or an entity object whose most telling field we show. */
function entityLabel(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw || undefined;
  if (!isObject(raw)) return undefined;
  for (const key of ['name', 'displayName', 'entityName', 'azureResourceId', 'id', 'entityInternalId']) {
    const value = getField(raw, key);
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function looseId(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
}

/** The id of an entry point or target given as an entity object (a bare string is its own id). */
function entityId(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw || undefined;
  if (!isObject(raw)) return undefined;
  for (const key of ['azureResourceId', 'entityInternalId', 'id']) {
    const value = looseId(getField(raw, key));
    if (value) return value;
  }
  return undefined;
}

function parseLevelLoosely(raw: unknown): RiskLevel | undefined {
  try {
    return parseRiskLevel(raw, 'properties.potentialImpact');
  } catch {
    return undefined; // legacy potentialImpact holds impact words ("DataExposure"), not levels
  }
}

export function normalizeAttackPath(row: unknown): AttackPathRecord {
  const id = requireString(row, 'id');
  const props = propertiesOf(row);
  const factorLabels = [...readStringList(props, 'riskFactors'), ...readStringList(props, 'riskCategories')];
  const resourceIds = new Set<string>();
  const entityNames: Record<string, string> = {};
  /** Internal entity id -> the id we show and join on (the resource id where the data gives one). */
  const entityIds = new Map<string, string>();
  const entities = getPath(props, 'graphComponent.entities');
  if (Array.isArray(entities)) {
    for (const entity of entities) {
      const resourceId = looseId(getPath(entity, 'entityIdentifiers.azureResourceId') ?? getField(entity, 'azureResourceId'));
      if (resourceId) resourceIds.add(resourceId);
      const internal = looseId(getField(entity, 'entityInternalId') ?? getField(entity, 'id'));
      const arn = looseId(getPath(entity, 'entityIdentifiers.awsArn'));
      const shown = resourceId ?? arn ?? internal;
      if (internal && shown) entityIds.set(internal, shown);
      const name = looseId(getField(entity, 'entityName') ?? getField(entity, 'name') ?? getField(entity, 'displayName'));
      if (shown && name) entityNames[shown] = name;
    }
  }
  const idOf = (raw: string | undefined): string | undefined => (raw === undefined ? undefined : (entityIds.get(raw) ?? raw));
  const steps: AttackPathRecord['steps'] = [];
  const connections = getPath(props, 'graphComponent.connections');
  if (Array.isArray(connections)) {
    for (const connection of connections) {
      const from = idOf(looseId(getField(connection, 'sourceEntityInternalId') ?? getField(connection, 'source')));
      const to = idOf(looseId(getField(connection, 'targetEntityInternalId') ?? getField(connection, 'target')));
      if (!from || !to) continue;
      const label = looseId(getField(connection, 'title') ?? getField(connection, 'label'));
      steps.push(label ? { from, to, label } : { from, to });
    }
  }
  const refs = new Set<string>();
  const assessments = getField(props, 'assessments');
  const collect = (value: unknown): void => {
    if (typeof value === 'string') refs.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) {
      const named = getField(value, 'assessmentId') ?? getField(value, 'assessmentKey') ?? getField(value, 'id') ?? getField(value, 'name');
      if (typeof named === 'string') refs.add(named.toLowerCase());
      else Object.values(value).forEach(collect);
    }
  };
  collect(assessments);
  return setDefined<AttackPathRecord>(
    {
      kind: 'attackPath',
      id,
      displayName: readString(props, 'displayName') ?? readString(row, 'name') ?? id,
      riskFactors: canonicalRiskFactors(factorLabels),
      assessmentRefs: [...refs],
      resourceIds: [...resourceIds],
      steps,
      entityNames,
    },
    {
      description: readString(props, 'description'),
      riskLevel: parseRiskLevel(getField(props, 'riskLevel'), 'properties.riskLevel') ?? parseLevelLoosely(getField(props, 'potentialImpact')),
      entryPoint: entityLabel(getField(props, 'entryPoint')) ?? readString(props, 'entryPointEntityInternalID'),
      target: entityLabel(getField(props, 'target')) ?? readString(props, 'targetEntityInternalID'),
      entryPointId: idOf(entityId(getField(props, 'entryPoint')) ?? readString(props, 'entryPointEntityInternalID')),
      targetId: idOf(entityId(getField(props, 'target')) ?? readString(props, 'targetEntityInternalID')),
    },
  );
}

export { setDefined, propertiesOf };
