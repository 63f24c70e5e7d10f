// The shared posture loader on a local folder and SQLite leases: a failed source read publishes nothing and keeps
// the copy; a copy of another source is never adopted; without the lease or a copy, it falls back to the source.
import { createJobLease } from '../../src/jobs/jobLease';
import { createSilentLogger } from '../../src/logging/logger';
import { createPostureLoader } from '../../src/posture/postureSettings';
import { createFileSnapshotStore } from '../../src/posture/snapshotFileStore';
import { createSharedPostureLoader } from '../../src/posture/snapshotSharing';
import { createPostureStoreBuilder, type PostureStoreBuilder } from '../../src/posture/store';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createTempDataDir } from '../support/tempDataDir';
import { writeTenantExport, zephyrRows } from '../support/tenantExport';

it('publishes a read, keeps it when a later read fails, ignores another source, and falls back to the source', async () => {
  const data = createTempDataDir();
  const tenant = writeTenantExport(zephyrRows());
  const database = createSqliteDatabase(data.dir);
  try {
    const records = createSqliteRecordsStore(database);
    const store = createFileSnapshotStore(`${data.dir}/snapshots`);
    const logger = createSilentLogger();
    const source = (builder: () => PostureStoreBuilder) => createPostureLoader({ postureSnapshot: tenant.path, postureLenient: false }, { logger, builder })();
    let reads = 0;
    let failing = false;
    const shared = (name: string, sourceKey = 'k1') =>
      createSharedPostureLoader({
        store, sourceKey, replica: name, logger, maxAgeMs: 0, waitMs: 200,
        lease: createJobLease(records, { job: 'posture-load', holder: name, ttlMs: 60_000 }),
        newBuilder: () => createPostureStoreBuilder(),
        readSource: async (builder) => {
          reads++;
          if (failing) throw new Error('source unreachable');
          return source(builder);
        },
      });
    const a = shared('a');
    const first = await a.load();
    const published = await store.head();
    expect(published?.meta).toMatchObject({ rows: first.rows, hash: first.hash, publishedBy: 'a', readAt: first.loadedAt });
    expect(a.readAt()).toBe(first.loadedAt);

    failing = true;
    await expect(a.load()).rejects.toThrow('source unreachable');
    expect((await store.head())?.etag).toBe(published?.etag);

    // Another replica of the same source adopts without reading; one of another source never adopts this copy.
    failing = false;
    reads = 0;
    const b = await shared('b').load();
    expect(reads).toBe(0);
    expect(b.rows).toBe(first.rows);
    const other = await shared('c', 'k2').load(); // no lease (a holds it), no copy of k2: waits, then reads itself
    expect(reads).toBe(1);
    expect(other.rows).toBe(first.rows);
    expect((await store.head())?.meta.sourceKey).toBe('k1');
  } finally {
    database.close();
    tenant.cleanup();
    data.cleanup();
  }
});
