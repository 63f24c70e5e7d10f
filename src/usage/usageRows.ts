// One person's usage in one tenant and window, in its own record (collection `usage-users`, id
// `tenant|window|user`), so a charge reads and writes a record of constant size whatever the tenant's number of
// people. The tenant's record (collection `usage`) keeps only the total the limit is checked against.
// Records written before this split keep everyone's counts in the tenant record (`byUser`): they stay readable
// (legacyRemainder) and are split on first touch (splitLegacyCounter). A person's record remembers what it took over
// from the tenant record (`legacy`), so a split that stopped half way, or that runs twice at once, counts nothing twice.
import { AppError, isStorageConflict } from '../errors/appError';
import type { RecordsStore } from '../storage/recordsStore';
import { updateRecord } from '../storage/turnCommit';

export const USAGE_USERS_COLLECTION = 'usage-users';

export interface UserUsage {
  tenantId: string;
  windowKey: string;
  userId: string;
  start: number;
  end: number;
  units: number;
  /** action -> units. */
  byAction: Record<string, number>;
  /** The counts taken over from a legacy tenant record's `byUser` entry for this person (already in byAction). */
  legacy?: Record<string, number>;
  /** While a person's row is being moved here (erasure): the counts taken from it so far (already in byAction). */
  moved?: Record<string, number>;
}

export interface WindowOf {
  tenantId: string;
  windowKey: string;
  start: number;
  end: number;
}

export const userRowId = (tenantId: string, windowKey: string, userId: string) => `${tenantId}|${windowKey}|${userId}`;

export const emptyUserUsage = (window: WindowOf, userId: string): UserUsage => ({
  tenantId: window.tenantId,
  windowKey: window.windowKey,
  userId,
  start: window.start,
  end: window.end,
  units: 0,
  byAction: {},
});

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The row with these counts added (a new object). */
export function addedTo(row: UserUsage, counts: Record<string, number>): UserUsage {
  const byAction = { ...row.byAction };
  for (const [action, n] of Object.entries(counts)) byAction[action] = (byAction[action] ?? 0) + n;
  return { ...row, units: row.units + sum(counts), byAction };
}

/** What a legacy `byUser` entry still holds that the person's row has not taken over (per action, never below 0). */
export function legacyRemainder(legacy: Record<string, number> | undefined, row: UserUsage | undefined): Record<string, number> {
  const left: Record<string, number> = {};
  for (const [action, n] of Object.entries(legacy ?? {})) {
    const rest = n - (row?.legacy?.[action] ?? 0);
    if (rest > 0) left[action] = rest;
  }
  return left;
}

/** The row having taken over a legacy entry: adds what it had not taken yet, and remembers the entry. */
function absorbed(row: UserUsage, legacy: Record<string, number>): UserUsage {
  const rest = legacyRemainder(legacy, row);
  if (Object.keys(rest).length === 0) return row;
  const taken = { ...(row.legacy ?? {}) };
  for (const [action, n] of Object.entries(legacy)) taken[action] = Math.max(taken[action] ?? 0, n);
  return { ...addedTo(row, rest), legacy: taken };
}

const ATTEMPTS = 200;

/** The tenant record's fields without `byUser` (legacy) or anything else. */
interface TenantCounter extends WindowOf {
  units: number;
  byUser?: Record<string, Record<string, number>>;
}

/**
 * Moves a legacy tenant record's per-person counts (`byUser`) into per-person rows, then removes them from the
 * tenant record (eTag-checked: charges that change only the total meanwhile are kept). Nothing to do when the
 * record has no `byUser`. Safe to run concurrently and to resume after a crash (rows remember what they took).
 */
export async function splitLegacyCounter(records: RecordsStore, collection: string, id: string): Promise<void> {
  let done = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const stored = await records.get<TenantCounter>(collection, id);
    const legacy = stored?.value.byUser;
    if (!stored || !legacy) return;
    const seen = JSON.stringify(legacy);
    if (seen !== done) {
      for (const [userId, counts] of Object.entries(legacy)) {
        await updateRecord<UserUsage>(records, {
          collection: USAGE_USERS_COLLECTION,
          id: userRowId(stored.value.tenantId, stored.value.windowKey, userId),
          update: (row) => absorbed(row ?? emptyUserUsage(stored.value, userId), counts),
        });
      }
      done = seen;
    }
    const { byUser: _moved, ...total } = stored.value;
    try {
      await records.put(collection, id, total, { ifMatch: stored.etag });
      return;
    } catch (error) {
      // A charge changed the total (or an older replica added to byUser): read again; only a changed byUser is
      // taken over again.
      if (!isStorageConflict(error)) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  throw new AppError('STORAGE_CONFLICT', undefined, { details: { usage: 'legacy split contention', attempts: ATTEMPTS } });
}

/**
 * Moves one row's counts onto another (erasure: a person's counts under their pseudonym), merging with what the
 * target holds; the source is deleted only if unchanged since it was read (a charge in between is moved too). The
 * target remembers what it took (`moved`) until the source is gone, so a move that stopped half way and is run again
 * adds nothing twice. Returns whether a row was moved.
 */
export async function moveUserRow(records: RecordsStore, fromId: string, toUserId: string): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const stored = await records.get<UserUsage>(USAGE_USERS_COLLECTION, fromId);
    if (!stored) return attempt > 0;
    const row = stored.value;
    const toId = userRowId(row.tenantId, row.windowKey, toUserId);
    await updateRecord<UserUsage>(records, {
      collection: USAGE_USERS_COLLECTION,
      id: toId,
      update: (target) => {
        const base = target ?? emptyUserUsage(row, toUserId);
        const rest = legacyRemainder(row.byAction, base.moved === undefined ? undefined : { ...base, legacy: base.moved });
        return { ...addedTo(base, rest), moved: { ...row.byAction } };
      },
    });
    try {
      await records.delete(USAGE_USERS_COLLECTION, fromId, { ifMatch: stored.etag });
    } catch (error) {
      if (!isStorageConflict(error)) throw error;
      continue;
    }
    await updateRecord<UserUsage>(records, {
      collection: USAGE_USERS_COLLECTION,
      id: toId,
      update: (target) => {
        const { moved: _done, ...rest } = target ?? emptyUserUsage(row, toUserId);
        return rest;
      },
    });
    return true;
  }
  throw new AppError('STORAGE_CONFLICT', undefined, { details: { usage: 'row move contention', attempts: ATTEMPTS } });
}
