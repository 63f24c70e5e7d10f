// Answers above single recommendations: CVEs with their counts, resources ranked with their recommendations, and
// attack paths end to end. Plain TypeScript over the engine's vulnerabilities()/resources()/attackPaths().
import type { AttackPathsParams, ResourcesParams, VulnerabilitiesParams } from '../../actions/contracts/insights';
import type { PostureEngine, PostureFilter } from '../../posture/engine';
import type { ResourceResult, VulnerabilityResult, VulnerabilitySummary } from '../../posture/insights';
import { describeFilter } from './filterSummary';
import { buildAttackPathsView, buildResourcesView, buildVulnerabilitiesView } from './insightViews';
import { toPostureFilter } from './postureFilter';
import type { Ctx } from './analyzeSkill';

/** CVEs read when a question names some: enough to keep every one named among their rows' other CVEs. */
const MAX_NAMED = 500;

export const DEFAULT_TOP = { vulnerabilities: 10, resources: 5, attackPaths: 5 } as const;

export function createInsightsSkill(options: { engine: () => PostureEngine }) {
  const current = options.engine;

  async function vulnerabilities(ctx: Ctx, p: VulnerabilitiesParams): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    const filter: PostureFilter = { statuses: ['Unhealthy'] };
    if (p.cves) filter.cves = p.cves;
    if (p.text) filter.vulnerabilityText = p.text;
    if (p.software) filter.software = p.software;
    if (p.fixAvailable !== undefined) filter.fixAvailable = p.fixAvailable;
    const limit = p.limit ?? DEFAULT_TOP.vulnerabilities;
    const found = engine.vulnerabilities(ctx.viewer, { filter, limit: p.cves || p.text ? MAX_NAMED : limit });
    // The engine counts every CVE on the matching rows; a row naming the asked CVE often names others too.
    const asked = (v: VulnerabilitySummary) =>
      (!p.cves || p.cves.includes(v.cveId)) && (!p.text || `${v.cveId} ${v.title ?? ''}`.toLowerCase().includes(p.text.toLowerCase()));
    const named = p.cves || p.text ? found.items.filter(asked) : found.items;
    const result: VulnerabilityResult = p.cves || p.text ? { total: named.length, offset: 0, items: named.slice(0, limit) } : found;
    // One CVE asked for: which resources it is on is the next question, so answer it on the same card.
    const single = result.items.length === 1 && (p.cves || p.text) ? result.items[0] : undefined;
    const affected: ResourceResult | undefined = single
      ? engine.resources(ctx.viewer, { filter: { ...filter, cves: [single.cveId] }, limit: 10, recommendationsPerResource: 0 })
      : undefined;
    const summary = [
      p.cves && `CVE ${p.cves.join(' or ')}`,
      p.text && `CVE id or title contains "${p.text}"`,
      p.software && `Software contains "${p.software}"`,
      p.fixAvailable === true && 'Fix available',
      p.fixAvailable === false && 'No fix yet',
      'Unhealthy',
    ].filter((s): s is string => typeof s === 'string');
    await ctx.reply({
      kind: 'card',
      card: { template: 'vulnerabilities', model: buildVulnerabilitiesView({ result, filterSummary: summary.join(' · '), ...(affected ? { affected } : {}), hasRiskData }) },
      suggestions: result.total > 0 ? ['Top 5 riskiest resources', 'Show attack paths'] : ['Top CVEs by affected resources', 'Show critical risks'],
    });
  }

  async function resources(ctx: Ctx, p: ResourcesParams): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    const effective = toPostureFilter(p.filter, hasRiskData);
    const limit = p.limit ?? DEFAULT_TOP.resources;
    const result = engine.resources(ctx.viewer, { filter: effective.filter, limit, recommendationsPerResource: limit === 1 ? 10 : 5 });
    const summary = [describeFilter(p.filter, { engine, viewer: ctx.viewer, hasRiskData }), ...effective.notes].join(' ');
    const one = limit === 1 && p.filter.resourceText;
    const title = one ? `What's wrong with ${result.items[0]?.resourceName ?? p.filter.resourceText}` : `Top ${limit} riskiest resources`;
    await ctx.reply({
      kind: 'card',
      card: { template: 'resources', model: buildResourcesView({ result, title, filterSummary: summary, hasRiskData }) },
      recommendationIds: result.items.flatMap((r) => r.recommendations.map((row) => row.assessmentId)),
      suggestions: one ? [`Show the attack path for ${result.items[0]?.resourceName ?? p.filter.resourceText}`, 'Top 5 riskiest resources'] : ['Show attack paths', 'Top CVEs by affected resources'],
    });
  }

  async function attackPaths(ctx: Ctx, p: AttackPathsParams): Promise<void> {
    const engine = current();
    const { hasRiskData } = engine.capabilities(ctx.viewer);
    if (!hasRiskData) {
      await ctx.reply({ kind: 'text', text: 'This data has no attack paths: attack path analysis needs Defender CSPM.', suggestions: ['Top 5 riskiest resources'] });
      return;
    }
    const result = engine.attackPaths(ctx.viewer, { ...(p.resourceText ? { resourceText: p.resourceText } : {}), limit: p.limit ?? DEFAULT_TOP.attackPaths });
    const filterSummary = p.resourceText ? `Through a resource named like "${p.resourceText}"` : 'All attack paths, riskiest first';
    await ctx.reply({
      kind: 'card',
      card: { template: 'attackPaths', model: buildAttackPathsView({ result, filterSummary }) },
      recommendationIds: result.items.flatMap((a) => a.recommendations.map((row) => row.assessmentId)),
      suggestions: ['Top 5 riskiest resources', 'Top CVEs by affected resources'],
    });
  }

  return { vulnerabilities, resources, attackPaths };
}

export type InsightsSkill = ReturnType<typeof createInsightsSkill>;
