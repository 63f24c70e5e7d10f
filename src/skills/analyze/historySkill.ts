// Answers about time and the executive summary: what changed between a past load and the data now (told apart as
// new, fixed, exempted, deleted, newly assessed) with the dates compared, and one card with the posture in
// numbers, the top risks with their owners, overdue work and what changed.
import { CHANGE_KINDS, type ChangeKind, type ChangesParams, type ExecutiveSummaryParams } from '../../actions/contracts/history';
import type { Since } from '../../actions/contracts/time';
import type { PostureEngine, RecommendationRow } from '../../posture/engine';
import { formatLocalDate, localDateOf, localDateTimeOf, safeTimeZone, sinceStart } from '../../posture/history/calendar';
import type { Comparison } from '../../posture/history/historyService';
import type { HistoryReader } from '../../posture/history/openHistory';
import type { Viewer } from '../../posture/viewer';
import type { ChangeLineView, ChangeSectionView, ExecutiveSummaryView } from '../../views/historyViews';
import { NO_OWNER, clipText, countLabel, displayDate, localDateText, localTimeText, shortWords } from '../../views/postureLabels';
import type { Ctx } from './analyzeSkill';
import { toPostureFilter } from '../../actions/contracts/postureFilter';
import { idInScope } from '../../access/idScope';

const HEADINGS: Readonly<Record<ChangeKind, string>> = {
  new: 'Newly open',
  fixed: 'Fixed',
  exempted: 'Exempted or not applicable',
  deleted: 'Deleted (no longer in the data)',
  newlyAssessed: 'Newly assessed',
};
/** The kinds as the summary line counts them ("17 newly open · 14 fixed"): two start with "newly". */
const COUNTED: Readonly<Record<ChangeKind, string>> = { new: 'newly open', fixed: 'fixed', exempted: 'exempted', deleted: 'deleted', newlyAssessed: 'newly assessed' };
/** Rows per kind when several kinds share the card (each section's button shows the rest); one kind alone: more. */
const DEFAULT_PER_KIND = 3;
const ONE_KIND_ROWS = 20;
/** Top risks and overdue lines on the executive summary; its buttons open the whole lists. */
const SUMMARY_TOP = 3;
const SUMMARY_OVERDUE = 2;
/** Characters of one line at the Playground's card width. */
const LINE_CHARS = 60;
/** Rows read to match a filter against the changed rows. */
const MAX_FILTER_ROWS = 200_000;
const DEFAULT_SUMMARY_SINCE: Since = { daysAgo: 7 };

export interface HistorySkillOptions {
  engine: () => PostureEngine;
  history?: HistoryReader | undefined;
  now?: () => number;
}

/** "30 Nov 2026 06:00" in the zone, with the zone named when it is not UTC. */
export function formatInstant(ms: number, zone: string): string {
  // From the calendar's kept formatter for the zone; a zone Intl does not know throws, as before.
  const local = localDateTimeOf(ms, zone);
  return `${localDateText(local)} ${localTimeText(local)}${zone === 'UTC' ? ' UTC' : ` (${zone})`}`;
}

export function comparedText(c: Comparison, zone: string): string {
  const earliest = c.startsLater ? ` History starts on ${localDateText(localDateOf(c.from, zone))}, so that is the earliest load compared.` : '';
  return `Compared the load of ${formatInstant(c.from, zone)} with the data now (${formatInstant(c.to, zone)}).${earliest}`;
}

function rowLine(row: RecommendationRow, hasRiskData: boolean): ChangeLineView {
  const level = hasRiskData && row.riskLevel ? `${row.riskLevel} risk` : `${row.severity} severity`;
  const owner = row.owner ? `owner ${shortWords(row.owner, 28)}` : NO_OWNER;
  const due = row.dueDate !== undefined ? `due ${displayDate(row.dueDate)}` : '';
  const resource = ` · ${shortWords(row.resourceName, 24)}`;
  return { text: `${clipText(row.displayName, LINE_CHARS - [...resource].length)}${resource}`, facts: [level, owner, due].filter(Boolean).join(' · ') };
}

/** History keeps only a hash and a name of a deleted row, not where it was: a scoped viewer is not told about them. */
export const DELETED_UNSCOPED_NOTE = 'Deleted rows are left out: history keeps no subscription for them, so I cannot tell whether your access covers them.';

/** How many changed rows the viewer may see: read from each row's id (its subscription and resource group). */
function visibleCount(viewer: Viewer, c: Comparison, hashes: readonly string[]): number {
  if (!viewer.scope) return hashes.length;
  let count = 0;
  for (const hash of hashes) {
    const id = c.ids.get(hash);
    if (id && idInScope(viewer.scope, id)) count += 1;
  }
  return count;
}

