// Answers above single recommendations: CVEs with their counts, resources ranked with their recommendations, and
// attack paths end to end. Plain TypeScript over the engine's vulnerabilities()/resources()/attackPaths().
// Each card is the conversation's active list (contracts/insightList.ts): "show more" pages it, "the second one"
// opens one of its items, and "only the critical ones" narrows the rows behind it (insightFollowUps.ts).
import { retireActiveList } from '../../actions/contracts/activeList';
import type { AnalyzeFilter } from '../../actions/contracts/analyze';
import { INSIGHT_LIST_KEY, MAX_INSIGHT_KEYS, readInsightList, type InsightKind, type InsightList } from '../../actions/contracts/insightList';
import type { AttackPathsParams, ResourcesParams, VulnerabilitiesParams } from '../../actions/contracts/insights';
import type { PostureEngine, PostureFilter } from '../../posture/engine';
import type { AttackPathResult, ResourceResult, VulnerabilityResult, VulnerabilitySummary } from '../../posture/insights';
import type { RiskLevel } from '../../posture/model';
import { describeFilter } from './filterSummary';
import { NO_MORE, buildAttackPathsView, buildResourcesView, buildVulnerabilitiesView } from './insightViews';
import type { MoreButtonView } from '../../views/insightViews';
import { pageRef } from '../../actions/vocabularies';
import { newListId } from './activeList';
import { toPostureFilter } from '../../actions/contracts/postureFilter';
import type { Ctx } from './analyzeSkill';

/** CVEs read when a question names some: enough to keep every one named among their rows' other CVEs. */
const MAX_NAMED = 500;
/** Attack paths read when a follow-up narrows them by risk level (the engine ranks, this filters). */
const MAX_PATHS_FILTERED = 500;

export const DEFAULT_TOP = { vulnerabilities: 10, resources: 5, attackPaths: 5 } as const;

/** Where a card starts, what narrows its rows, and whether it becomes the active list (not for one opened item). */
export interface InsightPage {
  offset?: number;
  rows?: AnalyzeFilter;
  /** One resource by id ("the second one" on a resources card). */
  resourceIds?: string[];
  remember?: boolean;
}

