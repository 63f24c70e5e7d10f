// Builds the recommendations card's view model from one page of engine results.
import type { RecommendationRow, SearchResult } from '../../posture/engine';
import type { RecommendationRowView, RecommendationsView } from '../../views/recommendationsView';
import { pageRef } from '../../actions/vocabularies';
import { GOVERNANCE_LABELS, RISK_FACTOR_LABELS, displayDate, levelColor, ownerText, resourceTypeLabel, shortWords, clipText } from '../../views/postureLabels';

/** "alice@contoso.com · due 10 Dec 2026 (overdue)"; "Unassigned" when nobody owns it and no date is set. */
export function governanceText(row: Pick<RecommendationRow, 'owner' | 'dueDate' | 'governance'>): string {
  if (row.governance === 'completed') return GOVERNANCE_LABELS.completed;
  const due = row.dueDate === undefined ? '' : ` · due\u00a0${displayDate(row.dueDate)}${row.governance === 'overdue' ? ' (overdue)' : ''}`;
  return `${ownerText(row.owner)}${due}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subscription by name; by the start of its id when the data has no name (the details card has it whole). */
export const subscriptionText = (name: string | undefined, id: string | undefined): string =>
  name ? shortWords(name) : id ? (GUID.test(id) ? `Subscription ${id.slice(0, 8)}…` : shortWords(id)) : 'Unknown subscription';

/** "1 attack path" that stays on one line. */
const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`.replace(/ /g, '\u00a0');

// Characters that fit one line of a list row at the Playground's width (446 px): bold title, small resource line.
const TITLE_CHARS = 56;
const RESOURCE_LINE_CHARS = 64;

function rowView(row: RecommendationRow, position: number, ref: string, hasRiskData: boolean): RecommendationRowView {
  const resourceName = shortWords(row.resourceName);
  const resourceType = resourceTypeLabel(row.resourceType);
  const subscription = subscriptionText(row.subscriptionName, row.subscriptionId);
  const resourceNameLine = clipText(resourceName, RESOURCE_LINE_CHARS / 2);
  const recommendation = shortWords(row.displayName, 40);
  return {
    position,
    recommendation,
    resourceName,
    resourceType,
    subscription,
    recommendationLine: clipText(recommendation, TITLE_CHARS - String(position).length - 2),
    resourceNameLine,
    placeLine: clipText(` · ${resourceType} · ${subscription}`, Math.max(16, RESOURCE_LINE_CHARS - [...resourceNameLine].length)),
    // Only what is there: no "No risk" on a row Defender did not rate, no "Attack paths: 0", no "Risk factors: None".
    riskLevel: hasRiskData ? (row.riskLevel ?? '') : '',
    riskColor: levelColor(row.riskLevel),
    riskFactors: hasRiskData ? row.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ') : '',
    severity: row.severity,
    severityColor: levelColor(row.severity),
    attackPaths: hasRiskData && row.attackPathCount > 0 ? plural(row.attackPathCount, 'attack path') : '',
    governance: governanceText(row),
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
  const rows = result.items.map((row, i) => rowView(row, first + i, input.detailsRefs[i] ?? '', hasRiskData));
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
          ? `Rows ${first}–${last} of the ${result.total.toLocaleString('en-US')} matching recommendations`
          : `${result.total.toLocaleString('en-US')} ${noun}`,
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
