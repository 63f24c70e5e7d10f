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

  it('treats a redelivery after the ttl as new, once', async () => {
    const replicaA = createActivityDeduper(store, { ttlMs: 1_000, now });
    const replicaB = createActivityDeduper(createSqliteRecordsStore(data.open()), { ttlMs: 1_000, now });
    expect(await replicaA.firstSeen('k')).toBe(true);
    clock += 1_000;
    const answers = await Promise.all([replicaA.firstSeen('k'), replicaB.firstSeen('k')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await replicaB.firstSeen('k')).toBe(false);
  });

  it('never prunes on the turn path (the retention job does)', async () => {
    const deduper = createActivityDeduper(store, { ttlMs: 1_000, now });
    for (let i = 0; i < 5; i++) await deduper.firstSeen(`old${i}`);
    clock += 100_000;
    await deduper.firstSeen('new');
    expect(await store.list(ACTIVITY_DEDUP_COLLECTION)).toHaveLength(6);
  });

  it('rejects when the mark itself cannot be stored', async () => {
    const broken: RecordsStore = { ...store, put: async () => Promise.reject(new AppError('STORAGE_FAILURE')) };
    await expect(createActivityDeduper(broken, { ttlMs: 1_000, now }).firstSeen('x')).rejects.toMatchObject({ code: 'STORAGE_FAILURE' });
  });

  describe('leases (issue 9 item 1)', () => {
    it('answers a redelivery of a completed activity with "completed"', async () => {
      const deduper = createActivityDeduper(store, { ttlMs: 60_000, leaseMs: 5_000, now });
      const claim = await deduper.begin('a');
      expect(claim.kind).toBe('claimed');
      if (claim.kind === 'claimed') await claim.complete();
      expect((await deduper.begin('a')).kind).toBe('completed');
    });

    it('answers a redelivery during a live lease with "in progress" and how long to wait', async () => {
      const deduper = createActivityDeduper(store, { ttlMs: 60_000, leaseMs: 5_000, now });
      expect((await deduper.begin('a')).kind).toBe('claimed');
      clock += 2_000;
      expect(await deduper.begin('a')).toEqual({ kind: 'inProgress', retryAfterMs: 3_000 });
    });

    it('lets exactly one redelivery take over a lapsed lease (the first attempt died), and completes once', async () => {
      const first = createActivityDeduper(store, { ttlMs: 60_000, leaseMs: 5_000, now });
      expect((await first.begin('a')).kind).toBe('claimed'); // never completed: the process "died"
      clock += 5_000;
      const other = createActivityDeduper(createSqliteRecordsStore(data.open()), { ttlMs: 60_000, leaseMs: 5_000, now });
      const claims = await Promise.all([first.begin('a'), other.begin('a')]);
      expect(claims.map((c) => c.kind).sort()).toEqual(['claimed', 'inProgress']);
      const winner = claims.find((c) => c.kind === 'claimed');
      if (winner?.kind === 'claimed') await winner.complete();
      expect((await other.begin('a')).kind).toBe('completed');
    });

    it('renews the lease while a long turn runs', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const deduper = createActivityDeduper(store, { ttlMs: 60_000, leaseMs: 3_000, now });
        const claim = await deduper.begin('long');
        for (let i = 0; i < 5; i++) {
          clock += 1_000;
          await jest.advanceTimersByTimeAsync(1_000);
        }
        // 5 s into a 3 s lease: still in progress because it was renewed.
        expect((await deduper.begin('long')).kind).toBe('inProgress');
        if (claim.kind === 'claimed') await claim.complete();
        expect((await deduper.begin('long')).kind).toBe('completed');
      } finally {
        jest.useRealTimers();
      }
    });

    it('treats rows written before leases (no state) as completed', async () => {
      await store.put(ACTIVITY_DEDUP_COLLECTION, 'legacy', { seenAt: clock });
      expect((await createActivityDeduper(store, { ttlMs: 60_000, now }).begin('legacy')).kind).toBe('completed');
    });
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
