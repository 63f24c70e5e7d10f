// A whole bot for turn tests: the real registry, card router, gates and Application, driven by botbuilder's
// TestAdapter (no HTTP). Replies are read from the adapter's queue after each turn.
import { TestAdapter, type Activity } from 'botbuilder';
import type { z } from 'zod';
import { createActionRegistry, type ActionDefinition } from '../../src/actions/registry';
import { createBot, registerPlatformActions, type Bot, type BotConfig } from '../../src/app';
import { createSilentLogger, type Logger } from '../../src/logging/logger';
import { createCardActionRouter, type CardActionRouter, type CardVerb } from '../../src/teams/cardActionRouter';
import type { ActivityDeduper } from '../../src/teams/turnGate';
import type { Reply } from '../../src/views/reply';
import { createFakePlanner, type FakePlanner, type FakeStep } from './fakePlanner';
import { createMemoryDeduper } from './memoryDeduper';
import { SpyStorage } from './spyStorage';

export interface TestBotOptions {
  config?: Partial<BotConfig>;
  routes?: Record<string, FakeStep[]>;
  /** Extra actions registered beside help. */
  actions?: ActionDefinition<z.ZodTypeAny, Reply>[];
  verbs?: CardVerb[];
  deduper?: ActivityDeduper;
  logger?: Logger;
}

export interface TestBot {
  bot: Bot;
  adapter: TestAdapter;
  storage: SpyStorage;
  planner: FakePlanner;
  cardActions: CardActionRouter;
  /** Runs one activity through the whole turn and returns what the bot sent. */
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

export function createTestBot(options: TestBotOptions = {}): TestBot {
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  registerPlatformActions(registry, cardActions);
  for (const action of options.actions ?? []) registry.register(action);
  for (const verb of options.verbs ?? []) cardActions.register(verb);
  const storage = new SpyStorage();
  const planner = createFakePlanner(options.routes);
  const bot = createBot(
    { port: 0, allowedTenantIds: [], ...options.config },
    {
      logger: options.logger ?? createSilentLogger(),
      storage,
      deduper: options.deduper ?? createMemoryDeduper(),
      planner,
      registry,
      cardActions,
      startTypingTimer: false,
    },
  );
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  return {
    bot,
    adapter,
    storage,
    planner,
    cardActions,
    turn: async (activity) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
  };
}
