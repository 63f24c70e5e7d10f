// View model for adaptiveCards/details.json: every field of one recommendation, its resource, owner and findings.

export interface LabelledValue {
  label: string;
  value: string;
}

export interface FindingRowView {
  title: string;
  severity: string;
  severityColor: string;
  /** "CVE-2021-44228 · CVSS 10 · patch available" */
  facts: string;
}

export interface DetailsView {
  title: string;
  /** Where it was opened from, since selecting a row leaves no message: "Row 12 of 132 · Critical risk · Unhealthy"; "" otherwise. */
  origin: string;
  /** "Critical risk · High severity · Unhealthy" */
  headline: string;
  headlineColor: string;
  description: string;
  remediation: string;
  recommendation: LabelledValue[];
  resource: LabelledValue[];
  governance: LabelledValue[];
  riskFactors: string;
  attackPaths: LabelledValue[];
  findingsTitle: string;
  findings: FindingRowView[];
  portalLink: string;
  /** "" when the tenant has risk data. */
  rankingNote: string;
}
