// Starts the real bot (SQLite storage and deduper in a temp DATA_DIR) on an ephemeral port, for HTTP tests.
import { createActionRegistry } from '../../src/actions/registry';
import { createBot, registerModules, type Bot, type BotConfig } from '../../src/app';
import { createSilentLogger, type Logger } from '../../src/logging/logger';
import { helpModule } from '../../src/skills/help/module';
import { createActivityDeduper } from '../../src/storage/activityDeduper';
import { createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createCardActionRouter } from '../../src/teams/cardActionRouter';
import type { Reply } from '../../src/views/reply';
import { createFakePlanner, type FakeStep } from './fakePlanner';
import { createTempDataDir } from './tempDataDir';

export interface HttpAnswer {
  status: number;
  text: string;
  /** Parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface TestServer {
  bot: Bot;
  url: string;
  dataDir: string;
  /** POSTs to /api/messages; a string body is sent as is (for malformed JSON). */
  post(body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<BotConfig>;
  routes?: Record<string, FakeStep[]>;
  logger?: Logger;
  maxBodyBytes?: number;
}

async function answer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const temp = createTempDataDir();
  const database = createSqliteDatabase(temp.dir);
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  const help = registerModules(registry, cardActions, [helpModule], {});
  const bot = createBot(
    { port: 0, host: '127.0.0.1', allowedTenantIds: [], ...options.config },
    {
      logger: options.logger ?? createSilentLogger(),
      storage: createSqliteConversationStorage(database),
      deduper: createActivityDeduper(createSqliteRecordsStore(database), { ttlMs: 60_000 }),
      planner: createFakePlanner(options.routes),
      registry,
      cardActions,
      help,
      startTypingTimer: false,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    },
  );
  const { url } = await bot.start();
  return {
    bot,
    url,
    dataDir: temp.dir,
    post: async (body, headers = {}) =>
      answer(
        await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    get: async (path) => answer(await fetch(`${url}${path}`)),
    stop: async () => {
      await bot.stop();
      database.close();
      temp.cleanup();
    },
  };
}
