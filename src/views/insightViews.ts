// View models for the cards above single recommendations: adaptiveCards/vulnerabilities.json (CVEs with counts),
// resources.json (resources ranked, each with its recommendations) and attackPaths.json (each path end to end).
// Every string from tenant data is shown through a RichTextBlock TextRun in the templates, never as markdown.

/** One line with a strong label and plain facts: "1. CVE-2021-44228" / "12 resources · CVSS 10 · fix available". */
export interface InsightLineView {
  text: string;
  facts: string;
  color: string;
}

/** The card's "Show more" button: { verb: 'showMore', ref } names the list and the page it shows (a pageRef). */
export interface MoreButtonView {
  hasMore: boolean;
  moreRef: string;
  /** "Show 5 more" */
  moreLabel: string;
}

export interface VulnerabilitiesView extends MoreButtonView {
  title: string;
  /** What was asked, in words: "CVE title or id contains log4j · fix available". */
  filterSummary: string;
  /** "Top 10 of 37 CVEs" */
  range: string;
  emptyText: string;
  rows: InsightLineView[];
  /** "Most affected resources" when one CVE was asked for; "" otherwise. */
  affectedTitle: string;
  affected: InsightLineView[];
}

export interface ResourceCardView {
  /** "1. jumpbox-01" */
  heading: string;
  /** "Critical risk · High severity · 2 attack paths · 4 CVEs" */
  headline: string;
  headlineColor: string;
  /** "Virtual machine · Contoso Production · rg-core · owners: alice@contoso.com" */
  facts: string;
  /** "Its 12 open recommendations, riskiest first (showing 5)" */
  recommendationsTitle: string;
  recommendations: InsightLineView[];
}

export interface ResourcesView extends MoreButtonView {
  title: string;
  filterSummary: string;
  /** "Top 5 of 120 resources" */
  range: string;
  emptyText: string;
  rankingNote: string;
  resources: ResourceCardView[];
}

export interface AttackPathCardView {
  heading: string;
  /** "Critical risk" */
  headline: string;
  headlineColor: string;
  /** The path's description from the data, "" when none. */
  description: string;
  entryPoint: string;
  target: string;
  /** "jumpbox → (Has permission to) → données-clients", one per step. */
  steps: Array<{ text: string }>;
  /** One path of several: its steps on one line ("jumpbox → Has permission to → db"), in place of the list above. */
  route: string;
  riskFactors: string;
  recommendationsTitle: string;
  recommendations: InsightLineView[];
}

export interface AttackPathsView extends MoreButtonView {
  title: string;
  filterSummary: string;
  range: string;
  emptyText: string;
  paths: AttackPathCardView[];
}
