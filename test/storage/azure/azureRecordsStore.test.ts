// The RecordsStore contract on Azurite (Table + Blob), the same suite SQLite passes, plus what only Azure needs.
import { azureStorageClients } from '../../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../../src/storage/azure/azureRecordsStore';
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
