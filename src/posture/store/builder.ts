// The store builder: takes normalized records one at a time, in any order, straight into growable columns.
// Nothing is joined here; finish() (join.ts) links governance, findings, resources and builds the indexes.
import type {
  AssessmentRecord,
  AttackPathRecord,
  CveFacts,
  FindingRecord,
  PostureRecord,
  ResourceRecord,
  SecureScoreControlRecord,
  SecureScoreRecord,
} from '../model';
import { categoryMask, cloudCode, riskCode, riskFactorMask, severityCode, statusCode } from './codecs';
import { Float64Column, Int32Column, Uint16Column, Uint8Column } from './columns';
import { categoryOfGroupedKey } from '../load/normalizeVulnerability';
import { StringDictionary } from './dictionary';
import { ASSESSMENT_ID_INFIX, assignGovernance, createGovernanceAssignments, type GovernanceAssignments } from './governanceAssignments';
import type { CveInfo, Dictionaries, KeyInfo, ResourceInfo, Sparse } from './table';
import { setOwnMember } from '../../collections/ownMember';

export { ASSESSMENT_ID_INFIX } from './governanceAssignments';

export interface BuilderState {
  dict: Dictionaries;
  cols: ReturnType<typeof createGrowableColumns>;
  sparse: Sparse;
  keyInfo: Map<number, KeyInfo>;
  /** Per assessment id, the last assignment added for it (its facts: without kind, id and assessment id). */
  governance: GovernanceAssignments;
  subscriptionNames: Map<number, string>;
  /** Tags of subscriptions and resource groups, by containerKey(). */
  containerTags: Map<string, Record<string, string>>;
  resources: Map<number, ResourceInfo>;
  findings: Map<number, FindingRecord[]>;
  findingCount: number;
  interned: Map<string, string>;
  attackPaths: AttackPathRecord[];
  secureScores: SecureScoreRecord[];
  secureScoreControls: SecureScoreControlRecord[];
  /** (row, code) pairs, joined into RowTerms at finish; legacy findings add theirs there. */
  cvePairs: { rows: Int32Column; codes: Int32Column };
  softwarePairs: { rows: Int32Column; codes: Int32Column };
  /** Per CVE code, with the rank of the source it came from (2 cvedetails row, 1 CvesDetails item, 0 legacy finding). */
  cveInfo: Map<number, CveInfo & { rank: number }>;
  /** CVE code -> software codes seen with it (an individual row's package, a legacy finding's package). */
  cveSoftware: Map<number, Set<number>>;
  /**
   * Set on a worker's part only (builderPart.ts): every rememberCve call in order, so the main thread replays them and
   * keeps the same facts as one thread adding every record would.
   */
  cveLog?: CveEvent[];
}

export interface CveEvent {
  code: number;
  facts: Partial<CveFacts>;
  rank: number;
}

function createPairs() {
  return { rows: new Int32Column(), codes: new Int32Column() };
}

function createGrowableColumns() {
  const i32 = () => new Int32Column();
  const u8 = () => new Uint8Column();
  return {
    key: i32(), name: i32(), status: u8(), severity: u8(), risk: u8(), cloud: u8(), riskFactors: u8(),
    categories: new Uint16Column(), attackPaths: new Uint16Column(),
    resource: i32(), resourceName: i32(), resourceType: i32(), resourceGroup: i32(), subscription: i32(),
    statusCause: i32(), statusDescription: i32(), riskLabels: i32(),
    firstEvaluation: new Float64Column(), statusChange: new Float64Column(),
    recommendationCategory: i32(), fixState: u8(), fixedVersion: i32(), detectedVersions: i32(), individualFinding: u8(),
  };
}

export function createBuilderState(): BuilderState {
  const dictionary = () => new StringDictionary();
  return {
    dict: {
      key: dictionary(), name: dictionary(), resource: dictionary(), resourceName: dictionary(),
      resourceType: dictionary(), resourceGroup: dictionary(), subscription: dictionary(), owner: dictionary(),
      text: dictionary(), riskLabels: dictionary(), recommendationCategory: dictionary(), cve: dictionary(), software: dictionary(),
    },
    cols: createGrowableColumns(),
    sparse: { id: new Map(), idLookup: new Map(), nativeResourceId: new Map(), connectorId: new Map(), portalLink: new Map(), keyPortalLink: new Map(), iacRuleId: new Map(), attackPathIds: new Map() },
    keyInfo: new Map(),
    governance: createGovernanceAssignments(),
    subscriptionNames: new Map(),
    containerTags: new Map(),
    resources: new Map(),
    findings: new Map(),
    findingCount: 0,
    interned: new Map(),
    attackPaths: [],
    secureScores: [],
    secureScoreControls: [],
    cvePairs: createPairs(),
    softwarePairs: createPairs(),
    cveInfo: new Map(),
    cveSoftware: new Map(),
  };
}

/** The key of a subscription's or resource group's tags: ids compare case-insensitively in Azure. */
export const containerKey = (subscriptionId: string, resourceGroup?: string): string => `${subscriptionId.toLowerCase()}${resourceGroup === undefined ? '' : `/${resourceGroup.toLowerCase()}`}`;

