// A whole bot for turn tests: the real registry, card router, gates and Application, driven by botbuilder's
// TestAdapter (no HTTP). Replies are read from the adapter's queue after each turn.
import { TestAdapter, type Activity } from 'botbuilder';
import type { z } from 'zod';
import { createActionRegistry, type ActionDefinition } from '../../src/actions/registry';
import type { HelpCatalog, SkillModule } from '../../src/actions/skillModule';
import { createBot, registerModules, type Bot, type BotConfig } from '../../src/app';
import { createSilentLogger, type Logger } from '../../src/logging/logger';
import { analyzeModule } from '../../src/skills/analyze/module';
import { helpModule } from '../../src/skills/help/module';
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
  /** The registered modules' help entries: analyze's and help's. */
  help: HelpCatalog;
  /** Runs one activity through the whole turn and returns what the bot sent. */
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** The analyze module's help entries without its actions (they need posture data): prompts for the cards. */
const analyzeSamples: SkillModule<unknown, Reply> = { name: 'analyzeSamples', help: analyzeModule.help, templates: [], create: () => ({ actions: [], cardVerbs: [] }) };

export function createTestBot(options: TestBotOptions = {}): TestBot {
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  const help = registerModules(registry, cardActions, [analyzeSamples, helpModule], {});
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
      help,
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
    help,
    turn: async (activity) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
  };
}
