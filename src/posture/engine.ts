// The query engine's port: what skills may ask of posture data. The columnar in-memory engine implements it
// over an export today; a live Azure source will implement the same contract later.

import type {
  AssessmentRecord,
  GovernanceField,
  GovernanceRecord,
  Category,
  Cloud,
  GovernanceState,
  OverlayChange,
  RecommendationInfo,
  RiskFactor,
  RiskLevel,
  Severity,
  StatusCode,
} from './model';
import type { AttackPathRequest, AttackPathResult, ResourceRequest, ResourceResult, VulnerabilityRequest, VulnerabilityResult } from './insights';
import type { Viewer } from './viewer';

/** Every field is optional; fields are ANDed, values inside one field are ORed (except riskFactors: all of). */
export interface PostureFilter {
  riskLevels?: RiskLevel[];
  /** Every listed factor must be present. */
  riskFactors?: RiskFactor[];
  severities?: Severity[];
  /** Undefined means every status; skills default to Unhealthy. */
  statuses?: StatusCode[];
  categories?: Category[];
  clouds?: Cloud[];
  /** ARM resource types, matched case-insensitively (e.g. `microsoft.storage/storageaccounts`). */
  resourceTypes?: string[];
  /** Subscription ids or display names, matched case-insensitively. */
  subscriptions?: string[];
  resourceGroups?: string[];
  /** Owner e-mail or name, case-insensitive exact. */
  owners?: string[];
  governance?: GovernanceState[];
  /** Recommendation display name contains this text (case-insensitive). */
  recommendationText?: string;
  /** Exact assessment keys. */
  recommendationKeys?: string[];
  /** Resource name contains this text (case-insensitive). */
  resourceText?: string;
  /** Exact resource ids (case-insensitive). */
  resourceIds?: string[];
  /** Resource tags: every pair must match (key and value case-insensitive; no key = the value under any key). */
  tags?: Array<{ key?: string; value: string }>;
  /** The recommendation has open findings (sub-assessments: CVEs, SQL checks) of one of these severities on its resource. */
  findingSeverities?: Severity[];
  /** Only rows with at least one attack path. */
  hasAttackPaths?: boolean;
  /** Rows naming one of these CVE ids (individual recommendations' CvesDetails, or legacy findings under the row). */
  cves?: string[];
  /** A CVE id or CVE title (from cvedetails rows, CvesDetails items, legacy findings) contains this text. */
  vulnerabilityText?: string;
  /** The row's software / package name contains this text. */
  software?: string;
  /** true: a fix is available (FixedVersion / patchable finding); false: the data says there is none yet. */
  fixAvailable?: boolean;
  /** The governance due date is on or after this instant (epoch ms); rows without a due date never match a due bound. */
  dueFrom?: number;
  /** The governance due date is before this instant (epoch ms). */
  dueBefore?: number;
  /** Individual recommendations' recommendationCategory (SoftwareUpdate, ExposedSecrets, IacVulnerabilities, ...). */
  recommendationCategories?: string[];
}

export type SortOrder = 'risk' | 'severity' | 'dueDate';

export interface SearchRequest {
  filter: PostureFilter;
  /** Defaults to 'risk': risk level, then attack paths, then severity (falls back to severity without risk data). */
  sort?: SortOrder;
  offset?: number;
  limit: number;
  /** Also count every matching row per group, from the same filter (one compile and one row set for both). */
  groupBy?: GroupBy;
}

/** One row of a result list: everything the recommendations card shows. Dates are epoch ms. */
export interface RecommendationRow {
  assessmentId: string;
  key: string;
  displayName: string;
  status: StatusCode;
  severity: Severity;
  riskLevel?: RiskLevel;
  riskFactors: RiskFactor[];
  attackPathCount: number;
  categories: Category[];
  cloud: Cloud;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  resourceGroup?: string;
  subscriptionId?: string;
  subscriptionName?: string;
  owner?: string;
  dueDate?: number;
  governance: GovernanceState;
  findingCount: number;
  recommendationCategory?: string;
  /** CVE ids of the row (its own, or its legacy findings'), up to ten. */
  cves?: string[];
  software?: string;
  fixAvailable?: boolean;
  fixedVersion?: string;
  detectedVersions?: string;
}

export interface SearchResult {
  total: number;
  offset: number;
  items: RecommendationRow[];
  /** The request's groupBy over all matching rows, as group() returns it; engines may leave it out. */
  groups?: GroupResult;
}

export type GroupBy = 'severity' | 'riskLevel' | 'resourceType' | 'subscription' | 'owner' | 'category' | 'cloud' | 'recommendation' | 'governance' | 'riskFactor';

export interface GroupResult {
  by: GroupBy;
  total: number;
  /** Sorted by count, descending (severity and riskLevel: by rank, highest first). */
  groups: Array<{ key: string; label: string; count: number }>;
}

