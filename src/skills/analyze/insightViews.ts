// Builds the view models of the vulnerabilities, resources and attack paths cards from the engine's answers.
import type { RecommendationRow } from '../../posture/engine';
import type { AttackPathAnswer, AttackPathResult, ResourceResult, ResourceSummary, VulnerabilityResult, VulnerabilitySummary } from '../../posture/insights';
import type { AttackPathCardView, AttackPathsView, InsightLineView, MoreButtonView, ResourceCardView, ResourcesView, VulnerabilitiesView } from '../../views/insightViews';
import { withoutLinks } from '../../views/portalLinks';
import { NO_OWNER, RISK_FACTOR_LABELS, clipText, countLabel, levelColor, resourceTypeLabel, riskText, shortWords } from '../../views/postureLabels';

const dot = (parts: Array<string | undefined | false>) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
const plural = (n: number, one: string, many = `${one}s`) => `${countLabel(n)} ${n === 1 ? one : many}`;
/** "Top 5 of 40 resources"; a later page says which ones it shows ("Resources 6–10 of 40"). */
const range = (shown: number, total: number, noun: string, nouns: string, offset = 0) =>
  total === 0
    ? ''
    : offset > 0
      ? `${nouns.charAt(0).toUpperCase()}${nouns.slice(1)} ${offset + 1}–${offset + shown} of ${countLabel(total)}`
      : shown >= total
        ? `${plural(total, noun, nouns)}`
        : `Top ${shown} of ${plural(total, noun, nouns)}`;

/** No "Show more" button: the last page, one item opened, or a list that ended at its "top N". */
export const NO_MORE: MoreButtonView = { hasMore: false, moreRef: '', moreLabel: '' };

/** A later page's title says which items it holds ("Resources 6–10 of 40"): the reply to a button says what it answers. */
function heading(title: string, shown: number, total: number, noun: string, nouns: string, offset: number): { title: string; range: string } {
  const said = range(shown, total, noun, nouns, offset);
  return offset > 0 && shown > 0 ? { title: said, range: '' } : { title, range: said };
}

/** Characters of one small line, and of one bold line, at the Playground's card width (446 px). */
const LINE_CHARS = 68;
const BOLD_LINE_CHARS = 50;

function vulnerabilityLine(v: VulnerabilitySummary, position: number): InsightLineView {
  return {
    text: `${position}. ${v.cveId}${v.title ? ` — ${withoutLinks(v.title)}` : ''}`,
    facts: dot([
      plural(v.resourceCount, 'resource'),
      plural(v.recommendationCount, 'recommendation'),
      v.severity && `${v.severity} severity`,
      v.score !== undefined && `CVSS ${v.score}`,
      v.fixAvailable ? 'fix available' : 'no fix known',
      v.software.length > 0 && v.software.join(', '),
    ]),
    color: levelColor(v.severity),
  };
}

/** One recommendation under a resource or a path: its name, then risk, severity, CVEs and fix. */
export function recommendationLine(row: RecommendationRow, position: number, hasRiskData: boolean, withResource = false, compact = false): InsightLineView {
  const cves = row.cves ?? [];
  if (compact) {
    // One line under each of several resources or paths: the name, then its level; the rest is one click away.
    // Under a path, which resource it is on matters more than its level (they are ranked riskiest first).
    const tail = withResource ? ` on ${shortWords(row.resourceName, 24)}` : ` · ${hasRiskData && row.riskLevel ? `${row.riskLevel} risk` : `${row.severity} severity`}`;
    return { text: `${position}. ${clipText(withoutLinks(row.displayName), LINE_CHARS - tail.length - 4)}${tail}`, facts: '', color: 'Default' };
  }
  return {
    text: `${position}. ${withoutLinks(row.displayName)}`,
    facts: dot([
      withResource && row.resourceName,
      hasRiskData && row.riskLevel && `${row.riskLevel} risk`,
      `${row.severity} severity`,
      hasRiskData && row.attackPathCount > 0 && plural(row.attackPathCount, 'attack path'),
      cves.length > 0 && `${cves.slice(0, 3).join(', ')}${cves.length > 3 ? ` +${cves.length - 3}` : ''}`,
      row.fixedVersion ? `fixed in ${row.fixedVersion}` : row.fixAvailable === true ? 'fix available' : row.fixAvailable === false ? 'no fix yet' : undefined,
      row.owner && `owner ${row.owner}`,
    ]),
    // Lines under a resource or a path read as a list: the name in the default colour, the urgency in its facts.
    color: 'Default',
  };
}

export function buildVulnerabilitiesView(input: { result: VulnerabilityResult; filterSummary: string; affected?: ResourceResult; hasRiskData: boolean; more?: MoreButtonView }): VulnerabilitiesView {
  const { result, affected } = input;
  return {
    ...heading('Vulnerabilities (CVEs) by affected resources', result.items.length, result.total, 'CVE', 'CVEs', result.offset),
    ...(input.more ?? NO_MORE),
    filterSummary: input.filterSummary,
    emptyText: result.total === 0 ? 'No open recommendation names a CVE that matches.' : '',
    rows: result.items.map((v, i) => vulnerabilityLine(v, result.offset + i + 1)),
    affectedTitle: affected && affected.items.length > 0 ? `Most affected resources (${range(affected.items.length, affected.total, 'resource', 'resources')})` : '',
    affected: (affected?.items ?? []).map((r, i) => ({
      text: `${i + 1}. ${shortWords(r.resourceName)}`,
      facts: dot([resourceTypeLabel(r.resourceType), r.subscriptionName ?? r.subscriptionId, input.hasRiskData && r.riskLevel && `${r.riskLevel} risk`, `${r.highestSeverity} severity`, plural(r.cveCount, 'CVE')]),
      color: 'Default',
    })),
  };
}