export function addRecord(state: BuilderState, record: PostureRecord): void {
  switch (record.kind) {
    case 'assessment':
      return addAssessment(state, record);
    case 'resource':
      return addResource(state, record);
    case 'subscription': {
      const code = state.dict.subscription.encode(record.subscriptionId);
      if (record.displayName) state.subscriptionNames.set(code, record.displayName);
      if (record.tags) state.containerTags.set(containerKey(record.subscriptionId), record.tags);
      return;
    }
    case 'resourceGroup':
      state.containerTags.set(containerKey(record.subscriptionId, record.name), record.tags);
      return;
    case 'governance': {
      // Only what the table keeps (join.ts): the assignment's own id and the assessment id (the key) are long ARM
      // ids, and at 1M rows several hundred thousand of each were held until finish.
      const { kind: _kind, id: _id, assessmentId, ...facts } = record;
      // Owners repeat across thousands of assignments: keep one copy of each (as resources' tag values).
      if (facts.owner !== undefined) facts.owner = intern(state, facts.owner);
      assignGovernance(state.governance, state.dict, assessmentId.toLowerCase(), facts);
      return;
    }
    case 'finding':
      return addFinding(state, record);
    case 'attackPath':
      state.attackPaths.push(record);
      return;
    case 'secureScore':
      state.secureScores.push(record);
      return;
    case 'secureScoreControl':
      state.secureScoreControls.push(record);
      return;
    case 'cveDetail':
      rememberCve(state, state.dict.cve.encode(record.id), record, 2);
      return;
  }
}

function addAssessment(state: BuilderState, a: AssessmentRecord): void {
  const { cols, dict, sparse } = state;
  const row = cols.key.length;
  const key = dict.key.encode(a.key.toLowerCase());
  const resource = dict.resource.encode(a.resourceId);
  cols.key.push(key);
  cols.name.push(dict.name.encode(a.displayName || a.key));
  cols.status.push(statusCode(a.status));
  cols.severity.push(severityCode(a.severity));
  cols.risk.push(riskCode(a.riskLevel));
  cols.cloud.push(cloudCode(a.cloud));
  cols.riskFactors.push(riskFactorMask(a.riskFactors));
  cols.categories.push(categoryMask(a.categories));
  cols.attackPaths.push(Math.min(a.attackPathIds.length, 0xffff));
  cols.resource.push(resource);
  cols.resourceName.push(dict.resourceName.encode(a.resourceName || lastSegment(a.resourceId)));
  cols.resourceType.push(dict.resourceType.encode(a.resourceType));
  cols.resourceGroup.push(dict.resourceGroup.encodeOptional(a.resourceGroup));
  cols.subscription.push(dict.subscription.encodeOptional(a.subscriptionId));
  cols.statusCause.push(dict.text.encodeOptional(a.statusCause));
  cols.statusDescription.push(dict.text.encodeOptional(a.statusDescription));
  cols.riskLabels.push(a.riskFactorLabels.length ? dict.riskLabels.encode(a.riskFactorLabels.join('\u0000')) : -1);
  cols.firstEvaluation.push(a.firstEvaluationDate ?? Number.NaN);
  cols.statusChange.push(a.statusChangeDate ?? Number.NaN);
  // Most ids are the resource id plus the key: rebuild those on demand instead of holding a million strings.
  if (!isStandardId(a.id, dict.resource.value(resource), dict.key.value(key))) sparse.id.set(row, a.id);
  if (a.nativeResourceId) sparse.nativeResourceId.set(row, a.nativeResourceId);
  if (a.connectorId) sparse.connectorId.set(row, a.connectorId);
  rememberPortalLink(sparse, row, key, a.portalLink ?? '');
  if (a.iacRuleId) sparse.iacRuleId.set(row, a.iacRuleId);
  if (a.attackPathIds.length) sparse.attackPathIds.set(row, a.attackPathIds);
  rememberKeyInfo(state.keyInfo, key, a);
  cols.recommendationCategory.push(dict.recommendationCategory.encodeOptional(a.recommendationCategory));
  const v = a.vulnerability;
  cols.fixState.push(v?.fixAvailable === true ? 2 : v?.fixAvailable === false ? 1 : 0);
  // An individual recommendation is itself a finding: it has finding facts, or a category of the current model.
  cols.individualFinding.push(v !== undefined || (a.recommendationCategory !== undefined && categoryOfGroupedKey(a.key) === undefined) ? 1 : 0);
  cols.fixedVersion.push(dict.text.encodeOptional(v?.fixedVersion));
  cols.detectedVersions.push(v && v.detectedVersions.length ? dict.text.encode(v.detectedVersions.join(', ')) : -1);
  if (v) {
    const software = v.software === undefined ? -1 : dict.software.encode(v.software);
    if (software >= 0) addPair(state.softwarePairs, row, software);
    for (const cve of v.cves) {
      const code = rememberCve(state, dict.cve.encode(cve.id), cve, 1);
      addPair(state.cvePairs, row, code);
      if (software >= 0) softwareOfCve(state, code, software);
    }
  }
}

