// The frozen columnar table the engine queries: one typed-array slot per assessment row, strings as dictionary
// codes, rarely used per-row fields in sparse maps and per-recommendation text once per key.
import type {
  AttackPathRecord,
  FindingRecord,
  GovernanceRecord,
  RecommendationInfo,
  SecureScoreControlRecord,
  SecureScoreRecord,
  Severity,
} from '../model';
import type { CodeIndex } from './columns';
import type { StringDictionary } from './dictionary';

/** Text that belongs to the recommendation (assessment key), not to each row. */
/**
 * What belongs to a recommendation. Its description and remediation text are also kept per cloud (cloud code ->
 * texts): one key's rows can come from Azure and from AWS connectors with texts written for each ("Scans of the EC2
 * instance …"), and a resource is described by a row of its own cloud.
 */
export type KeyInfo = RecommendationInfo & { cloudTexts?: Map<number, CloudTexts> };

export type CloudTexts = Pick<RecommendationInfo, 'description' | 'remediationDescription'>;

/** What the store keeps of a governance assignment once joined to its row. */
export type GovernanceFacts = Omit<GovernanceRecord, 'kind' | 'id' | 'assessmentId'>;

export interface ResourceInfo {
  location?: string;
  tags: Record<string, string>;
}

export interface Dictionaries {
  key: StringDictionary;
  name: StringDictionary;
  resource: StringDictionary;
  resourceName: StringDictionary;
  resourceType: StringDictionary;
  resourceGroup: StringDictionary;
  subscription: StringDictionary;
  owner: StringDictionary;
  /** Status causes and descriptions: few distinct values across many rows. */
  text: StringDictionary;
  /** Risk factor labels as the data spelled them, joined by NUL. */
  riskLabels: StringDictionary;
  /** Individual recommendations' `recommendationCategory` (legacy grouped rows: the category that replaced them). */
  recommendationCategory: StringDictionary;
  /** Upper-cased CVE ids, from either data model. */
  cve: StringDictionary;
  /** Package / software names, from either data model. */
  software: StringDictionary;
}

export interface Columns {
  key: Int32Array;
  name: Int32Array;
  status: Uint8Array;
  severity: Uint8Array;
  risk: Uint8Array;
  cloud: Uint8Array;
  riskFactors: Uint8Array;
  categories: Uint16Array;
  attackPaths: Uint16Array;
  resource: Int32Array;
  resourceName: Int32Array;
  resourceType: Int32Array;
  resourceGroup: Int32Array;
  subscription: Int32Array;
  statusCause: Int32Array;
  statusDescription: Int32Array;
  riskLabels: Int32Array;
  firstEvaluation: Float64Array;
  statusChange: Float64Array;
  /** recommendationCategory code (-1 none). */
  recommendationCategory: Int32Array;
  /** 0 the data says nothing, 1 no fix yet, 2 a fix is available (FixedVersion/FixStatus, or a patchable open finding). */
  fixState: Uint8Array;
  /** Text codes (dict.text, -1 none): the fixed version and the detected versions (joined by ", "). */
  fixedVersion: Int32Array;
  detectedVersions: Int32Array;
  /** 1 for an individual recommendation that is itself a finding (a vulnerable package, a secret, an IaC finding). */
  individualFinding: Uint8Array;
  /** Filled by the join: index into governance records (-1 none), owner code (-1), due date (NaN). */
  governance: Int32Array;
  owner: Int32Array;
  dueDate: Float64Array;
  findingCount: Uint32Array;
  /** Severities (bit per severity) of this row's own open findings: the `findingSeverities` filter. */
  findingSeverity: Uint8Array;
  /** riskLevel, then attack paths, then severity packed into one number (see ranking.ts). */
  riskRank: Uint32Array;
}

export interface Sparse {
  /** Assessment ids that are not `${resourceId}/providers/Microsoft.Security/assessments/${key}` verbatim. */
  id: Map<number, string>;
  /** Lower-cased form of those ids -> row. */
  idLookup: Map<string, number>;
  nativeResourceId: Map<number, string>;
  connectorId: Map<number, string>;
  /**
   * A row's portal link when it is not its recommendation's ('' for none): Defender's link names the recommendation
   * (assessmentKey), so every row of a key usually has the same one, kept once in keyPortalLink. See portalLinkOf.
   */
  portalLink: Map<number, string>;
  /** Key code -> the link of the key's first row ('' for none). */
  keyPortalLink: Map<number, string>;
  /** IaC findings' scanner rule ids (few rows carry one). */
  iacRuleId: Map<number, string>;
  attackPathIds: Map<number, string[]>;
}

export interface Indexes {
  status: CodeIndex;
  severity: CodeIndex;
  risk: CodeIndex;
  key: CodeIndex;
  name: CodeIndex;
  resource: CodeIndex;
  resourceName: CodeIndex;
  resourceType: CodeIndex;
  subscription: CodeIndex;
  recommendationCategory: CodeIndex;
}

/** A many-to-many relation between rows and dictionary codes (CVEs, software), both ways; live rows only. */
export interface RowTerms {
  /** Rows of code c: rows[offsets[c] .. offsets[c+1]), ascending. */
  byCode: CodeIndex;
  /** Codes of row r: byRow.rows[byRow.offsets[r] .. offsets[r+1]) (the `rows` array holds codes here). */
  byRow: CodeIndex;
}

/** What is known about one CVE, best source first: a cvedetails row, then a CvesDetails item, then a legacy finding. */
export interface CveInfo {
  title?: string;
  severity?: Severity;
  score?: number;
}

export interface PostureTable {
  /** Physical rows, including duplicates superseded by a later row with the same id. */
  rowCount: number;
  liveCount: number;
  live: Uint8Array;
  columns: Columns;
  dict: Dictionaries;
  sparse: Sparse;
  keyInfo: Map<number, KeyInfo>;
  /** Assignment facts by the governance column's index; ids are left out (a row's own id says which assessment). */
  governance: GovernanceFacts[];
  subscriptionNames: Map<number, string>;
  /** Subscription and resource group tags (builder's containerKey). */
  containerTags: Map<string, Record<string, string>>;
  resources: Map<number, ResourceInfo>;
  /** Lower-cased "key\0value" -> resource codes carrying that tag. */
  tagIndex: Map<string, Uint32Array>;
  tagKeys: string[];
  tagValues: string[];
  findingsByResource: Map<number, FindingRecord[]>;
  /** Per resource code: bit (severity code) set when it has an unhealthy finding of that severity. */
  findingSeverityMask: Uint8Array;
  findingCount: number;
  attackPaths: AttackPathRecord[];
  secureScores: SecureScoreRecord[];
  secureScoreControls: SecureScoreControlRecord[];
  /** Sort position of each display-name / resource-name code, for stable tie-breaks. */
  nameOrder: Uint32Array;
  resourceNameOrder: Uint32Array;
  indexes: Indexes;
  resourceCount: number;
  hasRiskData: boolean;
  hasAttackPathRows: boolean;
  /** Rows <-> CVEs and rows <-> software, merged from individual recommendations and legacy findings. */
  cves: RowTerms;
  software: RowTerms;
  /** Per CVE code. */
  cveInfo: Map<number, CveInfo>;
  /** CVE code -> the software codes seen with it. */
  cveSoftware: Map<number, Set<number>>;
}

/** A row's portal link: its own when it differs from its recommendation's first row's, else that one. */
export function portalLinkOf(sparse: Pick<Sparse, 'portalLink' | 'keyPortalLink'>, row: number, key: number): string | undefined {
  return (sparse.portalLink.get(row) ?? sparse.keyPortalLink.get(key)) || undefined;
}
