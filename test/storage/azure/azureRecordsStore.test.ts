// The RecordsStore contract on Azurite (Table + Blob), the same suite SQLite passes, plus what only Azure needs.
import { azureStorageClients } from '../../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../../src/storage/azure/azureRecordsStore';
import { createOrphanBlobSweep } from '../../../src/storage/azure/orphanBlobSweep';
import { randomUUID } from 'node:crypto';
import type { RecordsStore } from '../../../src/storage/recordsStore';
import { startAzurite, type Azurite } from '../../support/azurite';
import { runRecordsStoreContract } from '../recordsStore.contract';

jest.setTimeout(60_000);
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => azurite?.stop());

function openStore(name: string, options: { inlineLimit?: number; now?: () => number } = {}): RecordsStore {
  const clients = azureStorageClients({ connectionString: azurite.connectionString });
  return createAzureRecordsStore({ table: clients.table(name), blobs: clients.container(name), ...options });
}

runRecordsStoreContract('Azure Table storage on Azurite', async () => {
  const name = azurite.uniqueName();
  return {
    store: openStore(name),
    openAnother: async () => openStore(name),
    reopen: async () => openStore(name),
    cleanup: async () => {
      const clients = azureStorageClients({ connectionString: azurite.connectionString });
      await clients.table(name).deleteTable();
      await clients.container(name).deleteIfExists();
    },
  };
});

describe('Azure records store specifics', () => {
  const blobsIn = async (name: string) => {
    const names: string[] = [];
    for await (const blob of azureStorageClients({ connectionString: azurite.connectionString }).container(name).listBlobsFlat()) names.push(blob.name);
    return names;
  };

  it('keeps a value too big for a row in one blob, and removes the old blob on rewrite and delete', async () => {
    const name = azurite.uniqueName();
    const store = openStore(name, { inlineLimit: 20 });
    const first = await store.put('big', 'b', { text: 'x'.repeat(100) });
    expect(await blobsIn(name)).toHaveLength(1);
    const second = await store.put('big', 'b', { text: 'y'.repeat(100) }, { ifMatch: first.etag });
    expect(await blobsIn(name)).toHaveLength(1);
    expect(await openStore(name).get('big', 'b')).toEqual(second);
    await store.put('big', 'b', { small: 1 });
    expect(await blobsIn(name)).toHaveLength(0);
    await store.put('big', 'b', { text: 'z'.repeat(100) });
    expect(await store.delete('big', 'b')).toBe(true);
    expect(await blobsIn(name)).toHaveLength(0);
  });

  it('writes only URL-safe keys within the Table limit, with the real names and a schema version on the row', async () => {
    const name = azurite.uniqueName();
    const store = openStore(name);
    const names = ['a/b\\c#d?e', '\u0001\u007f\u009f', '😀'.repeat(512), 'x'.repeat(1024)];
    for (const key of names) await store.put(key, key, 1);
    const table = azureStorageClients({ connectionString: azurite.connectionString }).table(name);
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of table.listEntities()) rows.push(row);
    expect(rows).toHaveLength(names.length);
    for (const row of rows) {
      expect(String(row.partitionKey)).toMatch(/^[-.0-9A-Za-z_~]{1,480}$/);
      expect(String(row.rowKey)).toMatch(/^[-.0-9A-Za-z_~]{1,480}$/);
      expect(names).toContain(row.c);
      expect(row.s).toBe(1);
    }
  });

  it('stamps updatedAt from the injected clock', async () => {
    const store = openStore(azurite.uniqueName(), { now: () => 1234 });
    expect((await store.put('c', 'i', 1)).updatedAt).toBe(1234);
    expect((await store.get('c', 'i'))?.updatedAt).toBe(1234);
  });
});

describe('rolling deploys: rows written by a newer version', () => {
  it('reads a row with a higher schema version, unknown row properties and unknown value fields, and writes over it', async () => {
    const name = azurite.uniqueName();
    const store = openStore(name);
    await store.put('delegations', 'd-1', { owner: 'a@example.com' });
    const table = azureStorageClients({ connectionString: azurite.connectionString }).table(name);
    const [row] = await (async () => {
      const rows = [];
      for await (const entity of table.listEntities<Record<string, unknown>>()) rows.push(entity);
      return rows;
    })();
    const { etag: _etag, timestamp: _timestamp, ...entity } = row as Record<string, unknown> & { partitionKey: string; rowKey: string };
    await table.upsertEntity({ ...entity, partitionKey: entity.partitionKey, rowKey: entity.rowKey, s: 2, zNewerProperty: 'kept', n: 1, v0: JSON.stringify({ owner: 'b@example.com', escalateTo: 'lead@example.com' }) }, 'Replace');
    const read = await store.get<{ owner: string }>('delegations', 'd-1');
    expect(read?.value).toEqual({ owner: 'b@example.com', escalateTo: 'lead@example.com' });
    expect((await store.list('delegations')).map((r) => r.id)).toEqual(['d-1']);
    const written = await store.put('delegations', 'd-1', { ...read!.value, owner: 'c@example.com' }, { ifMatch: read!.etag });
    expect((await store.get('delegations', 'd-1'))?.etag).toBe(written.etag);
  });
});

describe('orphaned value blobs', () => {
  const blobNames = async (name: string) => {
    const names: string[] = [];
    for await (const blob of azureStorageClients({ connectionString: azurite.connectionString }).container(name).listBlobsFlat()) names.push(blob.name);
    return names.sort();
  };

  it('removes value blobs no row points to once they are old enough, and nothing else', async () => {
    const name = azurite.uniqueName();
    const store = openStore(name, { inlineLimit: 10 });
    await store.put('big', 'kept', { text: 'x'.repeat(100) });
    const clients = azureStorageClients({ connectionString: azurite.connectionString });
    const container = clients.container(name);
    const orphan = `${randomUUID()}.json`;
    await container.getBlockBlobClient(orphan).uploadData(Buffer.from('{"lost":true}'));
    await container.getBlockBlobClient('posture/snapshot.jsonl.gz').uploadData(Buffer.from('not a value'));
    const before = await blobNames(name);
    expect(before).toHaveLength(3);
    const sweep = createOrphanBlobSweep({ table: clients.table(name), blobs: container, minAgeMs: 60_000 });
    // Too young: a value being written right now (blob first, then its row) must never be taken.
    expect(await sweep(Date.now(), 100)).toBe(0);
    expect(await sweep(Date.now() + 120_000, 100)).toBe(1);
    expect(await blobNames(name)).toEqual(before.filter((blob) => blob !== orphan));
    expect((await store.get<{ text: string }>('big', 'kept'))?.value.text).toHaveLength(100);
    expect(await sweep(Date.now() + 120_000, 100)).toBe(0);
  });
});
