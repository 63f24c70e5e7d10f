// Usage counters per Entra tenant and calendar window, in the records store: one record per tenant and window with
// the units used by each person and action. A charge is checked against the limit and written in one step, with
// the record's eTag: two turns (or two replicas) that read the same count cannot both write, the loser re-reads and
// tries again, so counts stay exact and the limit is never passed.
import type { UsageConfig } from '../config/features/usage';
import { AppError } from '../errors/appError';
import type { RecordsStore, StoredRecord } from '../storage/recordsStore';
import type { RecordUpdate } from '../storage/turnCommit';
import { windowOf, type WindowSpan } from './usageWindow';

export const USAGE_COLLECTION = 'usage';

export interface UsageCounter {
  tenantId: string;
  windowKey: string;
  start: number;
  end: number;
  units: number;
  /** userId -> action -> units. */
  byUser: Record<string, Record<string, number>>;
}

export interface Charge {
  tenantId: string;
  userId: string;
  action: string;
  units: number;
}

export type ChargeOutcome =
  | { kind: 'charged'; before: number; after: number; limit?: number; window: WindowSpan }
  | { kind: 'declined'; used: number; limit: number; window: WindowSpan };

export interface UsageTotals {
  units: number;
  byAction: Record<string, number>;
}

export interface UsageMeter {
  charge(charge: Charge): Promise<ChargeOutcome>;
  /**
   * With no limit set there is nothing to check first: the charge as an update of its counter, for the turn to
   * commit with its state (one commit fewer). Undefined when a limit is set: charge() checks and writes it before.
   */
  chargeUpdate(charge: Charge): RecordUpdate<UsageCounter> | undefined;
  /** One person's use in the current window. */
  own(tenantId: string, userId: string): Promise<UsageTotals & { window: WindowSpan; tenantUnits: number; limit?: number }>;
  /** A tenant's use since `since` (whole windows that started then or later), by person and action. */
  tenant(tenantId: string, since: number): Promise<{ units: number; byUser: Record<string, UsageTotals> }>;
}

export interface UsageMeterOptions {
  records: RecordsStore;
  usage: Pick<UsageConfig['usage'], 'limitUnits' | 'window'>;
  now?: () => number;
  /** Attempts before a charge gives up under contention. */
  maxAttempts?: number;
}

const counterId = (tenantId: string, windowKey: string) => `${tenantId}|${windowKey}`;

const emptyCounter = (tenantId: string, span: WindowSpan): UsageCounter => ({ tenantId, windowKey: span.key, start: span.start, end: span.end, units: 0, byUser: {} });

/** The counter after this charge (a new object: the stored one is left as it was). */
function charged(counter: UsageCounter, charge: Charge): UsageCounter {
  const mine = { ...(counter.byUser[charge.userId] ?? {}) };
  mine[charge.action] = (mine[charge.action] ?? 0) + charge.units;
  return { ...counter, units: counter.units + charge.units, byUser: { ...counter.byUser, [charge.userId]: mine } };
}
const isConflict = (error: unknown) => error instanceof AppError && error.code === 'STORAGE_CONFLICT';

export function createUsageMeter(options: UsageMeterOptions): UsageMeter {
  const now = options.now ?? Date.now;
  const { records } = options;
  const { limitUnits: limit, window } = options.usage;
  const maxAttempts = options.maxAttempts ?? 200;

  const read = (tenantId: string, span: WindowSpan) => records.get<UsageCounter>(USAGE_COLLECTION, counterId(tenantId, span.key));

  return {
    async charge(charge) {
      const span = windowOf(now(), window);
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const stored: StoredRecord<UsageCounter> | undefined = await read(charge.tenantId, span);
        const counter = stored?.value ?? emptyCounter(charge.tenantId, span);
        const before = counter.units;
        if (limit !== undefined && before + charge.units > limit) return { kind: 'declined', used: before, limit, window: span };
        const next = charged(counter, charge);
        try {
          await records.put(USAGE_COLLECTION, counterId(charge.tenantId, span.key), next, { ifMatch: stored?.etag ?? '*' });
          return { kind: 'charged', before, after: next.units, ...(limit === undefined ? {} : { limit }), window: span };
        } catch (error) {
          if (!isConflict(error)) throw error;
          // Someone else charged in between: read their count and try again.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      throw new AppError('STORAGE_CONFLICT', undefined, { details: { usage: 'charge contention', attempts: maxAttempts } });
    },
    chargeUpdate(charge) {
      if (limit !== undefined) return undefined;
      const span = windowOf(now(), window);
      return { collection: USAGE_COLLECTION, id: counterId(charge.tenantId, span.key), update: (current) => charged(current ?? emptyCounter(charge.tenantId, span), charge) };
    },
    async own(tenantId, userId) {
      const span = windowOf(now(), window);
      const counter = (await read(tenantId, span))?.value;
      const byAction = { ...(counter?.byUser[userId] ?? {}) };
      return { window: span, units: Object.values(byAction).reduce((a, b) => a + b, 0), byAction, tenantUnits: counter?.units ?? 0, ...(limit === undefined ? {} : { limit }) };
    },
    async tenant(tenantId, since) {
      const byUser: Record<string, UsageTotals> = {};
      let units = 0;
      for (const { value } of await records.list<UsageCounter>(USAGE_COLLECTION, { prefix: `${tenantId}|` })) {
        if (value.start < since) continue;
        units += value.units;
        for (const [user, actions] of Object.entries(value.byUser)) {
          const totals = (byUser[user] ??= { units: 0, byAction: {} });
          for (const [action, n] of Object.entries(actions)) {
            totals.units += n;
            totals.byAction[action] = (totals.byAction[action] ?? 0) + n;
          }
        }
      }
      return { units, byUser };
    },
  };
}
