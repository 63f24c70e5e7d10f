import { AppError } from '../../src/errors/appError';
import { activityDedupKey, ACTIVITY_DEDUP_COLLECTION, createActivityDeduper } from '../../src/storage/activityDeduper';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

describe('activity deduper', () => {
  let data: TempDataDir;
  let store: RecordsStore;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    data = await createTempDataDir();
    store = createSqliteRecordsStore(data.open());
    clock = 1_000_000;
  });
  afterEach(async () => data.cleanup());

  it('says yes once per key, and keys are independent', async () => {
    const deduper = createActivityDeduper(store, { ttlMs: 60_000, now });
    expect(await deduper.firstSeen('a')).toBe(true);
    expect(await deduper.firstSeen('a')).toBe(false);
    expect(await deduper.firstSeen('b')).toBe(true);
    clock += 59_999;
    expect(await deduper.firstSeen('a')).toBe(false);
  });

  it('lets exactly one of two replicas racing on the same delivery process it', async () => {
    const replicaA = createActivityDeduper(store, { ttlMs: 60_000, now });
    const replicaB = createActivityDeduper(createSqliteRecordsStore(data.open()), { ttlMs: 60_000, now });
    for (const key of ['k1', 'k2', 'k3']) {
      const answers = await Promise.all([replicaA.firstSeen(key), replicaB.firstSeen(key), replicaA.firstSeen(key)]);
      expect(answers.filter(Boolean)).toHaveLength(1);
    }
  });

  it('treats a redelivery after the ttl as new, once, even before pruning', async () => {
    const replicaA = createActivityDeduper(store, { ttlMs: 1_000, now, pruneEveryMs: Number.MAX_SAFE_INTEGER });
    const replicaB = createActivityDeduper(createSqliteRecordsStore(data.open()), { ttlMs: 1_000, now, pruneEveryMs: Number.MAX_SAFE_INTEGER });
    expect(await replicaA.firstSeen('k')).toBe(true);
    clock += 1_000;
    const answers = await Promise.all([replicaA.firstSeen('k'), replicaB.firstSeen('k')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await replicaB.firstSeen('k')).toBe(false);
  });

  it('prunes only expired keys', async () => {
    const deduper = createActivityDeduper(store, { ttlMs: 1_000, now, pruneEveryMs: Number.MAX_SAFE_INTEGER });
    await deduper.firstSeen('old1');
    await deduper.firstSeen('old2');
    clock += 600;
    await deduper.firstSeen('recent');
    clock += 500;
    expect(await deduper.prune()).toBe(2);
    expect((await store.list(ACTIVITY_DEDUP_COLLECTION)).map((r) => r.id)).toEqual(['recent']);
    expect(await deduper.firstSeen('recent')).toBe(false);
  });

  it('prunes past the first page of keys, keeping fresh ones spread across pages', async () => {
    const deduper = createActivityDeduper(store, { ttlMs: 1_000, now, pruneEveryMs: Number.MAX_SAFE_INTEGER });
    const keys = Array.from({ length: 1_200 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    for (const key of keys) await deduper.firstSeen(key);
    clock += 1_500;
    const refreshed = keys.filter((_, i) => i % 4 === 0);
    for (const key of refreshed) expect(await deduper.firstSeen(key)).toBe(true);
    clock += 100;
    expect(await deduper.prune()).toBe(900);
    expect((await store.list(ACTIVITY_DEDUP_COLLECTION)).map((r) => r.id)).toEqual(refreshed);
  });

  it('prunes opportunistically from firstSeen, at most once per interval', async () => {
    const deduper = createActivityDeduper(store, { ttlMs: 1_000, now, pruneEveryMs: 5_000 });
    for (let i = 0; i < 5; i++) await deduper.firstSeen(`old${i}`);
    clock += 4_999;
    await deduper.firstSeen('trigger-too-early');
    expect(await store.list(ACTIVITY_DEDUP_COLLECTION)).toHaveLength(6);
    clock += 1;
    await deduper.firstSeen('trigger');
    expect((await store.list(ACTIVITY_DEDUP_COLLECTION)).map((r) => r.id)).toEqual(['trigger', 'trigger-too-early']);
  });

  it('answers even when the opportunistic prune fails, but rejects when the claim itself cannot be stored', async () => {
    const failingList: RecordsStore = { ...store, list: async () => Promise.reject(new AppError('STORAGE_FAILURE')) };
    const deduper = createActivityDeduper(failingList, { ttlMs: 1_000, now, pruneEveryMs: 0 });
    expect(await deduper.firstSeen('k')).toBe(true);
    expect(await deduper.firstSeen('k')).toBe(false);
    const broken: RecordsStore = { ...store, put: async () => Promise.reject(new AppError('STORAGE_FAILURE')) };
    await expect(createActivityDeduper(broken, { ttlMs: 1_000, now }).firstSeen('x')).rejects.toMatchObject({ code: 'STORAGE_FAILURE' });
  });

  it('refuses a ttl that is not a positive duration', () => {
    expect(() => createActivityDeduper(store, { ttlMs: 0 })).toThrow(RangeError);
    expect(() => createActivityDeduper(store, { ttlMs: Number.NaN })).toThrow(RangeError);
  });

  it('builds keys that cannot collide through separators in the ids', () => {
    expect(activityDedupKey('msteams', 'a|b', 'c')).not.toBe(activityDedupKey('msteams', 'a', 'b|c'));
    expect(activityDedupKey('msteams', 'a","b', 'c')).not.toBe(activityDedupKey('msteams', 'a', 'b","c'));
  });
});
