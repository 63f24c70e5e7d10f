// npm run storage:migrate on Azurite: a SQLite DATA_DIR (records in several collections, conversation state with an
// empty key, a job lease) copied into Azure Table storage; counts reported; a second run copies nothing; a run that
// stops half way resumes after its last page; what the target already has is never overwritten.
import { azureStorageClients } from '../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../src/storage/azure/azureRecordsStore';
import { main } from '../../src/cli/migrateStorage';
import { JOB_LEASES_COLLECTION } from '../../src/jobs/jobLease';
import { migrateSqliteToRecords } from '../../src/storage/migrateStorage';
import { createRecordsConversationStorage } from '../../src/storage/recordsConversationStorage';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { startAzurite, type Azurite } from '../support/azurite';
import { recommendationRef, rememberShown, resolveShown, SHOWN_REFS_KEY } from '../../src/actions/contracts/shownRefs';
import { attachShownRefLog } from '../../src/storage/shownRefLog';
import { SHOWN_REFS_COLLECTION } from '../../src/storage/sqliteShownRefs';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

jest.setTimeout(120_000);
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => azurite?.stop());

describe('storage:migrate (SQLite DATA_DIR into Azure storage)', () => {
  let data: TempDataDir;
  let database: SqliteDatabase;
  let name: string;
  let target: RecordsStore;
  beforeEach(async () => {
    data = createTempDataDir();
    database = createSqliteDatabase(data.dir);
    const records = createSqliteRecordsStore(database);
    for (let i = 0; i < 7; i++) await records.put('delegations', `d-${String(i).padStart(2, '0')}`, { owner: `o${i}@example.com`, due: 1_764_800_000_000 + i });
    await records.put('feedback', 'f-1', { rating: 'up', text: 'é 日本 😀' });
    await records.put(JOB_LEASES_COLLECTION, 'retention', { holder: 'old-process', until: Date.now() + 60_000 });
    await createSqliteConversationStorage(database).write({ '': { empty: true }, 'msteams/conversations/a:1': { turns: 3, last: 'show all risks' }, 'msteams/users/u1': { tz: 'Europe/Oslo' } });
    name = azurite.uniqueName();
    const clients = azureStorageClients({ connectionString: azurite.connectionString });
    target = createAzureRecordsStore({ table: clients.table(name), blobs: clients.container(name) });
  });
  afterEach(async () => {
    database.close();
    await target.close();
    data.cleanup();
  });

  it('copies records and conversation state, reports counts, and copies nothing on a second run', async () => {
    const first = await migrateSqliteToRecords(database, target, { pageSize: 3 });
    expect(first).toEqual([
      { part: 'records:delegations', copied: 7, alreadyThere: 0, differing: 0 },
      { part: 'records:feedback', copied: 1, alreadyThere: 0, differing: 0 },
      { part: 'conversation state', copied: 3, alreadyThere: 0, differing: 0 },
    ]);
    expect((await target.list('delegations')).map((r) => r.value)).toEqual((await createSqliteRecordsStore(database).list('delegations')).map((r) => r.value));
    expect((await target.get('feedback', 'f-1'))?.value).toEqual({ rating: 'up', text: 'é 日本 😀' });
    expect(await target.list(JOB_LEASES_COLLECTION)).toEqual([]);
    const state = await createRecordsConversationStorage(target).read(['', 'msteams/conversations/a:1', 'msteams/users/u1']);
    expect(state['msteams/conversations/a:1']).toMatchObject({ turns: 3, last: 'show all risks' });
    expect(state['']).toMatchObject({ empty: true });

    // Finished parts are not read again; --from-start compares every record and finds them there.
    expect((await migrateSqliteToRecords(database, target, { pageSize: 3 })).map((c) => c.copied)).toEqual([7, 1, 3]);
    expect(await migrateSqliteToRecords(database, target, { pageSize: 3, fromStart: true })).toEqual([
      { part: 'records:delegations', copied: 0, alreadyThere: 7, differing: 0 },
      { part: 'records:feedback', copied: 0, alreadyThere: 1, differing: 0 },
      { part: 'conversation state', copied: 0, alreadyThere: 3, differing: 0 },
    ]);
  });

  it('puts shown refs kept beside the state back into it (the target has no log), and copies no pages as records', async () => {
    const key = 'msteams/conversations/a:shown';
    const conversations = createSqliteConversationStorage(database);
    const shownIds = Array.from({ length: 12 }, (_, i) => `/subscriptions/s/providers/x/assessments/${i}`);
    for (const page of [shownIds.slice(0, 10), shownIds.slice(10)]) {
      const bag = ((await conversations.read([key]))[key] as Record<string, unknown> | undefined) ?? {};
      attachShownRefLog(bag, conversations.shownRefLog!(key));
      rememberShown({ get: <T>(k: string) => bag[k] as T | undefined, set: (k, v) => void (bag[k] = v), delete: (k) => void delete bag[k] }, page);
      await conversations.write({ [key]: bag });
    }
    await migrateSqliteToRecords(database, target, { pageSize: 3 });
    expect(await target.list(SHOWN_REFS_COLLECTION)).toEqual([]);
    const state = (await createRecordsConversationStorage(target).read([key]))[key] as Record<string, unknown>;
    expect(state[SHOWN_REFS_KEY]).toEqual(shownIds.map((id) => [recommendationRef(id), id]));
    const memory = { get: <T>(k: string) => state[k] as T | undefined, set: () => undefined, delete: () => undefined };
    expect(resolveShown(memory, recommendationRef(shownIds[11]!))).toBe(shownIds[11]);
  });

  it('resumes after the last page of a run that stopped, and keeps what the target already has', async () => {
    await target.put('delegations', 'd-01', { owner: 'changed.on.azure@example.com' });
    let puts = 0;
    const failing: RecordsStore = {
      ...target,
      get: (c, i) => target.get(c, i),
      list: (c, o) => target.list(c, o),
      put: (c, i, v, o) => {
        if (c === 'delegations' && ++puts > 4) return Promise.reject(new Error('network gone'));
        return target.put(c, i, v, o);
      },
    };
    await expect(migrateSqliteToRecords(database, failing, { pageSize: 3 })).rejects.toThrow('network gone');
    const resumed = await migrateSqliteToRecords(database, target, { pageSize: 3 });
    // The first page (d-00..d-02) was checkpointed; the second was half copied and is compared again, not rewritten.
    expect(resumed[0]).toEqual({ part: 'records:delegations', copied: 4, alreadyThere: 2, differing: 1 });
    expect((await target.get('delegations', 'd-01'))?.value).toEqual({ owner: 'changed.on.azure@example.com' });
    expect((await target.list('delegations')).length).toBe(7);
  });

  it('runs as a command with the settings, and says what is missing', async () => {
    database.close();
    const lines: string[] = [];
    const env = { APP_ENV: 'local', DATA_DIR: data.dir, STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_TABLE: name, AZURE_STORAGE_CONTAINER: name };
    expect(await main([], env, (text) => lines.push(text))).toBe(0);
    expect(lines.join('')).toContain('total: copied 11, already there 0, differing (kept as in Azure) 0');
    expect(await main([], { APP_ENV: 'local', DATA_DIR: data.dir }, () => undefined)).toBe(2);
    expect(await main(['--everything'], env, () => undefined)).toBe(2);
    database = createSqliteDatabase(data.dir);
  });
});
