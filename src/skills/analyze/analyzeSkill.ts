// The analyze skill: answers analyze/refine/showMore/details/secureScore/outOfScope actions from the posture engine,
// and keeps the conversation's active list so follow-ups act on it. Plain TypeScript: no Teams, no cards.
import type { ActionContext } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { GroupBy, PostureEngine, PostureFilter, RecommendationRow, SortOrder } from '../../posture/engine';
import type { Reply } from '../../views/reply';
import { ACTIVE_LIST_KEY, activateList, findList, retireActiveList, MAX_REMEMBERED_ROWS, parseActiveList, shownRows, type ActiveList } from '../../actions/contracts/activeList';
import { rememberShown } from '../../actions/contracts/shownRefs';
import { GONE_REASON, resolveCardRef, UNKNOWN_REF_REASON } from '../../actions/contracts/target';
import { isListRow, listRowId, listRowPosition, rowsById } from '../../actions/contracts/listRows';
import { newListId } from './activeList';
import { buildBreakdownView } from './breakdownView';
import { buildDetailsView } from './detailsView';
import { describeFilter } from './filterSummary';
import { buildRecommendationsView } from './listView';
import type { AnalyzeFilter, RefineParams } from '../../actions/contracts/analyze';
import { toPostureFilter, type AskedAt } from '../../actions/contracts/postureFilter';
import { relaxations } from './relaxedReading';
import { refineFilter } from './refineFilter';
import { countText } from './countText';
import { countLabel } from '../../views/postureLabels';
import { buildSecureScoreView, NO_SECURE_SCORE } from './secureScoreView';
import { countSuggestions, listSuggestions, SUGGESTION_GROUP_BY } from './suggestions';

export type Ctx = ActionContext<Reply>;

export interface AnalyzeSkillOptions {
  /** The posture holder's current(), read once per answer so a change made in chat shows in the next one; or fixed data. */
  engine: PostureEngine | (() => PostureEngine);
  /** Rows per page of the recommendations card. */
  pageSize?: number;
  now?: () => number;
}

type View = ActiveList['view'];

interface Question {
  filter: AnalyzeFilter;
  view: View;
  groupBy?: GroupBy | undefined;
  sort?: SortOrder | undefined;
  /** "top 5": show only that many rows. */
  limit?: number | undefined;
  /** Words the planner could not place: said, never searched for. */
  unusedWords?: readonly string[] | undefined;
}

/** 'assign this to priya' → Not used: "assign", "priya". */
export function unusedNote(words: readonly string[] | undefined): string[] {
  if (!words || words.length === 0) return [];
  return [`Not used in this search: ${words.map((w) => `"${w}"`).join(', ')} (no filter or name in the data matches ${words.length === 1 ? 'it' : 'them'}).`];
}

