// "usage": one's own use in the current window and the organisation's total against its limit; admins also see the
// tenant's use by person and action over the last 90 days.
import { z } from 'zod';
import type { ReadActionDefinition } from '../actions/registry';
import type { Admins } from '../account/admins';
import type { AdminReadLog } from '../account/adminReads';
import type { UsageConfig } from '../config/features/usage';
import type { Reply } from '../views/reply';
import { UNKNOWN_TENANT } from './meteredRegistry';
import type { UsageMeter, UsageTotals } from './usageMeter';
import { windowName } from './usageWindow';

const DAY = 24 * 60 * 60 * 1000;
export const TENANT_REPORT_DAYS = 90;
const MAX_PEOPLE = 25;

const parameters = z.object({}).strict();

const byAction = (totals: Record<string, number>) =>
  Object.entries(totals)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');

export function createUsageAction(deps: { meter: UsageMeter; usage: UsageConfig['usage']; admins: Admins; reads?: AdminReadLog; now?: () => number }): ReadActionDefinition<typeof parameters, Reply> {
  const now = deps.now ?? Date.now;
  return {
    name: 'usage',
    description: "Shows the asker's own usage in the current window; admins also see the tenant's use by person and action.",
    parameters,
    sideEffects: false,
    async handler(_params, context) {
      const tenantId = context.viewer.tenantId ?? UNKNOWN_TENANT;
      const mine = await deps.meter.own(tenantId, context.actor.id);
      const when = windowName(deps.usage.window);
      const lines = [
        mine.units === 0 ? `You have used no units ${when}.` : `You have used ${mine.units} unit${mine.units === 1 ? '' : 's'} ${when} (${byAction(mine.byAction)}).`,
        mine.limit === undefined
          ? `Your organisation has used ${mine.tenantUnits} ${when}; there is no limit.`
          : `Your organisation has used ${mine.tenantUnits} of its ${mine.limit} units ${when} (resets ${new Date(mine.window.end).toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
      ];
      if (deps.admins.isAdmin(context.actor)) {
        const tenant = await deps.meter.tenant(tenantId, now() - TENANT_REPORT_DAYS * DAY);
        const people = Object.entries(tenant.byUser).sort(([a, x], [b, y]) => y.units - x.units || a.localeCompare(b));
        await deps.reads?.record({ at: now(), adminId: context.actor.id, what: 'tenantUsage', days: TENANT_REPORT_DAYS, records: people.length });
        lines.push('', `Your organisation over the last ${TENANT_REPORT_DAYS} days: ${tenant.units} units, ${people.length} ${people.length === 1 ? 'person' : 'people'}`);
        for (const [user, totals] of people.slice(0, MAX_PEOPLE)) lines.push(`- ${user}: ${totals.units} (${byAction((totals as UsageTotals).byAction)})`);
        if (people.length > MAX_PEOPLE) lines.push(`- … and ${people.length - MAX_PEOPLE} more`);
      }
      await context.reply({ kind: 'text', text: lines.join('\n') });
    },
  };
}
