import { createJobLease } from '../../src/jobs/jobLease';
import { createRetentionJob } from '../../src/jobs/retentionJob';
import { createSilentLogger } from '../../src/logging/logger';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createTempDataDir, type TempDataDir } from '../storage/sqliteHarness';

describe('job leases', () => {
  let data: TempDataDir;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    data = await createTempDataDir();
    clock = 1_000_000;
  });
  afterEach(async () => data.cleanup());
  const lease = (holder: string) => createJobLease(createSqliteRecordsStore(data.open()), { job: 'retention', holder, ttlMs: 10_000, now });

  it('is held by one replica at a time, renewed by its holder, taken over once it lapses', async () => {
    const [a, b] = [lease('a'), lease('b')];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    clock += 9_000;
    expect(await a.tryAcquire()).toBe(true); // renewed until +19 s
    clock += 9_000;
    expect(await b.tryAcquire()).toBe(false);
    clock += 10_001; // a died: its lease lapsed
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
  });

  it('goes to exactly one of several replicas racing for it, and to another after a release', async () => {
    const replicas = ['a', 'b', 'c', 'd'].map(lease);
    const won = await Promise.all(replicas.map((r) => r.tryAcquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = replicas[won.indexOf(true)];
    await holder?.release();
    const other = replicas[(won.indexOf(true) + 1) % replicas.length];
    expect(await other?.tryAcquire()).toBe(true);
  });

  it('lets a retention job run only where its lease is held', async () => {
    const runs: string[] = [];
    const jobFor = (holder: string) =>
      createRetentionJob({
        rules: [{ name: 'count', pruneBatch: async () => (runs.push(holder), 0) }],
        retention: { intervalMs: 60_000, batchSize: 10 },
        logger: createSilentLogger(),
        firstRunDelayMs: 1,
        lease: lease(holder),
      });
    const jobs = [jobFor('a'), jobFor('b')];
    jobs.forEach((job) => job.start());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(jobs.map((job) => job.stop()));
    expect(runs).toHaveLength(1);
  });
});
