// View model for adaptiveCards/breakdown.json: counts of the matching recommendations grouped by one dimension.

export interface BreakdownRowView {
  label: string;
  count: string;
  /** Share of the total, "42%". */
  share: string;
}

export interface BreakdownView {
  title: string;
  filterSummary: string;
  total: string;
  rows: BreakdownRowView[];
  /** "and 12 more groups", "" when all are shown. */
  more: string;
  rankingNote: string;
}
