// Usage metering: what each action costs in units, how many units a tenant may use per calendar window (UTC), and
// whom users are told to contact near the limit. No limit set: metered, never declined.
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export const USAGE_WINDOWS = ['hour', 'day', 'month'] as const;
export type UsageWindow = (typeof USAGE_WINDOWS)[number];

export interface UsageConfig {
  usage: {
    /** Units per tenant and window; undefined: unlimited. */
    limitUnits?: number;
    window: UsageWindow;
    /** Cost per action name; actions not listed cost `defaultCost`. */
    unitCosts: Record<string, number>;
    defaultCost: number;
    /** Who to contact about capacity (a name, an address or a team). */
    capacityOwner?: string;
  };
}

/** Help, feedback, usage and the privacy requests never cost anything, whatever the table says. */
export const FREE_ACTIONS = ['help', 'rateAnswer', 'feedbackReport', 'usage', 'myData', 'deleteMyData', 'exportMyData'] as const;

const ACTION_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;

const costTable = optionalText.transform((v, ctx) => {
  const table: Record<string, number> = {};
  for (const part of (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const match = /^([^=\s]+)\s*=\s*(\d{1,6})$/.exec(part);
    if (!match || !ACTION_NAME.test(match[1]!)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${part.slice(0, 40)}" is not action=units (for example analyze=1,summarize=2)` });
      continue;
    }
    table[match[1]!] = Number(match[2]);
  }
  return table;
});

export const usageFeature = defineFeature<UsageConfig>({
  name: 'usage',
  schema: () =>
    z
      .object({
        USAGE_LIMIT_UNITS: optionalText.transform((v, ctx) => {
          if (v === undefined) return undefined;
          if (/^\d{1,10}$/.test(v) && Number(v) >= 1) return Number(v);
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number of units, 1 or more (got "${v.slice(0, 20)}"); leave it unset for no limit` });
          return z.NEVER;
        }),
        USAGE_WINDOW: optionalText.transform((v, ctx) => {
          const value = (v ?? 'month').toLowerCase();
          if ((USAGE_WINDOWS as readonly string[]).includes(value)) return value as UsageWindow;
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be hour, day or month (got "${(v ?? '').slice(0, 20)}")` });
          return z.NEVER;
        }),
        USAGE_UNIT_COSTS: costTable,
        USAGE_CAPACITY_OWNER: optionalText.pipe(z.string().max(200).optional()),
      })
      .transform((e) => ({
        usage: {
          ...(e.USAGE_LIMIT_UNITS === undefined ? {} : { limitUnits: e.USAGE_LIMIT_UNITS }),
          window: e.USAGE_WINDOW,
          unitCosts: e.USAGE_UNIT_COSTS,
          defaultCost: 1,
          ...(e.USAGE_CAPACITY_OWNER ? { capacityOwner: e.USAGE_CAPACITY_OWNER } : {}),
        },
      })),
});
