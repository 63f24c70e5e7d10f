// The registry actions for questions about time: `changes` and `executiveSummary`.
import type { z } from 'zod';
import { changesParamsSchema, executiveSummaryParamsSchema } from '../../actions/contracts/history';
import type { ActionDefinition } from '../../actions/registry';
import type { Reply } from '../../views/reply';
import type { createHistorySkill } from './historySkill';

export function createHistoryActions(skill: ReturnType<typeof createHistorySkill>): Array<ActionDefinition<z.ZodTypeAny, Reply>> {
  const changes: ActionDefinition<typeof changesParamsSchema, Reply> = {
    name: 'changes',
    description: 'What changed since a point in time: recommendations newly open, fixed, exempted, deleted or newly assessed, with the dates compared.',
    parameters: changesParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.changes(ctx, p),
  };
  const summary: ActionDefinition<typeof executiveSummaryParamsSchema, Reply> = {
    name: 'executiveSummary',
    description: 'One card for leadership: posture in numbers, top risks with owners, overdue work, and what changed.',
    parameters: executiveSummaryParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.executiveSummary(ctx, p),
  };
  return [changes, summary] as unknown as Array<ActionDefinition<z.ZodTypeAny, Reply>>;
}
