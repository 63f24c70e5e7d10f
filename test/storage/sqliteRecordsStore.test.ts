import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { expectAppError, runRecordsStoreContract } from './recordsStore.contract';
import { createTempDataDir } from './sqliteHarness';

runRecordsStoreContract('SQLite', async () => {
  const data = await createTempDataDir();
  return {
    store: createSqliteRecordsStore(data.open()),
    openAnother: async () => createSqliteRecordsStore(data.open()),
    reopen: async () => {
      data.closeAll();
      return createSqliteRecordsStore(data.open());
    },
    cleanup: () => data.cleanup(),
  };
});

describe('SQLite records store specifics', () => {
  it('stamps updatedAt from the injected clock', async () => {
    const data = await createTempDataDir();
    try {
      const store = createSqliteRecordsStore(data.open(), { now: () => 1234 });
      expect((await store.put('c', 'i', 1)).updatedAt).toBe(1234);
      expect((await store.get('c', 'i'))?.updatedAt).toBe(1234);
    } finally {
      await data.cleanup();
    }
  });

  it('refuses calls after the store or its database is closed, with STORAGE_FAILURE', async () => {
    const data = await createTempDataDir();
    try {
      const db = data.open();
      const closedStore = createSqliteRecordsStore(db);
      await closedStore.close();
      await expectAppError(closedStore.get('c', 'i'), 'STORAGE_FAILURE');
      const liveStore = createSqliteRecordsStore(db);
      await liveStore.put('c', 'i', 1);
      db.close();
      await expectAppError(liveStore.get('c', 'i'), 'STORAGE_FAILURE');
      expect((await createSqliteRecordsStore(data.open()).get('c', 'i'))?.value).toBe(1);
    } finally {
      await data.cleanup();
    }
  });

  it('explains an unstorable value in the cause without writing', async () => {
    const data = await createTempDataDir();
    try {
      const store = createSqliteRecordsStore(data.open());
      const error = await store.put('c', 'i', { deep: { when: new Date(0) } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STORAGE_FAILURE', details: { path: '$.deep.when' } });
      expect(String((error as Error).cause)).toMatch(/\$\.deep\.when is a Date/);
    } finally {
      await data.cleanup();
    }
  });
});
