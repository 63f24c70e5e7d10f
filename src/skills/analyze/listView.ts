// Builds the recommendations card's view model from one page of engine results.
import type { RecommendationRow, SearchResult } from '../../posture/engine';
import type { RecommendationRowView, RecommendationsView } from '../../views/recommendationsView';
import { pageRef } from '../../actions/vocabularies';
import { GOVERNANCE_LABELS, RISK_FACTOR_LABELS, countLabel, displayDate, levelColor, mailboxName, ownerText, shortWords, clipText } from '../../views/postureLabels';

/** "alice@contoso.com · due 10 Dec 2026 (overdue)"; "Unassigned" when nobody owns it and no date is set. */
export function governanceText(row: Pick<RecommendationRow, 'owner' | 'dueDate' | 'governance'>): string {
  if (row.governance === 'completed') return GOVERNANCE_LABELS.completed;
  const due = row.dueDate === undefined ? '' : ` · due\u00a0${displayDate(row.dueDate)}${row.governance === 'overdue' ? ' (overdue)' : ''}`;
  return `${ownerText(row.owner)}${due}`;
}

// Characters that fit one line of a list row at the Playground's width (446 px): bold title, small facts line.
const TITLE_CHARS = 56;
const RESOURCE_CHARS = 24;
/** Risk factors named on a row; the rest are counted ("+2 more"), the details card names them all. */
const ROW_FACTORS = 2;

/** "Internet exposure, Sensitive data +1 more": at most two named. */
export function rowRiskFactors(factors: readonly RecommendationRow['riskFactors'][number][]): string {
  const named = factors.slice(0, ROW_FACTORS).map((f) => RISK_FACTOR_LABELS[f]).join(', ');
  return factors.length > ROW_FACTORS ? `${named} +${factors.length - ROW_FACTORS}\u00a0more` : named;
}

/** An e-mail address by its mailbox name on a row ("maya.okafor"); the details card shows it whole. */
const ownerOnRow = (owner: string): string => mailboxName(owner);

/** Owner and due date on a row, only when there is one of them: "" for an unassigned row with no date. */
export function rowGovernance(row: Pick<RecommendationRow, 'owner' | 'dueDate' | 'governance'>): string {
  if (row.governance === 'completed') return GOVERNANCE_LABELS.completed;
  if (!row.owner?.trim() && row.dueDate === undefined) return '';
  return governanceText({ governance: row.governance, dueDate: row.dueDate, owner: row.owner ? shortWords(ownerOnRow(row.owner), RESOURCE_CHARS) : row.owner });
}

/**
 * Two lines a row: the recommendation (clipped to one line), then resource · risk · up to two risk factors · owner
 * and due date. Resource type, subscription and attack paths are on the details card the row opens.
 */
function rowView(row: RecommendationRow, position: number, ref: string, hasRiskData: boolean): RecommendationRowView {
  const resourceName = shortWords(row.resourceName);
  const recommendation = shortWords(row.displayName, 40);
  return {
    position,
    recommendation,
    resourceName,
    recommendationLine: clipText(recommendation, TITLE_CHARS - String(position).length - 2),
    resourceNameLine: clipText(resourceName, RESOURCE_CHARS),
    // Only what is there: no "No risk" on a row Defender did not rate, no "Risk factors: None".
    riskLevel: hasRiskData ? (row.riskLevel ?? '') : '',
    riskColor: levelColor(row.riskLevel),
    riskFactors: hasRiskData ? rowRiskFactors(row.riskFactors) : '',
    severity: row.severity,
    severityColor: levelColor(row.severity),
    governance: rowGovernance(row),
    governanceColor: row.governance === 'overdue' ? 'Accent' : 'Default',
    detailsRef: ref,
    detailsTitle: `Details of ${position}: ${recommendation} on ${resourceName}`,
  };
}

export interface ListViewInput {
  result: SearchResult;
  listId: string;
  /** The Details buttons' refs, one per row of the page (see shownRefs). */
  detailsRefs: readonly string[];
  pageSize: number;
  filterSummary: string;
  hasRiskData: boolean;
  notes: string[];
}

export function buildRecommendationsView(input: ListViewInput): RecommendationsView {
  const { result, listId, hasRiskData } = input;
  const first = result.offset + 1;
  const last = result.offset + result.items.length;
  // Pushed, not mapped: the card renderer reads these rows, and map's result changes elements kind with this code's tier.
  const rows: RecommendationRowView[] = [];
  for (let i = 0; i < result.items.length; i += 1) rows.push(rowView(result.items[i] as RecommendationRow, first + i, input.detailsRefs[i] ?? '', hasRiskData));
  const noun = result.total === 1 ? 'recommendation matches' : 'recommendations match';
  const remaining = result.total - last;
  const rankingNote = [
    ...(hasRiskData ? [] : ['Ranked by severity: this data has no risk levels or attack paths. Risk prioritization needs Defender CSPM.']),
    ...input.notes,
  ].join(' ');
  return {
    // A later page says which rows it holds in its title: clicking "Show more" leaves no message of its own.
    title:
      result.total === 0
        ? 'No matching recommendations'
        : result.offset > 0 && result.items.length > 0
          ? `Rows ${first}–${last} of the ${countLabel(result.total)} matching recommendations`
          : `${countLabel(result.total)} ${noun}`,
    filterSummary: input.filterSummary,
    range: result.items.length === 0 ? '' : `Rows ${first}–${last} of ${countLabel(result.total)}, ${hasRiskData ? 'riskiest first' : 'most severe first'}`,
    rankingNote,
    emptyText: result.total === 0 ? 'Nothing in the data matches all of these filters. Try removing one.' : result.items.length === 0 ? 'There are no more rows.' : '',
    rows,
    hasMore: remaining > 0,
    moreRef: pageRef(listId, last),
    moreLabel: `Show ${Math.min(input.pageSize, Math.max(remaining, 0))} more`,
  };
}
