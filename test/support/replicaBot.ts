// A real bot process for replica tests: HTTP, conversation state, the delivery lease and a job lease in one Azure
// storage account (AZURITE connection string + TABLE), a planner that takes SLOW_MS for "slow" (printing
// TURN_STARTED first), and the shutdown drain the composition root uses: on SIGTERM /readyz goes unready, new turns
// get 503 + Retry-After, the running turn finishes, the lease is released, then it prints STOPPED and exits 0.
// Run with: node -r test/support/tsRequire.js test/support/replicaBot.ts
import { createBot } from '../../src/app';
import { createJobLease } from '../../src/jobs/jobLease';
import { createDrain, drainingReadiness } from '../../src/lifecycle/drain';
import { createSilentLogger } from '../../src/logging/logger';
import { createActivityDeduper } from '../../src/storage/activityDeduper';
import { azureStorageClients } from '../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../src/storage/azure/azureRecordsStore';
import { createRecordsConversationStorage } from '../../src/storage/recordsConversationStorage';
import { slowHelpBotParts } from './slowHelpBot';

async function run(): Promise<void> {
  const slowMs = Number(process.env.SLOW_MS ?? 0);
  const name = process.env.TABLE ?? '';
  const clients = azureStorageClients({ connectionString: process.env.AZURITE ?? '' });
  const records = createAzureRecordsStore({ table: clients.table(name), blobs: clients.container(name) });
  const { registry, cardActions, help, planner } = slowHelpBotParts(slowMs);
  const drain = createDrain();
  const lease = createJobLease(records, { job: 'replica-test', holder: process.env.REPLICA ?? String(process.pid), ttlMs: 600_000 });
  const bot = createBot(
    { port: 0, host: '127.0.0.1', allowedTenantIds: [] },
    {
      logger: createSilentLogger(),
      storage: createRecordsConversationStorage(records),
      deduper: createActivityDeduper(records, { ttlMs: 60_000, leaseMs: Number(process.env.LEASE_MS ?? 1_000) }),
      planner,
      registry,
      cardActions,
      help,
      startTypingTimer: false,
      ready: drainingReadiness(drain, async () => ({ ready: true, facts: {} })),
      admit: drain.admit,
    },
  );
  const { url } = await bot.start();
  if (process.env.TAKE_LEASE === '1' && !(await lease.tryAcquire())) throw new Error('the job lease is held elsewhere');
  process.stdout.write(`LISTENING ${url}\n`);
  process.once('SIGTERM', () => {
    process.stdout.write('DRAINING\n');
    void (async () => {
      const cutOff = await drain.begin(Number(process.env.GRACE_MS ?? 25_000));
      await bot.stop();
      await lease.release();
      await records.close();
      process.stdout.write(`STOPPED cutOff=${cutOff}\n`);
      process.exit(0);
    })();
  });
}

run().catch((error: unknown) => {
  process.stderr.write(`replica bot failed: ${String(error)}\n`);
  process.exit(1);
});
