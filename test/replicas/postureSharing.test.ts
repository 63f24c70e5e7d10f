// Posture shared between replicas on one Azure storage account (Azurite): the replica holding the posture-load lease
// reads the source and publishes a snapshot blob, the other adopts it instead of reading the source; new data and
// posture changes made on one show on the other within 5 s; a restart adopts a fresh copy.
import { writeFileSync } from 'node:fs';
import { createJobLease } from '../../src/jobs/jobLease';
import type { OverlayChange } from '../../src/posture/model';
import { openPostureHolder, type PostureHolder } from '../../src/posture/postureHolder';
import { postureSourceKey } from '../../src/posture/snapshotSharing';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { azureStorageClients } from '../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../src/storage/azure/azureRecordsStore';
import { createAzureSnapshotStore } from '../../src/storage/azure/azureSnapshotStore';
import { startAzurite, type Azurite } from '../support/azurite';
import { createMemoryLogger, type MemoryLogger } from '../support/memoryLogger';
import { fleetRows, writeTenantExport, zephyrRows } from '../support/tenantExport';

jest.setTimeout(120_000);
let azurite: Azurite;
const tenant = writeTenantExport(zephyrRows());
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  tenant.cleanup();
  await azurite?.stop();
});

const ZETA = '7a1e0c2d-0000-4000-8000-00000000f1a0';
const QUASAR_VULN = `/subscriptions/${ZETA}/resourceGroups/rg-ørsted/providers/Microsoft.Compute/virtualMachines/vm-quasar-07/providers/Microsoft.Security/assessments/1195afff-c881-495e-9bc5-1486211ae03f`;

interface Replica {
  holder: PostureHolder;
  log: MemoryLogger;
  close(): Promise<void>;
}

const settings = { postureSnapshot: tenant.path, postureLenient: false };
const messages = (replica: Replica) => replica.log.lines().map((line) => String(line.msg));

async function startReplica(account: string, name: string, options: { maxAgeMs?: number } = {}): Promise<Replica> {
  const clients = azureStorageClients({ connectionString: azurite.connectionString });
  const records = createAzureRecordsStore({ table: clients.table(account), blobs: clients.container(account) });
  const lease = createJobLease(records, { job: 'posture-load', holder: name, ttlMs: 60_000 });
  const log = createMemoryLogger('info');
  const holder = await openPostureHolder(settings, {
    logger: log.logger,
    records,
    shared: { store: createAzureSnapshotStore(clients.container(account)), lease, sourceKey: postureSourceKey(settings), replica: name, maxAgeMs: options.maxAgeMs ?? 0, waitMs: 30_000 },
  });
  return {
    holder,
    log,
    close: async () => {
      holder.close();
      await lease.release();
      await records.close();
    },
  };
}

async function within(limitMs: number, seen: () => boolean): Promise<number> {
  const started = Date.now();
  while (!seen()) {
    if (Date.now() - started > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

describe('posture shared by two replicas through a snapshot blob', () => {
  let name: string;
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    name = azurite.uniqueName();
    [a, b] = await Promise.all([startReplica(name, 'replica-a'), startReplica(name, 'replica-b')]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('reads the source on one replica only; the other adopts its copy and answers the same', () => {
    const reads = [a, b].map((replica) => messages(replica).filter((msg) => msg === 'posture data loaded').length);
    expect([...reads].sort()).toEqual([0, 1]);
    const [reader, adopter] = reads[0] === 1 ? [a, b] : [b, a];
    expect(messages(reader)).toContain('posture snapshot published');
    expect(messages(adopter)).toContain('posture snapshot adopted');
    expect(adopter.holder.info()).toMatchObject({ rows: reader.holder.info().rows, exportHash: reader.holder.info().exportHash, loadedAt: reader.holder.info().loadedAt });
    expect(adopter.holder.current().details(SYSTEM_VIEWER, QUASAR_VULN)).toEqual(reader.holder.current().details(SYSTEM_VIEWER, QUASAR_VULN));
    expect(adopter.holder.current().capabilities(SYSTEM_VIEWER)).toEqual(reader.holder.current().capabilities(SYSTEM_VIEWER));
  });

  it('shows a posture change made on one replica on the other within 5 s', async () => {
    const change: OverlayChange = { kind: 'governance', assessmentId: QUASAR_VULN, owner: 'new.owner@example.com', dueDate: Date.now() + 9 * 86_400_000, at: Date.now(), by: 'Ada' };
    await a.holder.applyChange(change);
    const ms = await within(5000, () => b.holder.current().details(SYSTEM_VIEWER, QUASAR_VULN)?.owner === 'new.owner@example.com');
    expect(ms).toBeLessThanOrEqual(5000);
  });

  it('shows new data read on the publishing replica on the other within 5 s', async () => {
    const reader = messages(a).includes('posture snapshot published') ? a : b;
    const other = reader === a ? b : a;
    const before = other.holder.info().rows;
    writeFileSync(tenant.path, fleetRows(40).map((row) => JSON.stringify(row)).join('\n') + '\n');
    await reader.holder.reload();
    expect(reader.holder.info().rows).toBeGreaterThan(before);
    await within(5000, () => other.holder.info().rows === reader.holder.info().rows);
    expect(other.holder.info().exportHash).toBe(reader.holder.info().exportHash);
    // The change made earlier is still laid over the adopted data.
    expect(other.holder.current().details(SYSTEM_VIEWER, QUASAR_VULN)?.owner).toBe('new.owner@example.com');
  });

  it('a restarted replica adopts a fresh published copy instead of reading the source', async () => {
    const restarted = await startReplica(name, 'replica-c', { maxAgeMs: 10 * 60_000 });
    try {
      expect(messages(restarted)).toContain('posture snapshot adopted');
      expect(messages(restarted)).not.toContain('posture data loaded');
      expect(restarted.holder.info().rows).toBe(a.holder.info().rows);
    } finally {
      await restarted.close();
    }
  });
});