export function createAnalyzeSkill(options: AnalyzeSkillOptions) {
  const { engine: source } = options;
  const current = typeof source === 'function' ? source : () => source;
  const pageSize = options.pageSize ?? 10;
  const now = options.now ?? Date.now;

  const activeList = (ctx: Ctx) => parseActiveList(ctx.conversation.get(ACTIVE_LIST_KEY));

  const askedAt = (ctx: Ctx): AskedAt => ({ now: now(), timeZone: ctx.viewer.timeZone });

  async function answer(ctx: Ctx, asked: Question): Promise<void> {
    const { viewer } = ctx;
    const engine = current();
    const capabilities = engine.capabilities(viewer);
    const when = askedAt(ctx);
    let question = asked;
    let effective = toPostureFilter(question.filter, capabilities.hasRiskData, when);
    // The list's suggestions name its top resource type: counted by the same search, unless the question names types.
    const searchPage = (filter: PostureFilter) =>
      engine.search(viewer, {
        filter,
        sort: question.sort ?? 'risk',
        offset: 0,
        limit: question.limit ?? pageSize,
        ...(question.filter.resourceTypes ? {} : { groupBy: SUGGESTION_GROUP_BY }),
      });
    // A list's first page carries its total: it stands for the strict count, and is the answer when nothing is relaxed.
    let page = question.view === 'list' ? searchPage(effective.filter) : undefined;
    // Nothing under the strict reading: show the first looser one that finds something, and say what was relaxed.
    if (question.view !== 'breakdown' && (page ? page.total : engine.count(viewer, effective.filter)) === 0) {
      for (const relaxed of relaxations(question.filter)) {
        const looser = toPostureFilter(relaxed.filter, capabilities.hasRiskData, when);
        if (engine.count(viewer, looser.filter) === 0) continue;
        question = { ...question, filter: relaxed.filter };
        effective = { filter: looser.filter, notes: [`${relaxed.said}.`, ...looser.notes] };
        page = undefined;
        break;
      }
    }
    effective.notes.push(...unusedNote(question.unusedWords));
    const summary = describeFilter(question.filter, { engine, viewer, hasRiskData: capabilities.hasRiskData, asked: when });
    const list: ActiveList = {
      listId: newListId(),
      filter: question.filter,
      view: question.view,
      ...(question.groupBy ? { groupBy: question.groupBy } : {}),
      ...(question.sort ? { sort: question.sort } : {}),
      pageSize,
      total: 0,
      refs: [],
      createdAt: now(),
    };

    if (question.view === 'count') {
      list.total = engine.count(viewer, effective.filter);
      activateList(ctx.conversation, list);
      await ctx.reply({ kind: 'text', text: countText(list.total, summary, effective.notes), suggestions: countSuggestions(list.total) });
      return;
    }

    if (question.view === 'breakdown') {
      const by = question.groupBy ?? 'severity';
      const groups = engine.group(viewer, effective.filter, by);
      list.total = groups.total;
      list.groupBy = by;
      activateList(ctx.conversation, list);
      await ctx.reply({
        kind: 'card',
        card: { template: 'breakdown', model: buildBreakdownView(groups, summary, capabilities.hasRiskData, effective.notes) },
        suggestions: countSuggestions(groups.total, by),
      });
      return;
    }

    const top = question.limit;
    const found = page ?? searchPage(effective.filter);
    // "top 5": the list is those five; the card says how many matched in all.
    const result = top !== undefined && found.total > top ? { ...found, total: top } : found;
    if (top !== undefined && found.total > top) effective.notes.unshift(`Top ${top} of ${countLabel(found.total)} matching recommendations.`);
    if (top !== undefined) {
      list.pageSize = Math.max(1, Math.min(top, 50));
      list.limit = top;
    }
    list.total = result.total;
    const ids = result.items.map((row) => row.assessmentId);
    // The list remembers its rows by their card refs (contracts/listRows.ts): the shown refs hold their ids.
    const detailsRefs = rememberShown(ctx.conversation, ids);
    list.refs = detailsRefs;
    list.shown = ids.length;
    activateList(ctx.conversation, list);
    await ctx.reply({
      kind: 'card',
      card: {
        template: 'recommendations',
        model: buildRecommendationsView({ result, listId: list.listId, detailsRefs, pageSize, filterSummary: summary, hasRiskData: capabilities.hasRiskData, notes: effective.notes }),
      },
      recommendationIds: ids,
      suggestions: listSuggestions({ engine, viewer, capabilities, filter: question.filter, postureFilter: effective.filter, total: result.total, ...(found.groups ? { resourceTypes: found.groups } : {}) }),
    });
  }

  /**
   * The page of a list that starts at `page.offset` (a "Show more" button), or the next one (typed "show more").
   * Pages are absolute: a page already shown is said to be above, not shown again. A button on one of the last
   * MAX_LISTS lists pages that list and makes it the active one again.
   */
  async function showMore(ctx: Ctx, page?: { listId: string; offset?: number | undefined }): Promise<void> {
    const found = page ? findList(ctx.conversation, page.listId) : undefined;
    if (page && !found) throw new AppError('STALE_ACTION', 'That list is too old for me to continue. Ask the question again for a fresh list.', { details: { listId: page.listId } });
    const list = found?.list ?? activeList(ctx);
    if (!list) throw new AppError('STALE_ACTION', 'There is no list to continue. Ask a question first, for example "show critical risks".');
    if (list.view !== 'list') return answer(ctx, { filter: list.filter, view: 'list', sort: list.sort });
    const shown = shownRows(list);
    const offset = page?.offset ?? shown;
    if (offset < shown) {
      const last = Math.min(offset + list.pageSize, shown);
      await ctx.reply({ kind: 'text', text: `Rows ${offset + 1}–${last} are already shown above.` });
      return;
    }
    // No card ever offers a page past the rows shown: only tampered data asks for one.
    if (offset > shown) throw new AppError('STALE_ACTION', UNKNOWN_REF_REASON, { details: { listId: list.listId, offset, shown } });
    const { viewer } = ctx;
    const engine = current();
    const capabilities = engine.capabilities(viewer);
    const effective = toPostureFilter(list.filter, capabilities.hasRiskData, askedAt(ctx));
    const sort = list.sort ?? 'risk';
    // A "top N" list ends at N.
    const cap = list.limit;
    const fetched = engine.search(viewer, { filter: effective.filter, sort, offset, limit: cap === undefined ? list.pageSize : Math.max(1, Math.min(list.pageSize, cap - offset)) });
    const result = cap === undefined ? fetched : { ...fetched, total: Math.min(fetched.total, cap), items: offset >= cap ? [] : fetched.items };
    if (result.items.length === 0) {
      await ctx.reply({ kind: 'text', text: `That was all: the list has ${countLabel(result.total)} rows.` });
      return;
    }
    // A list taken up again from an older card was kept without its rows: fetch the ones shown before this page. They
    // are remembered by id (their refs may have left the shown refs since; rowsById); this page's rows by their card refs.
    const before = found && !found.active ? rowsById(ctx.conversation, engine.search(viewer, { filter: effective.filter, sort, offset: 0, limit: Math.min(offset, MAX_REMEMBERED_ROWS) }).items.map((r) => r.assessmentId)) : list.refs;
    const ids = result.items.map((r) => r.assessmentId);
    const detailsRefs = rememberShown(ctx.conversation, ids);
    const updated: ActiveList = { ...list, total: result.total, refs: [...before, ...detailsRefs].slice(0, MAX_REMEMBERED_ROWS), shown: offset + ids.length };
    if (found && !found.active) activateList(ctx.conversation, updated);
    else ctx.conversation.set(ACTIVE_LIST_KEY, updated);
    const summary = describeFilter(list.filter, { engine, viewer, hasRiskData: capabilities.hasRiskData, asked: askedAt(ctx) });
    await ctx.reply({
      kind: 'card',
      card: {
        template: 'recommendations',
        model: buildRecommendationsView({ result, listId: list.listId, detailsRefs, pageSize: list.pageSize, filterSummary: summary, hasRiskData: capabilities.hasRiskData, notes: effective.notes }),
      },
      recommendationIds: ids,
    });
  }

  async function details(ctx: Ctx, params: { ordinal?: number | undefined; ref?: string | undefined }): Promise<void> {
    const list = activeList(ctx);
    let assessmentId: string | undefined;
    if (params.ref !== undefined) {
      assessmentId = resolveCardRef(ctx.conversation, params.ref);
      if (!assessmentId) throw new AppError('STALE_ACTION', UNKNOWN_REF_REASON, { details: { reason: 'unknown ref' } });
    } else if (params.ordinal !== undefined) {
      // After a count the rows are known even if not shown; after a breakdown "the first one" would be a group.
      if (!list || list.view === 'breakdown') throw new AppError('STALE_ACTION', 'There is no list to pick from yet. Ask a question first, for example "show critical risks".');
      if (params.ordinal > list.total) {
        throw new AppError('NOT_FOUND', `The current list has ${list.total} ${list.total === 1 ? 'row' : 'rows'}, so there is no number ${params.ordinal}.`);
      }
      const index = params.ordinal - 1;
      assessmentId = listRowId(ctx.conversation, list, index);
      if (assessmentId === undefined) {
        // Not remembered: the row at that position now. One the list showed must still be the row it showed: if a
        // reload moved it, it is looked for among the list's rows (never a different row in its place).
        const fetched = listRowsNow(ctx, list, index, 1)[0]?.assessmentId;
        if (list.refs[index] === undefined || (fetched !== undefined && isListRow(list, index, fetched))) assessmentId = fetched;
        else assessmentId = findMovedRow(ctx, list, index);
      }
    }
    const engine = current();
    const found = assessmentId === undefined ? undefined : engine.details(ctx.viewer, assessmentId);
    if (!found) throw new AppError('STALE_ACTION', GONE_REASON);
    // "This" now means the recommendation just opened, whichever card it came from.
    if (list) ctx.conversation.set(ACTIVE_LIST_KEY, { ...list, selectedRef: found.assessmentId });
    rememberShown(ctx.conversation, [found.assessmentId]);
    const capabilities = engine.capabilities(ctx.viewer);
    const row = list && list.view !== 'breakdown' ? listRowPosition(list, found.assessmentId) : 0;
    const origin = list && row > 0 ? `Row ${row} of ${countLabel(list.total)} · ${describeFilter(list.filter, { engine, viewer: ctx.viewer, hasRiskData: capabilities.hasRiskData })}` : '';
    await ctx.reply({ kind: 'card', card: { template: 'details', model: buildDetailsView(found, capabilities.hasRiskData, origin) }, recommendationIds: [found.assessmentId] });
  }

  /** The list's rows from `offset` as its filter and sort give them now (the viewer's scope, the data of this turn). */
  function listRowsNow(ctx: Ctx, list: ActiveList, offset: number, limit: number): RecommendationRow[] {
    const engine = current();
    const { filter } = toPostureFilter(list.filter, engine.capabilities(ctx.viewer).hasRiskData, askedAt(ctx));
    return engine.search(ctx.viewer, { filter, sort: list.sort ?? 'risk', offset, limit }).items;
  }

  /**
   * The row the list showed at `index` (its ref forgotten) when a reload moved it: the list's rows, as many as a list
   * remembers, checked against that ref. Undefined when it is not among them (gone, or no longer matching the list).
   */
  function findMovedRow(ctx: Ctx, list: ActiveList, index: number): string | undefined {
    return listRowsNow(ctx, list, 0, MAX_REMEMBERED_ROWS).find((row) => isListRow(list, index, row.assessmentId))?.assessmentId;
  }

  return {
    answer,
    refine: async (ctx: Ctx, p: RefineParams) => {
      const list = activeList(ctx);
      const filter = refineFilter(list?.filter ?? {}, p);
      const view = p.view ?? (p.groupBy ? 'breakdown' : (list?.view ?? 'list'));
      await answer(ctx, { filter, view, groupBy: p.groupBy ?? list?.groupBy, sort: p.sort ?? list?.sort, limit: p.limit, unusedWords: p.unusedWords });
    },
    /** "start over", "reset": the list on screen and its filters are forgotten; older cards' buttons still work. */
    startOver: async (ctx: Ctx) => {
      const list = activeList(ctx);
      retireActiveList(ctx.conversation);
      await ctx.reply({
        kind: 'text',
        text: list ? 'Starting over: the previous list and its filters are cleared. What would you like to look at?' : 'Starting fresh. What would you like to look at?',
        suggestions: ['Show critical risks', 'What is due this week?', 'Give me an executive summary'],
      });
    },
    showMore,
    details,
    secureScore: (ctx: Ctx) => {
      const score = current().secureScore(ctx.viewer);
      const suggestions = ['Show critical risks', 'What is overdue?'];
      return ctx.reply(score ? { kind: 'card', card: { template: 'secureScore', model: buildSecureScoreView(score) }, suggestions } : { kind: 'text', text: NO_SECURE_SCORE, suggestions });
    },
  };
}

export type AnalyzeSkill = ReturnType<typeof createAnalyzeSkill>;
