// View model for adaptiveCards/recommendations.json: one page of an analyze list.
// Every string that comes from the tenant's data is rendered by the template as a plain TextRun, never as markdown.

export interface RecommendationRowView {
  /** 1-based position in the whole list ("details of the 3rd one"). */
  position: number;
  recommendation: string;
  resourceName: string;
  /** The row's one-line forms: the recommendation (line 1) and the resource name that starts line 2. */
  recommendationLine: string;
  resourceNameLine: string;
  /** "Critical", "High"… or "" when the tenant has no risk data or Defender did not rate this row. */
  riskLevel: string;
  /** Adaptive Card colour for the risk or severity badge: attention, warning, accent, good, default. */
  riskColor: string;
  /** At most two risk factors, the rest counted: "Internet exposure, Sensitive data +1 more"; "" when none. */
  riskFactors: string;
  severity: string;
  severityColor: string;
  /** "alice@contoso.com · due 12 Dec 2026 (overdue)"; "" when nobody owns it and no date is set. */
  governance: string;
  governanceColor: string;
  /** Opaque button data: { verb: 'details', ref }; names the recommendation, not a position. */
  detailsRef: string;
  /** What selecting the row opens, for screen readers: "Details of 3: <recommendation> on <resource>". */
  detailsTitle: string;
}

export interface RecommendationsView {
  title: string;
  /** The filters applied, said plainly: "Critical risk · Internet exposure · Unhealthy". */
  filterSummary: string;
  /** "Rows 11–20 of 37": absolute positions in the whole list; "" when nothing matched. */
  range: string;
  /** Set when the ranking is by severity (no Defender CSPM); "" otherwise. */
  rankingNote: string;
  /** Said when nothing matched. */
  emptyText: string;
  rows: RecommendationRowView[];
  hasMore: boolean;
  /** Opaque button data for "Show more": { verb: 'showMore', ref }; names the list and the page it shows. */
  moreRef: string;
  moreLabel: string;
}