/** Recommendations listed under each resource or path when a card holds several of them; one alone lists all it has. */
const MAX_LINES_EACH_OF_SEVERAL = 2;

function resourceCard(r: ResourceSummary, position: number, hasRiskData: boolean, limit: number): ResourceCardView {
  const lines = r.recommendations.slice(0, limit);
  const shown = lines.length;
  const compact = limit === MAX_LINES_EACH_OF_SEVERAL;
  return {
    heading: `${position}. ${shortWords(r.resourceName)}`,
    headline: dot([
      hasRiskData && riskText(r.riskLevel),
      `${r.highestSeverity} severity`,
      hasRiskData && r.attackPathCount > 0 && plural(r.attackPathCount, 'attack path'),
      r.cveCount > 0 && plural(r.cveCount, 'CVE'),
    ]),
    headlineColor: levelColor(hasRiskData ? (r.riskLevel ?? r.highestSeverity) : r.highestSeverity),
    facts: compact
      ? // One line: owner before the subscription, which is what the line loses when it is cut.
        clipText(dot([resourceTypeLabel(r.resourceType), r.owners.length > 0 ? `owner ${shortWords(r.owners[0] ?? '', 28)}${r.owners.length > 1 ? ` +${r.owners.length - 1}` : ''}` : NO_OWNER, r.resourceGroup, r.subscriptionName ?? r.subscriptionId]), LINE_CHARS)
      : dot([resourceTypeLabel(r.resourceType), r.subscriptionName ?? r.subscriptionId, r.resourceGroup, r.owners.length > 0 ? `owners: ${r.owners.join(', ')}` : NO_OWNER]),
    recommendationsTitle: `${plural(r.count, 'open recommendation')}, riskiest first${shown < r.count ? ` (showing ${shown})` : ''}`,
    recommendations: lines.map((row, i) => recommendationLine(row, i + 1, hasRiskData, false, compact)),
  };
}

export function buildResourcesView(input: { result: ResourceResult; title: string; filterSummary: string; hasRiskData: boolean; more?: MoreButtonView }): ResourcesView {
  const { result } = input;
  return {
    ...heading(input.title, result.items.length, result.total, 'resource', 'resources', result.offset),
    ...(input.more ?? NO_MORE),
    filterSummary: input.filterSummary,
    emptyText: result.total === 0 ? 'No resource with an open recommendation matches.' : '',
    rankingNote: input.hasRiskData ? '' : 'Ranked by severity: this data has no risk levels or attack paths (needs Defender CSPM).',
    resources: result.items.map((r, i) => resourceCard(r, result.offset + i + 1, input.hasRiskData, result.items.length > 1 ? MAX_LINES_EACH_OF_SEVERAL : Number.MAX_SAFE_INTEGER)),
  };
}

/** Recommendations listed under one path; the rest are counted. */
const MAX_PATH_RECOMMENDATIONS = 8;


/** "jumpbox → Has permission to → vm-db → Can authenticate as → db": every step, each node said once. */
function routeText(p: AttackPathAnswer): string {
  return p.steps.reduce((text, s) => `${text} → ${s.label ? `${s.label} → ` : ''}${shortWords(s.to.name, 28)}`, shortWords(p.steps[0]?.from.name ?? '', 28));
}

/** One path of several: its route on one line, two recommendations; one path alone shows its steps and more. */
function pathCard(p: AttackPathAnswer, position: number, alone: boolean): AttackPathCardView {
  const max = alone ? MAX_PATH_RECOMMENDATIONS : MAX_LINES_EACH_OF_SEVERAL;
  const entry = p.entryPoint?.name ?? 'Not given in the data';
  const target = p.target?.name ?? 'Not given in the data';
  return {
    heading: `${position}. ${alone ? withoutLinks(p.displayName) : clipText(withoutLinks(p.displayName), BOLD_LINE_CHARS)}`,
    headline: dot([riskText(p.riskLevel) || 'Risk not rated', !alone && p.steps.length > 0 && plural(p.steps.length, 'step')]),
    headlineColor: levelColor(p.riskLevel),
    description: alone ? withoutLinks(p.description ?? '') : '',
    entryPoint: alone ? entry : shortWords(entry, 28),
    target: alone ? target : shortWords(target, 28),
    steps: !alone ? [] : p.steps.map((s, i) => ({ text: `${i + 1}. ${s.from.name} → ${s.label ? `${s.label} → ` : ''}${s.to.name}` })),
    route: alone || p.steps.length === 0 ? '' : clipText(routeText(p), LINE_CHARS * 2),
    riskFactors: p.riskFactors.length > 0 ? p.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ') : 'None listed',
    recommendationsTitle:
      p.recommendations.length > 0
        ? `Fix any of these to break the path (${p.recommendations.length}${p.recommendations.length > max ? `, showing the ${max} riskiest` : ''})`
        : 'No open recommendation on this path is visible to you',
    recommendations: p.recommendations.slice(0, max).map((row, i) => recommendationLine(row, i + 1, true, true, !alone)),
  };
}

export function buildAttackPathsView(input: { result: AttackPathResult; filterSummary: string; more?: MoreButtonView }): AttackPathsView {
  const { result } = input;
  return {
    ...heading('Attack paths', result.items.length, result.total, 'attack path', 'attack paths', result.offset),
    ...(input.more ?? NO_MORE),
    filterSummary: input.filterSummary,
    emptyText: result.total === 0 ? 'No attack path matches.' : '',
    paths: result.items.map((p, i) => pathCard(p, result.offset + i + 1, result.items.length === 1)),
  };
}
