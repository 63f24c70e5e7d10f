// View model for adaptiveCards/summary.json: one recommendation explained for its resource (what it checks, why it
// matters here, what fixing it affects, who owns it) with next-step buttons.
import type { LabelledValue } from './detailsView';

export interface SummaryButtonView {
  title: string;
  verb: string;
  ref: string;
}

export interface SummaryView {
  title: string;
  /** "Resource stpayments (Storage account)" */
  subtitle: string;
  /** "Critical risk · High severity · Unhealthy" */
  headline: string;
  headlineColor: string;
  checks: string;
  whyItMatters: string;
  /** One line per risk factor, explained; empty when none. */
  riskFactors: LabelledValue[];
  attackPaths: LabelledValue[];
  /** "Severity High is the recommendation's own rating; risk level Critical adds this resource's context …" */
  severityVsRisk: string;
  fixing: LabelledValue[];
  governance: LabelledValue[];
  /** Where the text came from: the export or the bot's knowledge base. */
  source: string;
  portalLink: string;
  buttons: SummaryButtonView[];
}
