// Dispatch one raw Resource Graph / REST row to its normalizer by `type` (case-insensitive).
import { isObject, orAnyCase, type JsonObject } from './caseInsensitive';
import { parseArmId } from './armId';
import { RowError, readNumber, readString, requireString, textValue } from './fieldParsers';
import { denseAssessment, normalizeAssessment } from './normalizeAssessment';
import { normalizeCveDetail } from './normalizeVulnerability';
import { normalizeAttackPath, normalizeFinding, normalizeGovernance, propertiesOf, setDefined } from './normalizeRelated';
import type { Catalog } from '../catalog/catalog';
import type { PostureRecord, ResourceGroupRecord, ResourceRecord, SecureScoreControlRecord, SecureScoreRecord, SubscriptionRecord } from '../model';
import { setOwnMember } from '../../collections/ownMember';

export type NormalizedRow = { kind: 'record'; record: PostureRecord } | { kind: 'ignored'; type: string };

/** Defender and ARM bookkeeping types that are not resources and that we do not use. */
const IGNORED_PREFIXES = ['microsoft.security/', 'microsoft.resources/', 'microsoft.authorization/', 'microsoft.management/', 'microsoft.policyinsights/'];

function subscriptionIdOf(row: unknown, id: string): string | undefined {
  return readString(row, 'subscriptionId') ?? parseArmId(id).subscriptionId;
}

function normalizeSubscription(row: unknown): SubscriptionRecord {
  const id = readString(row, 'id');
  const subscriptionId = readString(row, 'subscriptionId') ?? readString(row, 'properties.subscriptionId') ?? (id ? parseArmId(id).subscriptionId : undefined);
  if (!subscriptionId) throw new RowError('subscriptionId', 'missing');
  // In `resourcecontainers` the row's name IS the display name; REST lists have displayName.
  const displayName = readString(row, 'displayName') ?? readString(row, 'properties.displayName') ?? readString(row, 'name') ?? subscriptionId;
  const tags = tagsOf(row);
  return setDefined<SubscriptionRecord>({ kind: 'subscription', subscriptionId, displayName }, { state: readString(row, 'properties.state') ?? readString(row, 'state'), tags: Object.keys(tags).length > 0 ? tags : undefined });
}

function normalizeSecureScore(row: unknown): SecureScoreRecord {
  const id = requireString(row, 'id');
  const props = propertiesOf(row);
  const current = readNumber(props, 'score.current') ?? 0;
  const max = readNumber(props, 'score.max') ?? 0;
  return setDefined<SecureScoreRecord>(
    { kind: 'secureScore', id, current, max, percentage: readNumber(props, 'score.percentage') ?? (max > 0 ? current / max : 0) },
    { subscriptionId: subscriptionIdOf(row, id), weight: readNumber(props, 'weight') },
  );
}

function normalizeSecureScoreControl(row: unknown): SecureScoreControlRecord {
  const id = requireString(row, 'id');
  const props = propertiesOf(row);
  return setDefined<SecureScoreControlRecord>(
    {
      kind: 'secureScoreControl',
      id,
      displayName: readString(props, 'displayName') ?? readString(row, 'name') ?? id,
      current: readNumber(props, 'score.current') ?? 0,
      max: readNumber(props, 'score.max') ?? 0,
    },
    {
      subscriptionId: subscriptionIdOf(row, id),
      percentage: readNumber(props, 'score.percentage'),
      healthyResourceCount: readNumber(props, 'healthyResourceCount'),
      unhealthyResourceCount: readNumber(props, 'unhealthyResourceCount'),
      notApplicableResourceCount: readNumber(props, 'notApplicableResourceCount'),
    },
  );
}

