// Builds the recommendations card's view model from one page of engine results.
import type { RecommendationRow, SearchResult } from '../../posture/engine';
import type { RecommendationRowView, RecommendationsView } from '../../views/recommendationsView';
import { pageRef } from '../../actions/vocabularies';
import { GOVERNANCE_LABELS, RISK_FACTOR_LABELS, isoDate, levelColor, resourceTypeLabel } from '../../views/postureLabels';

export function governanceText(row: Pick<RecommendationRow, 'owner' | 'dueDate' | 'governance'>): string {
  if (row.governance === 'completed') return GOVERNANCE_LABELS.completed;
  if (!row.owner && row.dueDate === undefined) return GOVERNANCE_LABELS.unassigned;
  const due = row.dueDate === undefined ? 'no due date' : `due ${isoDate(row.dueDate)}`;
  const state = row.governance === 'overdue' ? ' (overdue)' : '';
  return `${row.owner ?? 'No owner'} · ${due}${state}`;
}

const governanceColor = (row: RecommendationRow) => (row.governance === 'overdue' ? 'Attention' : row.governance === 'unassigned' ? 'Warning' : 'Default');

function rowView(row: RecommendationRow, position: number, ref: string, hasRiskData: boolean): RecommendationRowView {
  return {
    position,
    recommendation: row.displayName,
    resourceName: row.resourceName,
    resourceType: resourceTypeLabel(row.resourceType),
    subscription: row.subscriptionName ?? row.subscriptionId ?? 'Unknown subscription',
    riskLevel: hasRiskData ? (row.riskLevel ?? 'No') : '',
    riskColor: levelColor(row.riskLevel),
    riskFactors: !hasRiskData ? 'n/a (needs Defender CSPM)' : row.riskFactors.length > 0 ? row.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ') : 'None',
    severity: row.severity,
    severityColor: levelColor(row.severity),
    attackPaths: hasRiskData ? String(row.attackPathCount) : 'n/a',
    governance: governanceText(row),
    governanceColor: governanceColor(row),
    detailsRef: ref,
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
  const rows = result.items.map((row, i) => rowView(row, first + i, input.detailsRefs[i] ?? '', hasRiskData));
  const noun = result.total === 1 ? 'recommendation matches' : 'recommendations match';
  const remaining = result.total - last;
  const rankingNote = [
    ...(hasRiskData ? [] : ['Ranked by severity: this data has no risk levels or attack paths. Risk prioritization needs Defender CSPM.']),
    ...input.notes,
  ].join(' ');
  return {
    title: result.total === 0 ? 'No matching recommendations' : `${result.total.toLocaleString('en-US')} ${noun}`,
    filterSummary: input.filterSummary,
    range: result.items.length === 0 ? '' : `Rows ${first}–${last} of ${result.total.toLocaleString('en-US')}, ${hasRiskData ? 'riskiest first' : 'most severe first'}`,
    rankingNote,
    emptyText: result.total === 0 ? 'Nothing in the data matches all of these filters. Try removing one.' : result.items.length === 0 ? 'There are no more rows.' : '',
    rows,
    hasMore: remaining > 0,
    moreRef: pageRef(listId, last),
    moreLabel: `Show ${Math.min(input.pageSize, Math.max(remaining, 0))} more`,
  };
}
