// View models for adaptiveCards/changes.json (what changed between two dates) and adaptiveCards/executiveSummary.json
// (posture in numbers, top risks with owners, overdue work, what changed). Plain strings: the templates only place them.

export interface ChangeLineView {
  text: string;
  /** "Critical risk · owner priya · due 2026-12-10", or "" */
  facts: string;
}

export interface ChangeSectionView {
  heading: string;
  lines: ChangeLineView[];
  /** "and 12 more", or "". */
  more: string;
}

export interface ChangesView {
  title: string;
  /** Which dates were compared, in the user's time zone. */
  compared: string;
  summary: string;
  note: string;
  sections: ChangeSectionView[];
}

export interface SummaryFactView {
  title: string;
  value: string;
}

export interface ExecutiveSummaryView {
  title: string;
  asOf: string;
  facts: SummaryFactView[];
  topRisksHeading: string;
  topRisks: ChangeLineView[];
  overdueHeading: string;
  overdue: ChangeLineView[];
  changedHeading: string;
  /** Which dates were compared. */
  changedCompared: string;
  changed: SummaryFactView[];
  note: string;
}
