// The analyze family of registry actions: names, descriptions and parameter schemas (src/actions/contracts/) are
// what any planner sees; handlers delegate to the analyze skill.
import {
  analyzeParamsSchema,
  detailsParamsSchema,
  refineParamsSchema,
  secureScoreParamsSchema,
  showMoreParamsSchema,
  showMorePageParamsSchema,
} from '../../actions/contracts/analyze';
import { plainAnalyzeParams } from '../../actions/contracts/plainAnalyzeParams';
import type { ActionDefinition } from '../../actions/registry';
import type { z } from 'zod';
import type { Reply } from '../../views/reply';
import { parsePageRef } from '../../actions/vocabularies';
import type { AnalyzeSkill } from './analyzeSkill';
import { smallTalkParamsSchema, startOverParamsSchema } from '../../actions/contracts/conversation';
import { smallTalkReply } from './smallTalk';
import type { InsightFollowUps } from './insightFollowUps';

/** `insights`: follow-ups on a CVEs, resources or attack paths card when that card is the active list. */
export function createAnalyzeActions(skill: AnalyzeSkill, insights?: InsightFollowUps): Array<ActionDefinition<z.ZodTypeAny, Reply>> {
  const onInsight = (ctx: Parameters<AnalyzeSkill['answer']>[0]) => insights?.active(ctx);
  const actions: Array<ActionDefinition<z.ZodTypeAny, Reply>> = [];
  const add = <S extends z.ZodTypeAny>(definition: ActionDefinition<S, Reply>) => void actions.push(definition as unknown as ActionDefinition<z.ZodTypeAny, Reply>);
  add({
    name: 'analyze',
    description: 'List, count or break down Defender for Cloud recommendations matching filters (a new question, a new list).',
    parameters: analyzeParamsSchema,
    plainParameters: plainAnalyzeParams,
    sideEffects: false,
    handler: (p, ctx) => skill.answer(ctx, { filter: p.filter, view: p.view, groupBy: p.groupBy, sort: p.sort, limit: p.limit, unusedWords: p.unusedWords }),
  });
  add({
    name: 'refine',
    description: 'Narrow, widen or regroup the current list ("just the VMs", "include medium too", "by subscription").',
    parameters: refineParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => {
      const list = onInsight(ctx);
      return list && insights ? insights.refine(ctx, list, p) : skill.refine(ctx, p);
    },
  });
  add({
    name: 'showMore',
    description: 'Show the next page of the current list.',
    parameters: showMoreParamsSchema,
    sideEffects: false,
    handler: (_p, ctx) => {
      const list = onInsight(ctx);
      return list && insights ? insights.showMore(ctx, list) : skill.showMore(ctx);
    },
  });
  add({
    name: 'showMorePage',
    description: 'Show the page a card button names, of the list it belongs to.',
    parameters: showMorePageParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => {
      // A button on the CVEs, resources or attack paths card pages that card while it is the active list; any other
      // list id is a recommendations list's, or too old (the skill says so).
      const page = parsePageRef(p.page);
      const list = onInsight(ctx);
      return list && insights && page && list.listId === page.listId ? insights.showPage(ctx, list, page.offset) : skill.showMore(ctx, page);
    },
  });
  add({
    name: 'details',
    description: 'Everything about one recommendation of the current list, by its position or from a card button.',
    parameters: detailsParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => {
      const list = p.ordinal !== undefined ? onInsight(ctx) : undefined;
      return list && insights && p.ordinal !== undefined ? insights.details(ctx, list, p.ordinal) : skill.details(ctx, p);
    },
  });
  add({
    name: 'secureScore',
    description: "The tenant's secure score: overall, per subscription, and the controls losing most points.",
    parameters: secureScoreParamsSchema,
    sideEffects: false,
    handler: (_p, ctx) => skill.secureScore(ctx),
  });
  add({
    name: 'startOver',
    description: 'Forget the list on screen and its filters ("start over", "reset").',
    parameters: startOverParamsSchema,
    sideEffects: false,
    handler: (_p, ctx) => skill.startOver(ctx),
  });
  add({
    name: 'smallTalk',
    description: 'A short answer to a greeting, thanks or goodbye.',
    parameters: smallTalkParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => ctx.reply(smallTalkReply(p.kind)),
  });
  return actions;
}
