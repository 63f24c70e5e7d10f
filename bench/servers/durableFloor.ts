// Floor (d), a decomposition, not a target's denominator: the bot as `npm start` composes it (its config, its SQLite
// storage under DATA_DIR, the turn gate's delivery mark and closing commit, reply records, contact capture, the
// per-conversation queue, teams-ai with the bot's merging turn state, the registry and its usage and data-age
// wrappers), except that its planner plans one fixed action every turn: send the card floor's list card. So the
// card floor → this floor step is what the bot's durable, gated turn adds around a card, and this floor → bot step
// is what planning, the query, the skill's view and the conversation state the skill keeps add.
import { z } from 'zod';
import { actionStep, type MessagePlanner } from '../../src/actions/contracts/messagePlanner';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills, linkRoutes, turnStorageDeps } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { openStorage } from '../../src/storage/openStorage';
import { fixedCard } from './fixedCard';

const FIXED_ACTION = 'benchFixedListCard';

async function main(): Promise<void> {
  const config = loadConfig({ env: process.env, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const storage = await openStorage(config, logger);
  const { records } = storage;
  const { scriptLinks, announceUrl, downloadLinks, ...skills } = await composeSkills(config, logger, records, { eraseConversations: storage.eraseConversations });
  const { reply } = fixedCard();
  skills.registry.register({
    name: FIXED_ACTION,
    description: 'The card floor’s list card, for the bench',
    parameters: z.object({}).strict(),
    sideEffects: false,
    handler: async (_params, context) => context.reply(reply),
  });
  const planner: MessagePlanner = { plan: async () => ({ steps: [actionStep({ name: FIXED_ACTION, parameters: {} })] }) };
  const bot = createBot(config, { logger, ...turnStorageDeps(config, storage, logger), ...skills, planner, ...linkRoutes({ scriptLinks, downloadLinks }) });
  const { url } = await bot.start();
  announceUrl(url);
  process.on('SIGTERM', () => {
    void bot
      .stop()
      .then(() => skills.posture.close())
      .then(() => storage.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`durable floor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
