// Counts only, at the registry: in a channel with no scope set, every answer a person could read there is a count.
// A question asks for a list or a breakdown: it is answered with the count and the reason; anything that shows rows,
// names or details (details, summaries, CVEs, resources, changes, delegations, card presses) is declined with it.
import type { ActionContext, ActionRegistry, PlannedAction } from '../actions/registry';
import type { Reply } from '../views/reply';
import { COUNTS_ONLY_TEXT, MALFORMED_TEXT } from './channelScopes';

/** Answers that show no posture rows or names. */
const HARMLESS = new Set(['help', 'smallTalk', 'startOver', 'outOfScope', 'usage', 'feedbackReport', 'refreshPosture']);

export function countsOnlyRegistry(registry: ActionRegistry<Reply>): ActionRegistry<Reply> {
  const run = async (action: PlannedAction, context: ActionContext<Reply>): Promise<void> => {
    const reason = context.viewer.countsOnly;
    if (!reason) return registry.run(action, context);
    const why = reason === 'malformed' ? MALFORMED_TEXT : COUNTS_ONLY_TEXT;
    if (HARMLESS.has(action.name) && !context.pressed) return registry.run(action, context);
    if (action.name !== 'analyze' || context.pressed) return context.reply({ kind: 'text', text: why });
    const { parameters } = registry.validate(action);
    const { groupBy: _groupBy, sort: _sort, limit: _limit, ...rest } = parameters as Record<string, unknown>;
    await registry.run({ name: 'analyze', parameters: { ...rest, view: 'count' } }, context);
    await context.reply({ kind: 'text', text: why });
  };
  return { ...registry, run };
}
