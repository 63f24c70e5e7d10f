// Follow-ups on a CVEs, resources or attack paths card (the active insight list): "show more" pages it, "the second
// one" opens that CVE, resource or path, and "only the critical ones" / "just the VMs" narrow the rows behind it.
import { analyzeParamsSchema, type RefineParams } from '../../actions/contracts/analyze';
import { readInsightList, type InsightList } from '../../actions/contracts/insightList';
import { attackPathsParamsSchema, resourcesParamsSchema, vulnerabilitiesParamsSchema } from '../../actions/contracts/insights';
import { AppError } from '../../errors/appError';
import { UNKNOWN_REF_REASON } from '../../actions/contracts/target';
import type { AnalyzeSkill, Ctx } from './analyzeSkill';
import type { InsightPage, InsightsSkill } from './insightsSkill';
import { refineFilter } from './refineFilter';
import { countLabel } from '../../views/postureLabels';

const NOUNS: Record<InsightList['kind'], [string, string]> = { vulnerabilities: ['CVE', 'CVEs'], resources: ['resource', 'resources'], attackPaths: ['attack path', 'attack paths'] };
const LEVEL_FIELDS = ['riskLevels', 'severities', 'findingSeverities'] as const;

export function createInsightFollowUps(insights: InsightsSkill, analyze: Pick<AnalyzeSkill, 'answer'>) {
  /** Runs the list's own action again for a page, or for one item of it. */
  function run(ctx: Ctx, list: InsightList, page: InsightPage, params: Record<string, unknown> = list.params): Promise<void> {
    if (list.kind === 'vulnerabilities') return insights.vulnerabilities(ctx, vulnerabilitiesParamsSchema.parse(params), page);
    if (list.kind === 'resources') return insights.resources(ctx, resourcesParamsSchema.parse(params), page);
    return insights.attackPaths(ctx, attackPathsParamsSchema.parse(params), page);
  }

  async function showMore(ctx: Ctx, list: InsightList): Promise<void> {
    const end = list.limit === undefined ? list.total : Math.min(list.total, list.limit);
    if (list.shown >= end) {
      const [one, many] = NOUNS[list.kind];
      await ctx.reply({ kind: 'text', text: `That was all: the list has ${countLabel(end)} ${end === 1 ? one : many}.` });
      return;
    }
    await run(ctx, list, { offset: list.shown, rows: list.rows });
  }

  /**
   * The page a card's "Show more" button names (its offset into this list), or the next one. A page already shown
   * is said to be above; one past the items shown was never on a card, so only tampered data asks for it.
   */
  async function showPage(ctx: Ctx, list: InsightList, offset: number | undefined): Promise<void> {
    const at = offset ?? list.shown;
    if (at > list.shown) throw new AppError('STALE_ACTION', UNKNOWN_REF_REASON, { details: { kind: list.kind, offset: at, shown: list.shown } });
    if (at < list.shown) {
      const [, many] = NOUNS[list.kind];
      const name = `${many.charAt(0).toUpperCase()}${many.slice(1)}`;
      await ctx.reply({ kind: 'text', text: `${name} ${at + 1}–${Math.min(at + list.pageSize, list.shown)} are already shown above.` });
      return;
    }
    return showMore(ctx, list);
  }

  async function details(ctx: Ctx, list: InsightList, ordinal: number): Promise<void> {
    const [one, many] = NOUNS[list.kind];
    if (ordinal > list.total) throw new AppError('NOT_FOUND', `The current list has ${list.total} ${list.total === 1 ? one : many}, so there is no number ${ordinal}.`);
    const key = list.keys[ordinal - 1];
    if (list.kind === 'attackPaths') return run(ctx, list, { offset: ordinal - 1, rows: list.rows, remember: false }, { ...list.params, limit: 1 });
    if (key === undefined) throw new AppError('NOT_FOUND', `Number ${ordinal} is not shown yet: say "show more" first.`);
    if (list.kind === 'vulnerabilities') return run(ctx, list, { rows: list.rows, remember: false }, { cves: [key] });
    return run(ctx, list, { rows: list.rows, resourceIds: [key], remember: false }, { filter: list.params['filter'] ?? {}, limit: 1 });
  }

  async function refine(ctx: Ctx, list: InsightList, p: RefineParams): Promise<void> {
    const base = list.kind === 'resources' ? { ...(list.params['filter'] as object | undefined), ...list.rows } : list.rows;
    // "how many?", "by subscription": the recommendations behind the card, counted or broken down.
    if (p.view || p.groupBy) {
      const view = p.view ?? 'breakdown';
      return analyze.answer(ctx, { ...analyzeParamsSchema.parse({ filter: refineFilter(base, p), view }), groupBy: p.groupBy, unusedWords: p.unusedWords });
    }
    const params = { ...list.params, ...(p.limit ? { limit: p.limit } : {}) };
    if (list.kind === 'resources') return run(ctx, list, {}, { ...params, filter: refineFilter(base, p) });
    let rows = refineFilter(list.rows, p);
    if (list.kind === 'vulnerabilities') {
      // A level said of CVEs is the severity of the recommendations that carry them.
      const levels = LEVEL_FIELDS.flatMap((f) => rows[f] ?? []);
      for (const f of LEVEL_FIELDS) delete rows[f];
      if (levels.length > 0) rows = { ...rows, severities: [...new Set(levels)] };
      return run(ctx, list, { rows }, params);
    }
    const levels = LEVEL_FIELDS.flatMap((f) => rows[f] ?? []);
    const others = Object.keys(rows).filter((f) => !(LEVEL_FIELDS as readonly string[]).includes(f));
    if (others.length > 0) {
      await ctx.reply({ kind: 'text', text: 'Attack paths can be narrowed by risk level ("only the critical ones") or by a resource ("attack paths through jumpbox").', suggestions: ['Only the critical ones', 'Show attack paths'] });
      return;
    }
    return run(ctx, list, levels.length > 0 ? { rows: { riskLevels: [...new Set(levels)] } } : {}, params);
  }

  return {
    /** The insight list when it is the active one, for the analyze actions to hand follow-ups to. */
    active: (ctx: Ctx) => readInsightList(ctx.conversation),
    showMore,
    showPage,
    details,
    refine,
  };
}

export type InsightFollowUps = ReturnType<typeof createInsightFollowUps>;
