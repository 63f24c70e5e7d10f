// The live Azure source (POSTURE_SOURCE=azure) shared by two replicas, over the loopback Resource Graph fake: the
// replica holding the posture-load lease reads Resource Graph and publishes a snapshot, the other adopts it without a
// request to Azure and answers the same, also after a refresh. When the reader goes away, the other takes the lease
// and reads Azure itself: incrementally from the adopted read when the kept rows are that read (a DATA_DIR the replicas
// share), in full when its DATA_DIR has no such copy.
import { createJobLease, type JobLease } from '../../src/jobs/jobLease';
import { openPostureHolder, type PostureHolder } from '../../src/posture/postureHolder';
import type { PostureSettings } from '../../src/posture/postureSettings';
import { createFileSnapshotStore } from '../../src/posture/snapshotFileStore';
import { postureSourceKey } from '../../src/posture/snapshotSharing';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../bench/servers/fakeResourceGraph';
import { estateRows, SUBS } from '../posture/source/azure/estateRows';
import { loopbackOptions } from '../posture/source/azure/loopbackClient';
import { createMemoryLogger, type MemoryLogger } from '../support/memoryLogger';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

jest.setTimeout(60_000);

interface Replica {
  holder: PostureHolder;
  log: MemoryLogger;
  lease: JobLease;
}

let fake: FakeResourceGraph;
let shared: TempDataDir;
let database: SqliteDatabase;
let records: RecordsStore;
const opened: Replica[] = [];
const dirs: TempDataDir[] = [];

beforeEach(async () => {
  fake = await startFakeResourceGraph({ rows: estateRows(4) });
  shared = createTempDataDir('live-sharing-');
  database = createSqliteDatabase(shared.dir);
  records = createSqliteRecordsStore(database);
});
afterEach(async () => {
  for (const replica of opened.splice(0)) replica.holder.close();
  await fake.close();
  database.close();
  shared.cleanup();
  for (const dir of dirs.splice(0)) dir.cleanup();
});

const settings = (dataDir: string): PostureSettings => ({
  postureLenient: false,
  postureSource: 'azure',
  azure: { cloud: 'AzurePublicCloud', scopes: SUBS.map((subscriptionId) => ({ kind: 'subscription' as const, subscriptionId })) },
  dataDir,
});

/** One replica: its own DATA_DIR for the kept rows unless told to use the shared one; records and snapshots shared. */
async function start(name: string, dataDir: string): Promise<Replica> {
  const log = createMemoryLogger('info');
  const lease = createJobLease(records, { job: 'posture-load', holder: name, ttlMs: 60_000 });
  const holder = await openPostureHolder(settings(dataDir), {
    logger: log.logger,
    records,
    pollMs: 0,
    azure: loopbackOptions(fake.port),
    shared: { store: createFileSnapshotStore(`${shared.dir}/snapshots`), lease, sourceKey: postureSourceKey(settings(dataDir)), replica: name, maxAgeMs: 15 * 60_000, waitMs: 5_000 },
  });
  const replica = { holder, log, lease };
  opened.push(replica);
  return replica;
}

const ownDir = (): string => {
  const dir = createTempDataDir('live-replica-');
  dirs.push(dir);
  return dir.dir;
};
const azureReads = (replica: Replica) => replica.log.lines().filter((line) => String(line.msg).startsWith('posture') && String(line.msg).includes('from Azure Resource Graph')).length;
const adoptions = (replica: Replica) => replica.log.lines().filter((line) => line.msg === 'posture snapshot adopted').length;
const unhealthy = (replica: Replica) => replica.holder.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] });
const sameAnswers = (a: Replica, b: Replica) => {
  expect(b.holder.info()).toMatchObject({ rows: a.holder.info().rows, exportHash: a.holder.info().exportHash, loadedAt: a.holder.info().loadedAt, live: true });
  expect(b.holder.current().capabilities(SYSTEM_VIEWER)).toEqual(a.holder.current().capabilities(SYSTEM_VIEWER));
  const ids = a.holder.current().search(SYSTEM_VIEWER, { filter: {}, limit: 50 }).items.map((item) => item.assessmentId);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(b.holder.current().details(SYSTEM_VIEWER, id)).toEqual(a.holder.current().details(SYSTEM_VIEWER, id));
};
/** Statuses that changed, dated now: an incremental refresh asks Resource Graph for those. */
const healthyFirst = (count: number) => fake.setRows(estateRows(4, SUBS, (index) => (index < count ? 'Healthy' : 'Unhealthy'), new Date().toISOString()));

describe('the live Azure source shared by two replicas', () => {
  it('reads Resource Graph on one replica only; the other adopts, answers the same, and follows its refreshes', async () => {
    const a = await start('replica-a', ownDir());
    const requestsAfterA = fake.requests.length;
    expect(requestsAfterA).toBeGreaterThan(0);
    expect(azureReads(a)).toBe(1);

    const b = await start('replica-b', ownDir());
    expect(fake.requests.length).toBe(requestsAfterA);
    expect(azureReads(b)).toBe(0);
    expect(adoptions(b)).toBe(1);
    expect(unhealthy(b)).toBe(12);
    sameAnswers(a, b);

    // A refresh on the reader (incremental: its own kept rows) is published; the other adopts it, still without a request.
    healthyFirst(1);
    await a.holder.reload();
    expect(a.holder.info().refresh).toBe('incremental');
    const requestsAfterRefresh = fake.requests.length;
    await b.holder.reload();
    expect(fake.requests.length).toBe(requestsAfterRefresh);
    expect(adoptions(b)).toBe(2);
    expect(unhealthy(b)).toBe(9);
    sameAnswers(a, b);
  });

  it('after the reader goes, the other takes the lease and reads Azure: incrementally from the adopted read when the DATA_DIR is shared', async () => {
    const a = await start('replica-a', shared.dir);
    const b = await start('replica-b', shared.dir);
    expect(azureReads(b)).toBe(0);
    a.holder.close();
    await a.lease.release();

    healthyFirst(2);
    const before = fake.requests.length;
    await b.holder.reload();
    expect(fake.requests.length).toBeGreaterThan(before);
    expect(azureReads(b)).toBe(1);
    expect(b.holder.info()).toMatchObject({ refresh: 'incremental', live: true });
    expect(unhealthy(b)).toBe(6);

    // A third replica now adopts b's copy.
    const c = await start('replica-c', ownDir());
    expect(azureReads(c)).toBe(0);
    sameAnswers(b, c);
  });

  it('with a DATA_DIR of its own, the replica taking over reads Azure in full (no kept rows of the adopted read)', async () => {
    const a = await start('replica-a', ownDir());
    const b = await start('replica-b', ownDir());
    a.holder.close();
    await a.lease.release();

    healthyFirst(3);
    await b.holder.reload();
    expect(azureReads(b)).toBe(1);
    expect(b.holder.info().refresh).toBe('full');
    expect(unhealthy(b)).toBe(3);
  });
});
