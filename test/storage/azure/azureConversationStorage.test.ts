// The botbuilder Storage contract, the same suite SQLite and MemoryStorage pass, on conversation state kept in the
// Azure records store on Azurite; plus retention and erasure of that state.
import { azureStorageClients } from '../../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../../src/storage/azure/azureRecordsStore';
import { createRecordsConversationEraser, createRecordsConversationPruner, createRecordsConversationStorage } from '../../../src/storage/recordsConversationStorage';
import type { RecordsStore } from '../../../src/storage/recordsStore';
import { startAzurite, type Azurite } from '../../support/azurite';
import { runConversationStorageContract } from '../conversationStorage.contract';

jest.setTimeout(60_000);
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => azurite?.stop());

function openRecords(name: string, now?: () => number): RecordsStore {
  const clients = azureStorageClients({ connectionString: azurite.connectionString });
  return createAzureRecordsStore({ table: clients.table(name), blobs: clients.container(name), ...(now ? { now } : {}) });
}

runConversationStorageContract('records store on Azurite', async () => ({
  storage: createRecordsConversationStorage(openRecords(azurite.uniqueName())),
  cleanup: async () => undefined,
}));

describe('conversation state in the Azure records store', () => {
  it('is shared by two replicas: a stale eTag from the other one is a conflict', async () => {
    const name = azurite.uniqueName();
    const a = createRecordsConversationStorage(openRecords(name));
    const b = createRecordsConversationStorage(openRecords(name));
    await a.write({ k: { n: 1 } });
    const held = (await a.read(['k'])).k;
    await b.write({ k: { ...(await b.read(['k'])).k, n: 2 } });
    await expect(a.write({ k: { ...held, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await a.read(['k'])).k).toMatchObject({ n: 2 });
  });

  it('accepts the empty key, and refuses what it cannot store, writing nothing', async () => {
    const storage = createRecordsConversationStorage(openRecords(azurite.uniqueName()));
    await storage.write({ '': { n: 1 } });
    expect((await storage.read(['']))['']).toMatchObject({ n: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(storage.write({ fine: { n: 1 }, loop: cyclic })).rejects.toThrow(/"loop" cannot be saved as JSON/);
    await expect(storage.write({ fine: { n: 1 }, num: 5 as never })).rejects.toThrow(/"num" must be an object/);
    await expect(storage.write({ ['half \ud800']: { n: 1 } })).rejects.toThrow(/cannot be stored/);
    expect(await storage.read(['fine'])).toEqual({});
  });

  it('prunes idle state and erases a person\'s conversations and user state', async () => {
    let clock = 1_000;
    const records = openRecords(azurite.uniqueName(), () => clock);
    const storage = createRecordsConversationStorage(records);
    await storage.write({ 'msteams/bot/conversations/old': { n: 1 } });
    clock = 5_000;
    await storage.write({ 'msteams/bot/conversations/a:1': { n: 1 }, 'msteams/bot/users/29:u': { n: 1 }, 'msteams/bot/conversations/a:2': { n: 1 } });
    expect(await createRecordsConversationPruner(records)(2_000, 10)).toBe(1);
    expect(await createRecordsConversationEraser(records).erase(['a:1'], ['29:u'])).toBe(2);
    expect(Object.keys(await storage.read(['msteams/bot/conversations/old', 'msteams/bot/conversations/a:1', 'msteams/bot/users/29:u', 'msteams/bot/conversations/a:2']))).toEqual([
      'msteams/bot/conversations/a:2',
    ]);
  });
});
