// A real bot process for crash tests: HTTP, SQLite state and the delivery lease under DATA_DIR, with a planner that
// takes SLOW_MS for "slow" (and says TURN_STARTED on stdout first), so a test can SIGKILL it mid-turn.
// Run with: node -r test/support/tsRequire.js test/support/killableBot.ts
import { createBot } from '../../src/app';
import { createSilentLogger } from '../../src/logging/logger';
import { createActivityDeduper } from '../../src/storage/activityDeduper';
import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { slowHelpBotParts } from './slowHelpBot';

async function run(): Promise<void> {
  const slowMs = Number(process.env.SLOW_MS ?? 0);
  const database = createSqliteDatabase(process.env.DATA_DIR ?? '');
  const { registry, cardActions, help, planner } = slowHelpBotParts(slowMs);
  const bot = createBot(
    { port: 0, host: '127.0.0.1', allowedTenantIds: [] },
    {
      logger: createSilentLogger(),
      storage: createSqliteConversationStorage(database),
      deduper: createActivityDeduper(createSqliteRecordsStore(database), { ttlMs: 60_000, leaseMs: Number(process.env.LEASE_MS ?? 1_000) }),
      planner,
      registry,
      cardActions,
      help,
      startTypingTimer: false,
    },
  );
  const { url } = await bot.start();
  process.stdout.write(`LISTENING ${url}\n`);
}

run().catch((error: unknown) => {
  process.stderr.write(`killable bot failed: ${String(error)}\n`);
  process.exit(1);
});
