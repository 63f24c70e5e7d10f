import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { runConversationStorageContract } from './conversationStorage.contract';
import { createTempDataDir, type TempDataDir } from './sqliteHarness';

runConversationStorageContract('SQLite', async () => {
  const data = await createTempDataDir();
  return { storage: createSqliteConversationStorage(data.open()), cleanup: () => data.cleanup() };
});

// Where botbuilder's storages disagree among themselves, or MemoryStorage cannot show it, ours is pinned here.
describe('SQLite conversation storage specifics', () => {
  let data: TempDataDir;
  beforeEach(async () => {
    data = await createTempDataDir();
  });
  afterEach(async () => data.cleanup());

  it('writes all keys of one call or none (a conflict on one rolls back the others)', async () => {
    const storage = createSqliteConversationStorage(data.open());
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const read = await storage.read(['a', 'b']);
    await storage.write({ b: { n: 2 } });
    await expect(storage.write({ a: { ...read.a, n: 5 }, b: { ...read.b, n: 5 }, c: { n: 5 } })).rejects.toThrow(
      'Storage: error writing "b" due to eTag conflict.',
    );
    const after = await storage.read(['a', 'b', 'c']);
    expect(after.a).toMatchObject({ n: 1, eTag: read.a.eTag });
    expect(after.b).toMatchObject({ n: 2 });
    expect(after.c).toBeUndefined();
  });

  it('treats an eTag write to a deleted key as a conflict, like BlobsStorage (MemoryStorage recreates it)', async () => {
    const storage = createSqliteConversationStorage(data.open());
    await storage.write({ k: { n: 1 } });
    const held = (await storage.read(['k'])).k;
    await storage.delete(['k']);
    await expect(storage.write({ k: { ...held, n: 2 } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['k'])).toEqual({});
  });

  it('detects a stale eTag written through another connection, and survives a restart', async () => {
    const first = createSqliteConversationStorage(data.open());
    const second = createSqliteConversationStorage(data.open());
    await first.write({ k: { n: 1 } });
    const held = (await first.read(['k'])).k;
    await second.write({ k: { ...(await second.read(['k'])).k, n: 2 } });
    await expect(first.write({ k: { ...held, n: 3 } })).rejects.toThrow(/eTag conflict/);
    data.closeAll();
    const reopened = createSqliteConversationStorage(data.open());
    expect((await reopened.read(['k'])).k).toMatchObject({ n: 2 });
  });

  it('accepts an empty key, and refuses what it cannot store with a clear error, writing nothing', async () => {
    const storage = createSqliteConversationStorage(data.open());
    await storage.write({ '': { n: 1 } });
    expect((await storage.read(['']))['']).toMatchObject({ n: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(storage.write({ fine: { n: 1 }, loop: cyclic })).rejects.toThrow(/"loop" cannot be saved as JSON/);
    await expect(storage.write({ fine: { n: 1 }, num: 5 })).rejects.toThrow(/"num" must be an object/);
    await expect(storage.write({ ['half \ud800']: { n: 1 } })).rejects.toThrow(/unpaired surrogate/);
    expect(await storage.read(['fine'])).toEqual({});
  });
});
