// The normalized posture model: what the loader produces from Azure Resource Graph rows and the engine stores.
// Raw rows (any casing, any source) are turned into these records one at a time; nothing here holds a whole tenant.

export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const STATUS_CODES = ['Healthy', 'Unhealthy', 'NotApplicable'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export const CLOUDS = ['Azure', 'AWS', 'GCP', 'OnPremise', 'Other'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Canonical risk factors; the data's own spellings are kept in `riskFactorLabels`. */
export const RISK_FACTORS = [
  'internetExposure',
  'sensitiveData',
  'lateralMovement',
  'criticalResource',
  'vulnerabilities',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** Defender's API categories; derived from the resource type when the data has none. */
export const CATEGORIES = ['Compute', 'Networking', 'Data', 'IdentityAndAccess', 'IoT', 'Containers', 'AppServices', 'DevOps', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const GOVERNANCE_STATES = ['overdue', 'onTime', 'unassigned', 'completed'] as const;
export type GovernanceState = (typeof GOVERNANCE_STATES)[number];

/** One recommendation on one resource (`microsoft.security/assessments`). Dates are epoch milliseconds. */
export interface AssessmentRecord {
  kind: 'assessment';
  /** The assessment's ARM id as in the data (case kept). */
  id: string;
  /** Assessment metadata name (GUID), lower-cased. */
  key: string;
  displayName: string;
  status: StatusCode;
  statusCause?: string;
  statusDescription?: string;
  firstEvaluationDate?: number;
  statusChangeDate?: number;
  severity: Severity;
  categories: Category[];
  description?: string;
  remediationDescription?: string;
  assessmentType?: string;
  userImpact?: string;
  implementationEffort?: string;
  threats: string[];
  policyDefinitionId?: string;
  preview?: boolean;
  /** Undefined when the row carries no `properties.risk` (no Defender CSPM). */
  riskLevel?: RiskLevel;
  riskFactors: RiskFactor[];
  /** Risk factor strings as the data spelled them. */
  riskFactorLabels: string[];
  attackPathIds: string[];
  resourceId: string;
  resourceName: string;
  resourceType: string;
  resourceGroup?: string;
  subscriptionId?: string;
  cloud: Cloud;
  /** AWS/GCP native id (ARN, GCP resource name) when the resource comes through a connector. */
  nativeResourceId?: string;
  connectorId?: string;
  portalLink?: string;
  /** Where the severity/name came from when the row had no metadata. */
  metadataSource: 'row' | 'catalog' | 'none';
  /** Individual recommendations (since 2026): `properties.metadata.recommendationCategory` (SoftwareUpdate, ExposedSecrets, ...). */
  recommendationCategory?: string;
  /** `IacVulnerabilities` findings: the scanner's rule id (`additionalData.RuleId`), which the IaC skill maps first. */
  iacRuleId?: string;
  /** Individual recommendations that are findings: their CVEs, software and fix, from `properties.additionalData`. */
  vulnerability?: VulnerabilityFacts;
}

/** One CVE as an individual recommendation's `CvesDetails` item or a `microsoft.security/cvedetails` row gives it. */
export interface CveFacts {
  /** Upper-cased CVE id (`CVE-2021-44228`). */
  id: string;
  title?: string;
  severity?: Severity;
  /** Highest CVSS base score given. */
  score?: number;
}

export interface VulnerabilityFacts {
  cves: CveFacts[];
  /** `SoftwareName` (package), when given. */
  software?: string;
  detectedVersions: string[];
  /** Empty or absent `FixedVersion`: no fix yet. */
  fixedVersion?: string;
  /** From FixedVersion / FixStatus; undefined when the row says nothing about a fix. */
  fixAvailable?: boolean;
}

/** `microsoft.security/cvedetails`: undocumented shape, read loosely. */
export interface CveDetailRecord extends CveFacts {
  kind: 'cveDetail';
}

/** An ordinary resource row (`resources`). */
export interface ResourceRecord {
  kind: 'resource';
  id: string;
  name: string;
  type: string;
  location?: string;
  resourceGroup?: string;
  subscriptionId?: string;
  tags: Record<string, string>;
}

/** `microsoft.resources/subscriptions` (or an AWS account / GCP project known by name). */
export interface SubscriptionRecord {
  kind: 'subscription';
  subscriptionId: string;
  displayName: string;
  state?: string;
  /** The subscription's own tags (resourcecontainers rows): owner resolution reads them. */
  tags?: Record<string, string>;
}

/** `microsoft.security/assessments/governanceassignments`. */
export interface GovernanceRecord {
  kind: 'governance';
  id: string;
  /** The assessment this assignment is for (lower-cased `assignedResourceId`). */
  assessmentId: string;
  owner?: string;
  dueDate?: number;
  isGracePeriod?: boolean;
  etaDate?: number;
  etaJustification?: string;
  ticketNumber?: string;
  ticketLink?: string;
  ticketStatus?: string;
}

/** `microsoft.security/assessments/subassessments`: one finding (CVE, SQL VA check, image vulnerability). */
export interface FindingRecord {
  kind: 'finding';
  id: string;
  /** Parent assessment key (GUID), lower-cased. */
  parentKey: string;
  /** The resource the parent assessment concerns. */
  resourceId: string;
  findingId: string;
  displayName: string;
  status: StatusCode;
  severity: Severity;
  category?: string;
  description?: string;
  impact?: string;
  remediation?: string;
  cves: string[];
  cvssScore?: number;
  patchable?: boolean;
  /** Package name, when the finding names one (`additionalData.softwareDetails.packageName` and similar). */
  software?: string;
  timeGenerated?: number;
}

/** What belongs to a recommendation (its assessment key) rather than to one resource's row. */
export type RecommendationInfo = Pick<
  AssessmentRecord,
  'description' | 'remediationDescription' | 'assessmentType' | 'userImpact' | 'implementationEffort' | 'threats' | 'policyDefinitionId'
>;

/** `microsoft.security/attackpaths`. */
export interface AttackPathRecord {
  kind: 'attackPath';
  id: string;
  displayName: string;
  description?: string;
  riskLevel?: RiskLevel;
  riskFactors: RiskFactor[];
  entryPoint?: string;
  target?: string;
  /** Entity ids (resource ids where the data gives them) of the entry point and the target. */
  entryPointId?: string;
  targetId?: string;
  /** The path's hops in order, as entity ids with the data's label (`Can reach`, `Has permission to`). */
  steps: Array<{ from: string; to: string; label?: string }>;
  /** Entity id -> display name, for entities the path names. */
  entityNames: Record<string, string>;
  /** Assessment ids or keys the path references, lower-cased. */
  assessmentRefs: string[];
  resourceIds: string[];
}

/** `microsoft.security/securescores` and `.../securescorecontrols`. */
export interface SecureScoreRecord {
  kind: 'secureScore';
  id: string;
  subscriptionId?: string;
  current: number;
  max: number;
  /** 0..1 */
  percentage: number;
  weight?: number;
}

export interface SecureScoreControlRecord {
  kind: 'secureScoreControl';
  id: string;
  subscriptionId?: string;
  displayName: string;
  current: number;
  max: number;
  percentage?: number;
  healthyResourceCount?: number;
  unhealthyResourceCount?: number;
  notApplicableResourceCount?: number;
}

/** A resource group row (`microsoft.resources/subscriptions/resourcegroups`): only its tags are kept. */
export interface ResourceGroupRecord {
  kind: 'resourceGroup';
  subscriptionId: string;
  name: string;
  tags: Record<string, string>;
}

export type PostureRecord =
  | ResourceGroupRecord
  | AssessmentRecord
  | ResourceRecord
  | SubscriptionRecord
  | GovernanceRecord
  | FindingRecord
  | AttackPathRecord
  | SecureScoreRecord
  | SecureScoreControlRecord
  | CveDetailRecord;

/** Where the loader hands records; the columnar store builder implements it. */
export interface RecordSink {
  add(record: PostureRecord): void;
}

/**
 * A local change the bot made, kept in the records store and laid over the current data by the posture holder: a
 * simulated fix (status Healthy), an exemption (status NotApplicable, cause Exempt, the reason as note), an owner
 * and due date. Dates are epoch ms, absolute (never shifted with a demo tenant).
 */
export type OverlayChange =
  | { kind: 'status'; assessmentId: string; status: StatusCode; at: number; by?: string; note?: string; cause?: string }
  | ({ kind: 'governance'; assessmentId: string; at: number; by?: string } & Pick<GovernanceRecord, GovernanceField>);

/** The assignment's fields a governance change sets (owner, due date, grace period, ETA, ticket). */
export type GovernanceField = 'owner' | 'dueDate' | 'isGracePeriod' | 'etaDate' | 'etaJustification' | 'ticketNumber' | 'ticketLink' | 'ticketStatus';
