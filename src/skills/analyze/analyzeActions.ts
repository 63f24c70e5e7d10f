// Declares the analyze family in the action registry: names, descriptions and parameter schemas are what
// any planner sees; handlers delegate to the analyze skill.
import { z } from 'zod';
import type { ActionRegistry } from '../../actions/registry';
import type { Reply } from '../../views/reply';
import { PAGE_REF_PATTERN, parsePageRef } from './activeList';
import type { AnalyzeSkill } from './analyzeSkill';
import { outOfScopeReply } from './outOfScope';
import {
  analyzeParamsSchema,
  detailsParamsSchema,
  outOfScopeParamsSchema,
  refineParamsSchema,
  secureScoreParamsSchema,
  showMoreParamsSchema,
} from './params';

/** A "Show more" button names its list and the page it shows (see pageRef); one too old is refused by the skill. */
export const showMorePageParamsSchema = z.object({ page: z.string().regex(PAGE_REF_PATTERN) }).strict();

export function registerAnalyzeActions(registry: ActionRegistry<Reply>, skill: AnalyzeSkill): void {
  registry.register({
    name: 'analyze',
    description: 'List, count or break down Defender for Cloud recommendations matching filters (a new question, a new list).',
    parameters: analyzeParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.answer(ctx, { filter: p.filter, view: p.view, groupBy: p.groupBy, sort: p.sort }),
  });
  registry.register({
    name: 'refine',
    description: 'Narrow, widen or regroup the current list ("just the VMs", "include medium too", "by subscription").',
    parameters: refineParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.refine(ctx, p),
  });
  registry.register({
    name: 'showMore',
    description: 'Show the next page of the current list.',
    parameters: showMoreParamsSchema,
    sideEffects: false,
    handler: (_p, ctx) => skill.showMore(ctx),
  });
  registry.register({
    name: 'showMorePage',
    description: 'Show the page a card button names, of the list it belongs to.',
    parameters: showMorePageParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.showMore(ctx, parsePageRef(p.page)),
  });
  registry.register({
    name: 'details',
    description: 'Everything about one recommendation of the current list, by its position or from a card button.',
    parameters: detailsParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.details(ctx, p),
  });
  registry.register({
    name: 'secureScore',
    description: "The tenant's secure score: overall, per subscription, and the controls losing most points.",
    parameters: secureScoreParamsSchema,
    sideEffects: false,
    handler: (_p, ctx) => skill.secureScore(ctx),
  });
  registry.register({
    name: 'outOfScope',
    description: 'Politely decline what the bot cannot or must not do.',
    parameters: outOfScopeParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => ctx.reply(outOfScopeReply(p.reason)),
  });
}