function tagsOf(row: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  const rawTags = isObject(row) ? orAnyCase(row.tags, row, 'tags') : undefined;
  if (rawTags && typeof rawTags === 'object' && !Array.isArray(rawTags)) {
    // Own members in order, as Object.entries gives them, without an array per member.
    for (const key of Object.keys(rawTags)) {
      const value = (rawTags as Record<string, unknown>)[key];
      // A tag named __proto__ stays a tag (a plain assignment of a string to it does nothing).
      if (value !== null && value !== undefined) setOwnMember(tags, key, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  return tags;
}

/** Resource groups are kept for their tags only (the owner of what is in them, when the resources have none). */
function normalizeResourceGroup(row: unknown): ResourceGroupRecord {
  const id = requireString(row, 'id');
  const parsed = parseArmId(id);
  const subscriptionId = readString(row, 'subscriptionId') ?? parsed.subscriptionId;
  const name = readString(row, 'name') ?? parsed.resourceGroup;
  if (!subscriptionId || !name) throw new RowError('id', 'missing');
  return { kind: 'resourceGroup', subscriptionId, name, tags: tagsOf(row) };
}

/** Members read by name (orAnyCase), in the order and with the errors of readString(row, 'name') and so on. */
function normalizeResource(row: JsonObject, id: string, type: string): ResourceRecord {
  const parsed = parseArmId(id);
  const tags = tagsOf(row);
  const record: ResourceRecord = { kind: 'resource', id, name: textValue(orAnyCase(row.name, row, 'name'), 'name') ?? parsed.name, type, tags };
  const location = textValue(orAnyCase(row.location, row, 'location'), 'location');
  const resourceGroup = textValue(orAnyCase(row.resourceGroup, row, 'resourceGroup'), 'resourceGroup') ?? parsed.resourceGroup;
  const subscriptionId = textValue(orAnyCase(row.subscriptionId, row, 'subscriptionId'), 'subscriptionId') ?? parsed.subscriptionId;
  if (location !== undefined) record.location = location;
  if (resourceGroup !== undefined) record.resourceGroup = resourceGroup;
  if (subscriptionId !== undefined) record.subscriptionId = subscriptionId;
  return record;
}

export interface RowNormalizer {
  (row: unknown): NormalizedRow;
}

export interface RowNormalizerOptions {
  catalog: Catalog;
  /**
   * Assessment records with every member, an absent one undefined (one object shape: denseAssessment), for a sink
   * that reads them member by member and keeps none of them whole (the store builder).
   */
  dense?: boolean;
}

export function createRowNormalizer(options: RowNormalizerOptions): RowNormalizer {
  const { catalog } = options;
  const assessment = options.dense ? denseAssessment : normalizeAssessment;
  return (row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new RowError('', `row is not an object (found ${Array.isArray(row) ? 'an array' : row === null ? 'null' : typeof row})`);
    }
    const rawType = textValue(orAnyCase((row as JsonObject).type, row as JsonObject, 'type'), 'type');
    if (!rawType) {
      const id = readString(row, 'id');
      // REST subscription lists carry no type; their ids say what they are.
      if (id && /^\/subscriptions\/[^/]+\/?$/i.test(id)) return { kind: 'record', record: normalizeSubscription(row) };
      throw new RowError('type', 'missing');
    }
    const type = rawType.toLowerCase();
    switch (type) {
      case 'microsoft.security/assessments':
        return { kind: 'record', record: assessment(row, catalog) };
      case 'microsoft.security/assessments/subassessments':
        return { kind: 'record', record: normalizeFinding(row) };
      case 'microsoft.security/assessments/governanceassignments':
        return { kind: 'record', record: normalizeGovernance(row) };
      case 'microsoft.security/attackpaths':
        return { kind: 'record', record: normalizeAttackPath(row) };
      case 'microsoft.security/securescores':
        return { kind: 'record', record: normalizeSecureScore(row) };
      case 'microsoft.security/securescores/securescorecontrols':
        return { kind: 'record', record: normalizeSecureScoreControl(row) };
      case 'microsoft.resources/subscriptions':
        return { kind: 'record', record: normalizeSubscription(row) };
      case 'microsoft.resources/subscriptions/resourcegroups':
        return { kind: 'record', record: normalizeResourceGroup(row) };
      case 'microsoft.security/cvedetails':
        return { kind: 'record', record: normalizeCveDetail(row) };
    }
    if (!type.includes('/') || IGNORED_PREFIXES.some((prefix) => type.startsWith(prefix))) return { kind: 'ignored', type };
    return { kind: 'record', record: normalizeResource(row as JsonObject, requireString(row, 'id'), rawType) };
  };
}
