// The composed bot on the demo tenant (with its generated history), for whole-turn tests: replies are read the way
// a user sees them (seeReplies), and the engine is there to compute what the answers should hold.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { seeReplies } from './cardText';
import { createMemoryDeduper } from './memoryDeduper';
import { adapterTurns } from './adapterTurns';

export async function demoBot() {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0' }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, createMemoryRecordsStore());
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const turn = adapterTurns(bot);
  return {
    engine: () => skills.posture.current(),
    turn: async (activity: Partial<Activity>) => seeReplies({ activities: await turn(activity) }),
    close: () => skills.posture.close(),
  };
}
