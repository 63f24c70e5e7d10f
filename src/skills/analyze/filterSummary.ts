// Says the applied filters plainly: "Critical risk · Internet exposure · Unhealthy".
import type { PostureEngine } from '../../posture/engine';
import type { Viewer } from '../../posture/viewer';
import { CATEGORY_LABELS, CLOUD_LABELS, GOVERNANCE_LABELS, RISK_FACTOR_LABELS, localDateText, pluralLabel, resourceTypeLabel } from '../../views/postureLabels';
import type { AnalyzeFilter } from '../../actions/contracts/analyze';
import { severitiesForRiskLevels, type AskedAt } from '../../actions/contracts/postureFilter';
import { dueDates, safeTimeZone } from '../../posture/history/calendar';
import type { DueRange } from '../../actions/contracts/time';

const PERIOD_WORDS: Readonly<Record<string, string>> = {
  today: 'today', yesterday: 'yesterday', tomorrow: 'tomorrow', thisWeek: 'this week', lastWeek: 'last week', nextWeek: 'next week',
  thisMonth: 'this month', lastMonth: 'last month', nextMonth: 'next month',
};

/** "Due this week (30 Nov 2026 to 6 Dec 2026)": the words and the dates they were read as. */
export function describeDue(due: DueRange, asked: AskedAt = { now: Date.now() }): string {
  const zone = safeTimeZone(asked.timeZone);
  const { first, last } = dueDates(due, asked.now, zone);
  const dates = first && last ? (localDateText(first) === localDateText(last) ? localDateText(first) : `${localDateText(first)} to ${localDateText(last)}`) : first ? `from ${localDateText(first)}` : last ? `up to ${localDateText(last)}` : '';
  const words =
    'period' in due ? `Due ${PERIOD_WORDS[due.period] ?? due.period}` : 'nextDays' in due ? `Due in the next ${due.nextDays} days` : 'overdueMoreThanDays' in due ? `Overdue by more than ${due.overdueMoreThanDays} days` : 'Due';
  const zoneNote = zone === 'UTC' ? '' : `, ${zone}`;
  return `${words} (${dates}${zoneNote})`;
}

const or = (values: readonly string[]) => (values.length <= 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);

/** Subscription ids are shown by display name when the data has one. */
function subscriptionLabel(engine: PostureEngine | undefined, viewer: Viewer, value: string): string {
  if (!engine || !/^[0-9a-f-]{36}$/i.test(value)) return value;
  const hit = engine.group(viewer, { subscriptions: [value] }, 'subscription').groups[0];
  return hit?.label ?? value;
}

export function describeFilter(filter: AnalyzeFilter, options: { engine?: PostureEngine; viewer: Viewer; hasRiskData: boolean; asked?: AskedAt }): string {
  const parts: string[] = [];
  if (filter.riskLevels) parts.push(options.hasRiskData ? `${or(filter.riskLevels)} risk` : `${or(severitiesForRiskLevels(filter.riskLevels))} severity`);
  for (const factor of filter.riskFactors ?? []) parts.push(RISK_FACTOR_LABELS[factor]);
  if (filter.hasAttackPaths) parts.push('On an attack path');
  if (filter.severities) parts.push(`${or(filter.severities)} severity`);
  if (filter.findingSeverities) parts.push(`${or(filter.findingSeverities)} severity vulnerabilities`);
  if (filter.categories) parts.push(or(filter.categories.map((c) => CATEGORY_LABELS[c])));
  if (filter.clouds) parts.push(or(filter.clouds.map((c) => CLOUD_LABELS[c])));
  if (filter.resourceTypes) parts.push(or(filter.resourceTypes.map((t) => pluralLabel(resourceTypeLabel(t)))));
  if (filter.subscriptions) parts.push(`Subscription ${or(filter.subscriptions.map((s) => subscriptionLabel(options.engine, options.viewer, s)))}`);
  if (filter.resourceGroups) parts.push(`Resource group ${or(filter.resourceGroups)}`);
  if (filter.owners) parts.push(`Owner ${or(filter.owners)}`);
  if (filter.governance) parts.push(or(filter.governance.map((g) => GOVERNANCE_LABELS[g])));
  if (filter.due) parts.push(describeDue(filter.due, options.asked ?? { now: Date.now(), timeZone: options.viewer.timeZone }));
  if (filter.recommendationText) parts.push(`Recommendation contains "${filter.recommendationText}"`);
  if (filter.resourceText) parts.push(`Resource name contains "${filter.resourceText}"`);
  for (const tag of filter.tags ?? []) parts.push(tag.key ? `${tag.key} = ${tag.value}` : `Tagged ${tag.value}`);
  parts.push(or(filter.statuses ?? ['Unhealthy']).replace('NotApplicable', 'Not applicable'));
  return parts.join(' · ');
}