export function createInsightsSkill(options: { engine: () => PostureEngine; now?: () => number }) {
  const current = options.engine;
  const now = options.now ?? Date.now;

  /**
   * Makes this card the active list; a later page adds its keys to the ones shown before and keeps the list's id.
   * Returns the card's "Show more" button, naming the list and the next page (none when the list ends here).
   */
  function remember(ctx: Ctx, kind: InsightKind, params: object, page: InsightPage, pageSize: number, limit: number | undefined, total: number, keys: string[]): MoreButtonView {
    if (page.remember === false) return NO_MORE;
    const offset = page.offset ?? 0;
    const previous = offset > 0 ? readInsightList(ctx.conversation) : undefined;
    const before = (previous?.keys ?? []).slice(0, offset);
    if (offset === 0) retireActiveList(ctx.conversation);
    const listId = previous?.listId ?? newListId();
    const shown = offset + keys.length;
    const list: InsightList = { listId, kind, params: { ...params }, rows: page.rows ?? {}, pageSize, shown, total, keys: [...before, ...keys].slice(0, MAX_INSIGHT_KEYS), createdAt: now(), ...(limit !== undefined ? { limit } : {}) };
    ctx.conversation.set(INSIGHT_LIST_KEY, list);
    const end = limit === undefined ? total : Math.min(total, limit);
    return shown < end ? { hasMore: true, moreRef: pageRef(listId, shown), moreLabel: `Show ${Math.min(pageSize, end - shown)} more` } : NO_MORE;
  }

  const rowsFilter = (rows: AnalyzeFilter | undefined, hasRiskData: boolean): PostureFilter => (rows && Object.keys(rows).length > 0 ? toPostureFilter(rows, hasRiskData).filter : {});

  async function vulnerabilities(ctx: Ctx, p: VulnerabilitiesParams, page: InsightPage = {}): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    const filter: PostureFilter = { ...rowsFilter(page.rows, hasRiskData), statuses: ['Unhealthy'] };
    if (p.cves) filter.cves = p.cves;
    if (p.text) filter.vulnerabilityText = p.text;
    if (p.software) filter.software = p.software;
    if (p.fixAvailable !== undefined) filter.fixAvailable = p.fixAvailable;
    const pageSize = p.limit ?? DEFAULT_TOP.vulnerabilities;
    const offset = page.offset ?? 0;
    const named = p.cves || p.text;
    const found = engine.vulnerabilities(ctx.viewer, named ? { filter, limit: MAX_NAMED } : { filter, offset, limit: pageSize });
    // The engine counts every CVE on the matching rows; a row naming the asked CVE often names others too.
    const asked = (v: VulnerabilitySummary) =>
      (!p.cves || p.cves.includes(v.cveId)) && (!p.text || `${v.cveId} ${v.title ?? ''}`.toLowerCase().includes(p.text.toLowerCase()));
    const matching = named ? found.items.filter(asked) : found.items;
    const result: VulnerabilityResult = named ? { total: matching.length, offset, items: matching.slice(offset, offset + pageSize) } : found;
    // One CVE asked for: which resources it is on is the next question, so answer it on the same card.
    const single = result.items.length === 1 && named ? result.items[0] : undefined;
    const affected: ResourceResult | undefined = single
      ? engine.resources(ctx.viewer, { filter: { ...filter, cves: [single.cveId] }, limit: 10, recommendationsPerResource: 0 })
      : undefined;
    const summary = [
      p.cves && `CVE ${p.cves.join(' or ')}`,
      p.text && `CVE id or title contains "${p.text}"`,
      p.software && `Software contains "${p.software}"`,
      p.fixAvailable === true && 'Fix available',
      p.fixAvailable === false && 'No fix yet',
      page.rows && Object.keys(page.rows).length > 0 && `On recommendations: ${describeFilter(page.rows, { engine, viewer: ctx.viewer, hasRiskData })}`,
      'Unhealthy',
    ].filter((s): s is string => typeof s === 'string');
    const moreButton = remember(ctx, 'vulnerabilities', p, page, pageSize, p.limit, result.total, result.items.map((v) => v.cveId));
    await ctx.reply({
      kind: 'card',
      card: { template: 'vulnerabilities', model: buildVulnerabilitiesView({ result, filterSummary: summary.join(' · '), ...(affected ? { affected } : {}), hasRiskData, more: moreButton }) },
      suggestions: [...(result.total > 0 ? ['Top 5 riskiest resources', 'Show attack paths'] : ['Top CVEs by affected resources', 'Show critical risks'])],
    });
  }

  async function resources(ctx: Ctx, p: ResourcesParams, page: InsightPage = {}): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    const asked: AnalyzeFilter = { ...p.filter, ...page.rows };
    const effective = toPostureFilter(asked, hasRiskData);
    if (page.resourceIds) effective.filter.resourceIds = page.resourceIds;
    const limit = page.resourceIds ? 1 : (p.limit ?? DEFAULT_TOP.resources);
    const offset = page.offset ?? 0;
    const result = engine.resources(ctx.viewer, { filter: effective.filter, offset, limit, recommendationsPerResource: limit === 1 ? 10 : 5 });
    const summary = [describeFilter(asked, { engine, viewer: ctx.viewer, hasRiskData }), ...effective.notes].join(' ');
    const one = limit === 1 && (p.filter.resourceText || page.resourceIds);
    const title = one ? `What's wrong with ${result.items[0]?.resourceName ?? p.filter.resourceText ?? 'this resource'}` : offset > 0 ? 'Riskiest resources' : `Top ${limit} riskiest resources`;
    const remembered = remember(ctx, 'resources', { ...p, filter: p.filter }, page, limit, p.limit, result.total, result.items.map((r) => r.resourceId));
    const moreButton = one ? NO_MORE : remembered;
    const name = result.items[0]?.resourceName ?? p.filter.resourceText;
    await ctx.reply({
      kind: 'card',
      card: { template: 'resources', model: buildResourcesView({ result, title, filterSummary: summary, hasRiskData, more: moreButton }) },
      recommendationIds: result.items.flatMap((r) => r.recommendations.map((row) => row.assessmentId)),
      suggestions: one ? [`Show the attack path for ${name}`, 'Top 5 riskiest resources'] : ['Show attack paths', 'Top CVEs by affected resources'],
    });
  }

  async function attackPaths(ctx: Ctx, p: AttackPathsParams, page: InsightPage = {}): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    if (!hasRiskData) {
      await ctx.reply({ kind: 'text', text: 'This data has no attack paths: attack path analysis needs Defender CSPM.', suggestions: ['Top 5 riskiest resources'] });
      return;
    }
    const pageSize = p.limit ?? DEFAULT_TOP.attackPaths;
    const offset = page.offset ?? 0;
    const levels = page.rows?.riskLevels;
    const through = p.resourceText ? { resourceText: p.resourceText } : {};
    let result: AttackPathResult;
    if (levels) {
      // Narrowed by risk level: the engine ranks every path, the level filter keeps some, then the page is cut.
      const all = engine.attackPaths(ctx.viewer, { ...through, limit: MAX_PATHS_FILTERED }).items.filter((a) => a.riskLevel !== undefined && levels.includes(a.riskLevel as RiskLevel));
      result = { total: all.length, offset, items: all.slice(offset, offset + pageSize) };
    } else result = engine.attackPaths(ctx.viewer, { ...through, offset, limit: pageSize });
    const filterSummary = [p.resourceText ? `Through a resource named like "${p.resourceText}"` : 'All attack paths, riskiest first', levels && `${levels.join(' or ')} risk`].filter(Boolean).join(' · ');
    const moreButton = remember(ctx, 'attackPaths', p, page, pageSize, p.limit, result.total, result.items.map((a) => a.id));
    await ctx.reply({
      kind: 'card',
      card: { template: 'attackPaths', model: buildAttackPathsView({ result, filterSummary, more: moreButton }) },
      recommendationIds: result.items.flatMap((a) => a.recommendations.map((row) => row.assessmentId)),
      suggestions: ['Top 5 riskiest resources', 'Top CVEs by affected resources'],
    });
  }

  return { vulnerabilities, resources, attackPaths };
}

export type InsightsSkill = ReturnType<typeof createInsightsSkill>;
