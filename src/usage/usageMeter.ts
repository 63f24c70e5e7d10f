// Usage counters per Entra tenant and calendar window, in the records store: one record per tenant and window with
// the tenant's total, and one per person (src/usage/usageRows.ts) with their units by action, so a charge costs the
// same whatever the tenant's number of people. The total is checked against the limit and written in one step, with
// the record's eTag: two turns (or two replicas) that read the same count cannot both write, the loser re-reads and
// tries again, so counts stay exact and the limit is never passed. The person's row is an increment committed with
// the turn (or written at once, eTag-checked, where the turn cannot take it).
import type { UsageConfig } from '../config/features/usage';
import { AppError, isStorageConflict } from '../errors/appError';
import type { RecordsStore, StoredRecord } from '../storage/recordsStore';
import { updateRecord, type RecordUpdate } from '../storage/turnCommit';
import { addedTo, emptyUserUsage, legacyRemainder, splitLegacyCounter, USAGE_USERS_COLLECTION, userRowId, type UserUsage, type WindowOf } from './usageRows';
import { windowOf, type WindowSpan } from './usageWindow';

export const USAGE_COLLECTION = 'usage';

export interface UsageCounter {
  tenantId: string;
  windowKey: string;
  start: number;
  end: number;
  /** The tenant's units in the window: what the limit is checked against. */
  units: number;
  /**
   * Legacy (records written before per-person rows, src/usage/usageRows.ts): userId -> action -> units. Still read;
   * split into per-person rows on a tenant's first charge in the window.
   */
  byUser?: Record<string, Record<string, number>>;
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
  /**
   * Checks the tenant's total against the limit and adds to it (eTag-checked), then adds to the person's row: held
   * for the turn's closing commit when `atTurnEnd` takes it, else written at once.
   */
  charge(charge: Charge, atTurnEnd?: (update: RecordUpdate) => boolean): Promise<ChargeOutcome>;
  /**
   * With no limit set there is nothing to check first: the charge as updates of the tenant's total and the person's
   * row, for the turn to commit with its state (one commit fewer). Undefined when a limit is set: charge() checks and
   * writes it before.
   */
  chargeUpdates(charge: Charge): Promise<RecordUpdate[] | undefined>;
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

export const counterId = (tenantId: string, windowKey: string) => `${tenantId}|${windowKey}`;

const windowFor = (tenantId: string, span: WindowSpan): WindowOf => ({ tenantId, windowKey: span.key, start: span.start, end: span.end });

/**
 * The tenant's counter after this charge (a new object; fields it does not know, a later version's or a legacy
 * byUser, are carried over untouched).
 */
function totalled(counter: UsageCounter | undefined, tenantId: string, span: WindowSpan, units: number): UsageCounter {
  return counter ? { ...counter, units: counter.units + units } : { tenantId, windowKey: span.key, start: span.start, end: span.end, units };
}

/** The person's row update for this charge. */
function rowUpdate(charge: Charge, span: WindowSpan): RecordUpdate<UserUsage> {
  return {
    collection: USAGE_USERS_COLLECTION,
    id: userRowId(charge.tenantId, span.key, charge.userId),
    update: (row) => addedTo(row ?? emptyUserUsage(windowFor(charge.tenantId, span), charge.userId), { [charge.action]: charge.units }),
  };
}

export function createUsageMeter(options: UsageMeterOptions): UsageMeter {
  const now = options.now ?? Date.now;
  const { records } = options;
  const { limitUnits: limit, window } = options.usage;
  const maxAttempts = options.maxAttempts ?? 200;
  /** tenant -> the window whose legacy record this process has already split (or found without byUser). */
  const split = new Map<string, string>();

  const read = (tenantId: string, span: WindowSpan) => records.get<UsageCounter>(USAGE_COLLECTION, counterId(tenantId, span.key));
  const readRow = (tenantId: string, span: WindowSpan, userId: string) => records.get<UserUsage>(USAGE_USERS_COLLECTION, userRowId(tenantId, span.key, userId));

  /** Once per tenant and window in this process: a record written before per-person rows is split first. */
  async function splitOnce(tenantId: string, span: WindowSpan, stored?: StoredRecord<UsageCounter>): Promise<void> {
    if (split.get(tenantId) === span.key) return;
    if ((stored ?? (await read(tenantId, span)))?.value.byUser) await splitLegacyCounter(records, USAGE_COLLECTION, counterId(tenantId, span.key));
    split.set(tenantId, span.key);
  }

  return {
    async charge(charge, atTurnEnd) {
      const span = windowOf(now(), window);
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const stored: StoredRecord<UsageCounter> | undefined = await read(charge.tenantId, span);
        if (stored?.value.byUser && split.get(charge.tenantId) !== span.key) {
          await splitOnce(charge.tenantId, span, stored);
          continue;
        }
        const before = stored?.value.units ?? 0;
        if (limit !== undefined && before + charge.units > limit) return { kind: 'declined', used: before, limit, window: span };
        const next = totalled(stored?.value, charge.tenantId, span, charge.units);
        try {
          await records.put(USAGE_COLLECTION, counterId(charge.tenantId, span.key), next, { ifMatch: stored?.etag ?? '*' });
        } catch (error) {
          if (!isStorageConflict(error)) throw error;
          // Someone else charged in between: read their count and try again.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        // The total is counted (the limit's guarantee); the person's share goes with the turn, or now.
        const row = rowUpdate(charge, span) as RecordUpdate;
        if (!atTurnEnd?.(row)) await updateRecord(records, row);
        return { kind: 'charged', before, after: next.units, ...(limit === undefined ? {} : { limit }), window: span };
      }
      throw new AppError('STORAGE_CONFLICT', undefined, { details: { usage: 'charge contention', attempts: maxAttempts } });
    },
    async chargeUpdates(charge) {
      if (limit !== undefined) return undefined;
      const span = windowOf(now(), window);
      await splitOnce(charge.tenantId, span);
      const total: RecordUpdate<UsageCounter> = { collection: USAGE_COLLECTION, id: counterId(charge.tenantId, span.key), update: (current) => totalled(current, charge.tenantId, span, charge.units) };
      return [total as RecordUpdate, rowUpdate(charge, span) as RecordUpdate];
    },
    async own(tenantId, userId) {
      const span = windowOf(now(), window);
      const [counter, row] = await Promise.all([read(tenantId, span), readRow(tenantId, span, userId)]);
      const byAction = { ...(row?.value.byAction ?? {}) };
      for (const [action, n] of Object.entries(legacyRemainder(counter?.value.byUser?.[userId], row?.value))) byAction[action] = (byAction[action] ?? 0) + n;
      return { window: span, units: Object.values(byAction).reduce((a, b) => a + b, 0), byAction, tenantUnits: counter?.value.units ?? 0, ...(limit === undefined ? {} : { limit }) };
    },
    async tenant(tenantId, since) {
      const byUser: Record<string, UsageTotals> = {};
      const add = (user: string, counts: Record<string, number>) => {
        if (Object.keys(counts).length === 0) return;
        const totals = (byUser[user] ??= { units: 0, byAction: {} });
        for (const [action, n] of Object.entries(counts)) {
          totals.units += n;
          totals.byAction[action] = (totals.byAction[action] ?? 0) + n;
        }
      };
      const rows = new Map<string, UserUsage>();
      for (const { id, value } of await records.list<UserUsage>(USAGE_USERS_COLLECTION, { prefix: `${tenantId}|` })) {
        if (value.tenantId !== tenantId || value.start < since) continue;
        rows.set(id, value);
        add(value.userId, value.byAction);
      }
      let units = 0;
      for (const { value } of await records.list<UsageCounter>(USAGE_COLLECTION, { prefix: `${tenantId}|` })) {
        if (value.start < since) continue;
        units += value.units;
        for (const [user, actions] of Object.entries(value.byUser ?? {})) add(user, legacyRemainder(actions, rows.get(userRowId(tenantId, value.windowKey, user))));
      }
      return { units, byUser };
    },
  };
}
