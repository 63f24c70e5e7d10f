// View models for adaptiveCards/changes.json (what changed between two dates) and adaptiveCards/executiveSummary.json
// (posture in numbers, top risks with owners, overdue work, what changed). Plain strings: the templates only place them.

export interface ChangeLineView {
  text: string;
  /** "Critical risk · owner priya · due 10 Dec 2026", or "" */
  facts: string;
}

export interface ChangeSectionView {
  heading: string;
  lines: ChangeLineView[];
  /** "and 12 more", or "" (said when no button pages the rest). */
  more: string;
  /** "Show all 17 fixed": a button for the rest of this kind alone, or "" when none. */
  moreLabel: string;
  /** The button's data: the kind and the first day compared ("2026-11-27"), re-checked by the changesOf verb. */
  moreKind: string;
  moreSince: string;
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
  /** Shows the "Overdue work" button (a list of every overdue recommendation). */
  hasOverdue: boolean;
  changedHeading: string;
  /** Which dates were compared. */
  changedCompared: string;
  /** "4 newly open · 9 fixed · 0 exempted · 1 deleted · 2 newly assessed", or "" without history. */
  changed: string;
  note: string;
}