/** The key's first row sets its link; a row keeps its own only when it differs (portalLinkOf reads both). */
export function rememberPortalLink(sparse: Sparse, row: number, key: number, link: string): void {
  const keyLink = sparse.keyPortalLink.get(key);
  if (keyLink === undefined) sparse.keyPortalLink.set(key, link);
  else if (link !== keyLink) sparse.portalLink.set(row, link);
}

export function softwareOfCve(state: BuilderState, cve: number, software: number): void {
  const set = state.cveSoftware.get(cve);
  if (set) set.add(software);
  else state.cveSoftware.set(cve, new Set([software]));
}

export function addPair(pairs: BuilderState['cvePairs'], row: number, code: number): void {
  pairs.rows.push(row);
  pairs.codes.push(code);
}

/** Keeps each fact from the best source that gives it; returns the code. */
export function rememberCve(state: BuilderState, code: number, facts: Partial<CveFacts>, rank: number): number {
  state.cveLog?.push({ code, facts: { title: facts.title, severity: facts.severity, score: facts.score }, rank });
  let info = state.cveInfo.get(code);
  if (!info) {
    info = { rank };
    state.cveInfo.set(code, info);
  }
  const better = rank > info.rank;
  if (facts.title !== undefined && (info.title === undefined || better)) info.title = facts.title;
  if (facts.severity !== undefined && (info.severity === undefined || better)) info.severity = facts.severity;
  if (facts.score !== undefined && (info.score === undefined || better)) info.score = facts.score;
  if (better) info.rank = rank;
  return code;
}

/** The first row of a recommendation that has a text supplies it (per cloud for its texts); later rows only fill gaps. */
function rememberKeyInfo(keyInfo: Map<number, KeyInfo>, key: number, a: AssessmentRecord): void {
  let info = keyInfo.get(key);
  if (!info) {
    info = { threats: a.threats };
    keyInfo.set(key, info);
  } else if (!info.threats.length && a.threats.length) info.threats = a.threats;
  info.description ??= a.description;
  info.remediationDescription ??= a.remediationDescription;
  if (a.description !== undefined || a.remediationDescription !== undefined) {
    info.cloudTexts ??= new Map();
    const cloud = cloudCode(a.cloud);
    const texts = info.cloudTexts.get(cloud) ?? {};
    texts.description ??= a.description;
    texts.remediationDescription ??= a.remediationDescription;
    info.cloudTexts.set(cloud, texts);
  }
  info.assessmentType ??= a.assessmentType;
  info.userImpact ??= a.userImpact;
  info.implementationEffort ??= a.implementationEffort;
  info.policyDefinitionId ??= a.policyDefinitionId;
}

function addResource(state: BuilderState, r: ResourceRecord): void {
  const code = state.dict.resource.encode(r.id);
  state.resources.set(code, { location: intern(state, r.location), tags: internedValues(state, r.tags) });
}

/**
 * The same tags with each value kept once per load. Resources repeat a few locations and tag values (environment,
 * owner, cost centre) thousands of times; each parsed copy held until finish() is one more string for every
 * collection to copy and mark.
 */
function internedValues(state: BuilderState, tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in tags) {
    if (!Object.prototype.hasOwnProperty.call(tags, key)) continue;
    const value = tags[key] as string;
    setOwnMember(out, key, intern(state, value) ?? value);
  }
  return out;
}

/** Findings repeat the same CVE texts across resources: keep one copy of each string. */
export function intern(state: BuilderState, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const hit = state.interned.get(text);
  if (hit !== undefined) return hit;
  state.interned.set(text, text);
  return text;
}

function addFinding(state: BuilderState, f: FindingRecord): void {
  const code = state.dict.resource.encode(f.resourceId);
  const stored: FindingRecord = {
    ...f,
    parentKey: f.parentKey.toLowerCase(),
    displayName: intern(state, f.displayName) ?? f.displayName,
    description: intern(state, f.description),
    impact: intern(state, f.impact),
    remediation: intern(state, f.remediation),
    category: intern(state, f.category),
  };
  const list = state.findings.get(code);
  if (list) list.push(stored);
  else state.findings.set(code, [stored]);
  state.findingCount++;
}

/**
 * Same as comparing with the concatenation, without copying the id. Slices (views of `id`, no copy) compared with ===
 * take V8's bulk compare; startsWith/endsWith went char by char: 460-510 -> 135-210 ns per row on the 100k export's
 * ids (/tmp/loadstore/isstd.js).
 */
function isStandardId(id: string, resourceId: string, key: string): boolean {
  const keyAt = resourceId.length + ASSESSMENT_ID_INFIX.length;
  return (
    id.length === keyAt + key.length &&
    id.slice(0, resourceId.length) === resourceId &&
    id.slice(resourceId.length, keyAt) === ASSESSMENT_ID_INFIX &&
    id.slice(keyAt) === key
  );
}

function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}
