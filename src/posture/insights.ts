// Answers above single recommendation rows, part of the engine's port: vulnerabilities counted per CVE, resources
// rolled up and ranked by risk, and attack paths with the recommendations that break them. Both data models
// (legacy sub-assessment findings and individual recommendations) feed the same answers.
import type { PostureFilter, RecommendationRow } from './engine';
import type { RiskFactor, RiskLevel, Severity } from './model';

export interface VulnerabilityRequest {
  /** Which recommendation rows count (statuses default to every status: pass Unhealthy for open ones). */
  filter: PostureFilter;
  offset?: number;
  limit: number;
}

export interface VulnerabilitySummary {
  cveId: string;
  /** From a cvedetails row, a CvesDetails item or a legacy finding, in that order of trust. */
  title?: string;
  severity?: Severity;
  score?: number;
  /** Distinct resources with a matching recommendation naming this CVE. */
  resourceCount: number;
  recommendationCount: number;
  /** Some matching recommendation has a fix (FixedVersion / patchable). */
  fixAvailable: boolean;
  /** Up to five package names seen with it. */
  software: string[];
}

export interface VulnerabilityResult {
  /** Distinct CVEs among the matching rows. */
  total: number;
  offset: number;
  /** Most affected resources first, then score, then id. */
  items: VulnerabilitySummary[];
}

export interface ResourceRequest {
  filter: PostureFilter;
  offset?: number;
  limit: number;
  /** Recommendations listed per resource (ranked by risk); default 5. */
  recommendationsPerResource?: number;
}

/** The resource, described as on its recommendations' rows. */
export interface ResourceSummary extends Pick<RecommendationRow, 'resourceId' | 'resourceName' | 'resourceType' | 'resourceGroup' | 'subscriptionId' | 'subscriptionName' | 'cloud'> {
  /** Highest risk level among its matching recommendations. */
  riskLevel?: RiskLevel;
  highestSeverity: Severity;
  /** Matching recommendations on it. */
  count: number;
  severityCounts: Record<Severity, number>;
  /** Most attack paths any of its matching recommendations is on. */
  attackPathCount: number;
  /** Distinct CVEs among its matching recommendations. */
  cveCount: number;
  owners: string[];
  /** Its matching recommendations, riskiest first. */
  recommendations: RecommendationRow[];
}

export interface ResourceResult {
  /** Distinct resources with a matching recommendation. */
  total: number;
  offset: number;
  /** Riskiest first: risk level, attack paths and severity of its worst recommendation, then how many match. */
  items: ResourceSummary[];
}

export interface AttackPathRequest {
  /** Paths with an entity whose name contains this text (case-insensitive). */
  resourceText?: string;
  /** Paths through any of these resources (ids, case-insensitive). */
  resourceIds?: string[];
  offset?: number;
  limit: number;
}

export interface AttackPathEntity {
  id: string;
  name: string;
}

export interface AttackPathAnswer {
  id: string;
  displayName: string;
  description?: string;
  riskLevel?: RiskLevel;
  riskFactors: RiskFactor[];
  entryPoint?: AttackPathEntity;
  target?: AttackPathEntity;
  steps: Array<{ from: AttackPathEntity; to: AttackPathEntity; label?: string }>;
  /** Open recommendations the path relies on: fixing any of them breaks it. Riskiest first. */
  recommendations: RecommendationRow[];
}

export interface AttackPathResult {
  total: number;
  offset: number;
  /** Highest risk level first, then the most recommendations to fix, then name. */
  items: AttackPathAnswer[];
}
