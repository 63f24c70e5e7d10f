// `npm run bench:storage`: the storage work of one turn (claim the delivery, read and save conversation state,
// record the reply, mark the delivery done) on SQLite and on Azure storage (Azurite on loopback), interleaved round
// by round. Reports per store the median of the rounds' p50 and p99 (ms), their spread, and the ratio azure/sqlite.
// Azurite is an emulator on the same machine: the figure is the code path's cost, not Azure's network latency.
// Options: --turns N per round and store (default 200), --rounds R (default 5).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../src/paths';
import { createActivityDeduper } from '../src/storage/activityDeduper';
import { azureStorageClients } from '../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../src/storage/azure/azureRecordsStore';
import { createRecordsConversationStorage, type StateStorage } from '../src/storage/recordsConversationStorage';
import type { RecordsStore } from '../src/storage/recordsStore';
import { createReplyRecordStore } from '../src/storage/replyRecordStore';
import { createSqliteConversationStorage } from '../src/storage/sqliteConversationStorage';
import { createSqliteDatabase } from '../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../src/storage/sqliteRecordsStore';
import { startAzurite } from './azurite';
import { percentile, round } from './stats';
import { positiveWholeArg } from './cliArgs';


interface Store {
  name: 'sqlite' | 'azure';
  records: RecordsStore;
  state: StateStorage;
}

async function turnStorageWork(store: Store, n: number): Promise<void> {
  const conversationId = `a:bench-${n % 20}`;
  const claim = await createActivityDeduper(store.records, { ttlMs: 3_600_000 }).begin(`${store.name}|${conversationId}|${n}`);
  if (claim.kind !== 'claimed') throw new Error('a fresh delivery was not claimed');
  const key = `msteams/bot/conversations/${conversationId}`;
  const item = (await store.state.read([key]))[key] ?? {};
  await store.state.write({ [key]: { ...item, turns: Number(item.turns ?? 0) + 1, history: ['show all risks', 'details of the first one'] } });
  await createReplyRecordStore(store.records).record({
    channelId: 'msteams', conversationId, activityId: `reply-${n}`, delivery: 'connector', recommendationIds: ['r1', 'r2'], content: 'list', viewer: { userId: '29:ada' }, at: Date.now(),
  });
  await claim.complete();
}

async function main(): Promise<void> {
  const turns = positiveWholeArg('turns', 200);
  const rounds = positiveWholeArg('rounds', 5);
  const dir = mkdtempSync(join(tmpdir(), 'posture-bot-storage-bench-'));
  const azurite = await startAzurite();
  try {
    const database = createSqliteDatabase(dir);
    const clients = azureStorageClients({ connectionString: azurite.connectionString });
    const name = azurite.uniqueName();
    const azureRecords = createAzureRecordsStore({ table: clients.table(name), blobs: clients.container(name) });
    const stores: Store[] = [
      { name: 'sqlite', records: createSqliteRecordsStore(database), state: createSqliteConversationStorage(database) },
      { name: 'azure', records: azureRecords, state: createRecordsConversationStorage(azureRecords) },
    ];
    for (const store of stores) for (let i = 0; i < 20; i++) await turnStorageWork(store, -1 - i); // warm up
    const results: Record<string, { p50: number[]; p99: number[] }> = { sqlite: { p50: [], p99: [] }, azure: { p50: [], p99: [] } };
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      for (const store of stores) {
        const times: number[] = [];
        for (let t = 0; t < turns; t++) {
          const started = performance.now();
          await turnStorageWork(store, n++);
          times.push(performance.now() - started);
        }
        results[store.name]?.p50.push(percentile(times, 50));
        results[store.name]?.p99.push(percentile(times, 99));
      }
    }
    database.close();
    const median = (xs: number[]) => percentile(xs, 50);
    const line = (s: string) => {
      const x = results[s] ?? { p50: [], p99: [] };
      return `| ${s} | ${round(median(x.p50))} | ${round(Math.min(...x.p50))}-${round(Math.max(...x.p50))} | ${round(median(x.p99))} |`;
    };
    const ratio = round(median(results.azure?.p50 ?? []) / median(results.sqlite?.p50 ?? []));
    const report = [
      `# Storage work of one turn: SQLite vs Azure storage on Azurite`,
      '',
      `${rounds} rounds x ${turns} turns per store, interleaved; node ${process.version}; ${new Date().toISOString()}.`,
      'Per turn: claim the delivery, read and save conversation state, record the reply, mark the delivery done.',
      '',
      '| store | p50 ms (median of rounds) | p50 spread | p99 ms (median of rounds) |',
      '|---|---|---|---|',
      line('sqlite'),
      line('azure'),
      '',
      `Ratio azure/sqlite (p50): ${ratio}x. Azurite runs on this machine: add the network round trips to a real account (8 storage calls per turn: a conditional write reads the row first).`,
      '',
    ].join('\n');
    process.stdout.write(report);
    mkdirSync(projectPath('bench', 'results'), { recursive: true });
    writeFileSync(projectPath('bench', 'results', 'storage-latest.md'), report);
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
