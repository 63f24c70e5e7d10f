// Metering at the registry: every action a planner runs costs units from the configured table (presses of card
// buttons belong to an answer already paid for and cost nothing). The charge happens before the action runs, so
// concurrent turns cannot overshoot the limit; at the limit the prompt is declined politely, and the answer that
// takes the tenant past 80% or 95% of its capacity says so.
import type { ActionContext, ActionRegistry } from '../actions/registry';
import { FREE_ACTIONS, type UsageConfig } from '../config/features/usage';
import type { Logger } from '../logging/logger';
import type { RecordUpdate } from '../storage/turnCommit';
import type { Reply } from '../views/reply';
import type { UsageMeter } from './usageMeter';
import { windowName } from './usageWindow';

export const WARNING_THRESHOLDS = [0.8, 0.95] as const;

/** Stands in for a tenant id where Teams gives none (the Agents Playground always gives one). */
export const UNKNOWN_TENANT = 'no-tenant';

export function costOf(action: string, usage: Pick<UsageConfig['usage'], 'unitCosts' | 'defaultCost'>): number {
  if ((FREE_ACTIONS as readonly string[]).includes(action)) return 0;
  return usage.unitCosts[action] ?? usage.defaultCost;
}

const contact = (owner: string | undefined) => (owner ? `contact ${owner}` : 'contact your Teams administrator');
const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function limitReachedText(used: number, limit: number, resetsAt: number, usage: UsageConfig['usage']): string {
  return `Your organisation has used ${used} of its ${limit} units ${windowName(usage.window)}, so I can't take new questions until ${time(resetsAt)} UTC. "help", feedback and "usage" still work. For more capacity, ${contact(usage.capacityOwner)}.`;
}

export function nearLimitText(threshold: number, after: number, limit: number, usage: UsageConfig['usage']): string {
  return `Heads-up: your organisation has now used ${Math.round((after / limit) * 100)}% (${after} of ${limit} units) of its capacity ${windowName(usage.window)}, past the ${Math.round(threshold * 100)}% mark. For more capacity, ${contact(usage.capacityOwner)}.`;
}

export interface MeteringOptions {
  meter: UsageMeter;
  usage: UsageConfig['usage'];
  logger: Logger;
}

export function meterRegistry(registry: ActionRegistry<Reply>, options: MeteringOptions): ActionRegistry<Reply> {
  const { meter, usage } = options;
  const run = async (action: Parameters<ActionRegistry<Reply>['run']>[0], context: ActionContext<Reply>): Promise<void> => {
    if (context.pressed) return registry.run(action, context);
    const { definition } = registry.validate(action);
    const units = costOf(definition.name, usage);
    if (units === 0) return registry.run(action, context);
    const tenantId = context.viewer.tenantId ?? UNKNOWN_TENANT;
    const charge = { tenantId, userId: context.actor.id, action: definition.name, units };
    // No limit: nothing to check, so the count is written with the turn's state (the same commit), not before.
    const updates = await meter.chargeUpdates(charge);
    const failed = (error: unknown) => options.logger.error({ err: error, tenantId, action: definition.name, units }, 'usage charge not recorded');
    const atTurnEnd = context.atTurnEnd ? (update: RecordUpdate) => context.atTurnEnd!(update, failed) : undefined;
    // The total and the person's row go in the same commit: held together, or neither (the first refusal means the
    // turn is over; the two calls are synchronous, so the turn cannot end between them).
    if (updates && atTurnEnd && updates.every(atTurnEnd)) return registry.run(action, context);
    const outcome = await meter.charge(charge, atTurnEnd);
    if (outcome.kind === 'declined') {
      options.logger.info({ tenantId, used: outcome.used, limit: outcome.limit, action: definition.name }, 'prompt declined: usage limit reached');
      await context.reply({ kind: 'text', text: limitReachedText(outcome.used, outcome.limit, outcome.window.end, usage) });
      return;
    }
    await registry.run(action, context);
    if (outcome.limit === undefined) return;
    const crossed = [...WARNING_THRESHOLDS].reverse().find((t) => outcome.before < t * outcome.limit! && outcome.after >= t * outcome.limit!);
    if (crossed !== undefined) await context.reply({ kind: 'text', text: nearLimitText(crossed, outcome.after, outcome.limit, usage) });
  };
  return { ...registry, run };
}