export interface FindingView {
  id: string;
  findingId: string;
  displayName: string;
  severity: Severity;
  status: StatusCode;
  cves: string[];
  cvssScore?: number;
  patchable?: boolean;
  category?: string;
  description?: string;
  remediation?: string;
}

export interface AttackPathView {
  id: string;
  displayName: string;
  riskLevel?: RiskLevel;
  description?: string;
  entryPoint?: string;
  target?: string;
}

/** Every field of one recommendation, its resource, governance and findings. */
export interface RecommendationDetails
  extends RecommendationRow,
    RecommendationInfo,
    Pick<AssessmentRecord, 'riskFactorLabels' | 'statusCause' | 'statusDescription' | 'firstEvaluationDate' | 'statusChangeDate'>,
    Pick<GovernanceRecord, Exclude<GovernanceField, 'owner' | 'dueDate'>> {
  nativeResourceId?: string;
  connectorId?: string;
  portalLink?: string;
  /** IaC findings: the scanner's rule id from the data (`additionalData.RuleId`). */
  iacRuleId?: string;
  location?: string;
  tags: Record<string, string>;
  findings: FindingView[];
  attackPaths: AttackPathView[];
}

/** Fields whose distinct values the planner matches user words against. */
export type VocabularyField =
  | 'subscription'
  | 'resourceGroup'
  | 'resourceName'
  | 'resourceType'
  | 'recommendation'
  | 'owner'
  | 'tagKey'
  | 'tagValue';

export interface FuzzyMatch {
  value: string;
  /** 0..1, 1 is exact (case-insensitive). */
  score: number;
}

export interface SecureScoreSummary {
  current: number;
  max: number;
  percentage: number;
  subscriptions: Array<{ subscriptionId: string; subscriptionName?: string; current: number; max: number; percentage: number }>;
  controls: Array<{ displayName: string; current: number; max: number; unhealthyResourceCount?: number }>;
}

export interface EngineCapabilities {
  /** False when no assessment carries risk (no Defender CSPM): rank and label by severity instead. */
  hasRiskData: boolean;
  hasAttackPaths: boolean;
  hasGovernance: boolean;
  hasFindings: boolean;
  hasSecureScore: boolean;
  assessmentCount: number;
  resourceCount: number;
}

export interface PostureEngine {
  capabilities(viewer: Viewer): EngineCapabilities;
  search(viewer: Viewer, request: SearchRequest): SearchResult;
  count(viewer: Viewer, filter: PostureFilter): number;
  group(viewer: Viewer, filter: PostureFilter, by: GroupBy): GroupResult;
  details(viewer: Viewer, assessmentId: string): RecommendationDetails | undefined;
  /** Tags of a subscription, or of a resource group in it, where the data has its row (owner resolution). */
  containerTags?(subscriptionId: string, resourceGroup?: string): Readonly<Record<string, string>> | undefined;
  /** Distinct values of a field (tag values: across all keys), for the planner's vocabulary. */
  vocabulary(viewer: Viewer, field: VocabularyField): readonly string[];
  /** Best fuzzy matches of `text` among the field's distinct values, best first. */
  fuzzyFind(viewer: Viewer, field: VocabularyField, text: string, limit?: number): FuzzyMatch[];
  secureScore(viewer: Viewer): SecureScoreSummary | undefined;
  /** CVEs among the matching rows with the resources they affect (counts per CVE, top CVEs by resources). */
  vulnerabilities(viewer: Viewer, request: VulnerabilityRequest): VulnerabilityResult;
  /** Resources with matching rows, riskiest first, each with its recommendations ranked. */
  resources(viewer: Viewer, request: ResourceRequest): ResourceResult;
  /** Attack paths: entry point, steps, target, risk factors and the recommendations that break each. */
  attackPaths(viewer: Viewer, request: AttackPathRequest): AttackPathResult;
  /**
   * Every row in storage order, `limit` from `start`, with the fields posture history records: no viewer scope, no
   * filter, no sort, so reading all rows page by page costs each row once. `next` is absent after the last page.
   */
  statusRows?(start: number, limit: number): { items: StatusRow[]; next?: number };
}

export type StatusRow = Pick<RecommendationRow, 'assessmentId' | 'status' | 'displayName' | 'resourceName'>;

/**
 * An engine local changes can be laid over: what the posture holder keeps. withChanges derives a new engine from
 * this one without reloading the data; this engine is left as it was, so a turn reading it finishes undisturbed.
 */
export interface ChangeablePostureEngine extends PostureEngine {
  /** This data with the changes applied in time order (latest per assessment and kind wins); `this` when none apply. */
  withChanges(changes: readonly OverlayChange[]): ChangeablePostureEngine;
}