export function createHistorySkill(options: HistorySkillOptions) {
  const now = options.now ?? Date.now;

  async function compare(ctx: Ctx, since: Since): Promise<{ comparison?: Comparison; zone: string; sinceDate: string; sinceIso: string }> {
    const zone = safeTimeZone(ctx.viewer.timeZone);
    const start = sinceStart(since, now(), zone);
    const dates = { zone, sinceDate: localDateText(start.date), sinceIso: formatLocalDate(start.date) };
    if (!options.history) return dates;
    const comparison = await options.history.compare(options.engine(), start.at);
    return { ...(comparison ? { comparison } : {}), ...dates };
  }

  /** The changed rows still in the data, as rows (filtered when asked), riskiest first. */
  function rowsOf(engine: PostureEngine, viewer: Viewer, c: Comparison, hashes: string[], filterIds: Set<string> | undefined): RecommendationRow[] {
    const rows: RecommendationRow[] = [];
    for (const hash of hashes) {
      const id = c.ids.get(hash);
      if (!id || (filterIds && !filterIds.has(id))) continue;
      const details = engine.details(viewer, id);
      if (details) rows.push(details);
    }
    const rank = (r: RecommendationRow) => ['Critical', 'High', 'Medium', 'Low'].indexOf(r.riskLevel ?? r.severity);
    return rows.sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
  }

  async function changes(ctx: Ctx, p: ChangesParams): Promise<void> {
    const engine = options.engine();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    const { comparison: c, zone, sinceDate, sinceIso } = await compare(ctx, p.since);
    if (!c) {
      await ctx.reply({ kind: 'text', text: 'No history is recorded yet: I keep one entry per data load, so ask again after the next load.' });
      return;
    }
    const kinds = p.kinds ?? [...CHANGE_KINDS];
    let filterIds: Set<string> | undefined;
    if (p.filter && Object.keys(p.filter).length > 0) {
      const { statuses: _s, ...filter } = toPostureFilter(p.filter, hasRiskData, { now: now(), timeZone: ctx.viewer.timeZone }).filter;
      filterIds = new Set(engine.search(ctx.viewer, { filter, sort: 'severity', offset: 0, limit: MAX_FILTER_ROWS }).items.map((r) => r.assessmentId));
    }
    const several = kinds.length > 1;
    const perKind = p.limit ?? (several ? DEFAULT_PER_KIND : ONE_KIND_ROWS);
    /** The rest of a cut section: a button for that kind alone when several share the card, else words. */
    const rest = (kind: ChangeKind, count: number) =>
      count <= perKind
        ? { more: '', moreLabel: '', moreKind: '', moreSince: '' }
        : several
          ? { more: '', moreLabel: `Show all ${countLabel(count)} ${COUNTED[kind]}`, moreKind: kind, moreSince: sinceIso }
          : { more: `and ${countLabel(count - perKind)} more`, moreLabel: '', moreKind: '', moreSince: '' };
    const sections: ChangeSectionView[] = [];
    const counts: string[] = [];
    const notes: string[] = filterIds ? ['Only rows that match the filter now are counted.'] : [];
    for (const kind of kinds) {
      if (kind === 'deleted') {
        // Deleted rows are not in the data any more: a filter cannot be checked against them, nor a scope.
        if (filterIds && !p.kinds?.includes('deleted')) continue;
        if (ctx.viewer.scope) {
          notes.push(DELETED_UNSCOPED_NOTE);
          continue;
        }
        const gone = c.changes.deleted;
        counts.push(`${gone.length} deleted`);
        if (gone.length === 0) continue;
        sections.push({
          heading: `${HEADINGS.deleted}: ${gone.length}`,
          lines: gone.slice(0, perKind).map((h) => ({ text: clipText(c.labels.get(h) ?? 'An assessment whose name was not recorded', LINE_CHARS), facts: '' })),
          ...rest('deleted', gone.length),
        });
        continue;
      }
      const rows = rowsOf(engine, ctx.viewer, c, c.changes[kind], filterIds);
      counts.push(`${rows.length} ${COUNTED[kind]}`);
      if (rows.length === 0) continue;
      sections.push({ heading: `${HEADINGS[kind]}: ${rows.length}`, lines: rows.slice(0, perKind).map((r) => rowLine(r, hasRiskData)), ...rest(kind, rows.length) });
    }
    const title = `What changed since ${sinceDate}`;
    await ctx.reply({
      kind: 'card',
      card: {
        template: 'changes',
        model: {
          title,
          compared: comparedText(c, zone),
          summary: sections.length === 0 ? 'Nothing of this kind changed between these dates.' : counts.join(' · '),
          note: notes.join(' '),
          sections,
        },
      },
      suggestions: ['What got fixed this month?', 'Give me an executive summary', 'What is due this week?'],
    });
  }

  async function executiveSummary(ctx: Ctx, p: ExecutiveSummaryParams): Promise<void> {
    const engine = options.engine();
    const { viewer } = ctx;
    const caps = engine.capabilities(viewer);
    const zone = safeTimeZone(viewer.timeZone);
    const open = { statuses: ['Unhealthy' as const] };
    const total = engine.count(viewer, open);
    const facts = [{ title: 'Open recommendations', value: countLabel(total) }];
    const byLevel = engine.group(viewer, open, caps.hasRiskData ? 'riskLevel' : 'severity').groups;
    const levelCount = (key: string) => byLevel.find((g) => g.key === key)?.count ?? 0;
    facts.push({ title: caps.hasRiskData ? 'Critical / high risk' : 'Critical / high severity', value: `${countLabel(levelCount('Critical'))} / ${countLabel(levelCount('High'))}` });
    const score = engine.secureScore(viewer);
    if (score) facts.push({ title: 'Secure score', value: `${Math.round(score.percentage * 100)}%` });
    const overdueCount = engine.count(viewer, { ...open, governance: ['overdue'] });
    const unassigned = engine.count(viewer, { ...open, governance: ['unassigned'] });
    facts.push({ title: 'Overdue', value: countLabel(overdueCount) }, { title: NO_OWNER, value: countLabel(unassigned) });
    if (caps.hasRiskData && caps.hasAttackPaths) facts.push({ title: 'Attack paths', value: countLabel(engine.attackPaths(viewer, { limit: 1 }).total) });

    const limit = p.limit ?? SUMMARY_TOP;
    const top = engine.search(viewer, { filter: open, sort: 'risk', offset: 0, limit }).items;
    const overdueByOwner = engine.group(viewer, { ...open, governance: ['overdue'] }, 'owner').groups.slice(0, SUMMARY_OVERDUE);
    const oldest = engine.search(viewer, { filter: { ...open, governance: ['overdue'] }, sort: 'dueDate', offset: 0, limit: SUMMARY_OVERDUE }).items;
    const overdue: ChangeLineView[] = [
      ...overdueByOwner.map((g) => ({ text: `${g.label}: ${countLabel(g.count)} overdue`, facts: '' })),
      ...oldest.map((r) => ({ text: `Oldest: ${clipText(r.displayName, LINE_CHARS - 32)} · ${shortWords(r.resourceName, 24)}`, facts: `due ${r.dueDate !== undefined ? displayDate(r.dueDate) : 'n/a'} · ${r.owner ?? NO_OWNER}` })),
    ];

    const since = p.since ?? DEFAULT_SUMMARY_SINCE;
    const { comparison: c } = await compare(ctx, since);
    // Counted within the viewer's scope; deleted rows cannot be placed, so a scoped viewer gets no count of them.
    const changed = c
      ? CHANGE_KINDS.filter((kind) => kind !== 'deleted' || !viewer.scope)
          .map((kind) => `${countLabel(kind === 'deleted' ? c.changes.deleted.length : visibleCount(viewer, c, c.changes[kind]))} ${COUNTED[kind]}`)
          .join(' · ')
      : '';
    const model: ExecutiveSummaryView = {
      title: 'Executive summary',
      asOf: `Posture as of ${formatInstant(now(), zone)}`,
      facts,
      topRisksHeading: `Top ${top.length} risks and their owners`,
      topRisks: top.map((r) => rowLine(r, caps.hasRiskData)),
      overdueHeading: overdueCount > 0 ? `Overdue work: ${countLabel(overdueCount)}` : 'Overdue work: none',
      overdue,
      hasOverdue: overdueCount > 0,
      changedHeading: 'What changed',
      changedCompared: c ? comparedText(c, zone) : 'No history is recorded yet, so nothing to compare with.',
      changed,
      note: caps.hasRiskData ? '' : 'Ranked by severity: this data has no risk levels (Defender CSPM).',
    };
    await ctx.reply({
      kind: 'card',
      card: { template: 'executiveSummary', model },
      recommendationIds: top.map((r) => r.assessmentId),
      suggestions: ['What changed since last week?', 'What is overdue?', 'Top 5 riskiest resources'],
    });
  }

  return { changes, executiveSummary };
}
