// The skills and planner of the test bot processes that a test kills or drains mid-turn (killableBot.ts,
// replicaBot.ts): only the help module, and a planner that, for "slow", prints TURN_STARTED on stdout and then takes
// slowMs before it answers "answered slowly", so the test knows a turn is running.
import type { MessagePlanner } from '../../src/actions/contracts/messagePlanner';
import { createActionRegistry } from '../../src/actions/registry';
import { registerModules } from '../../src/app';
import { helpModule } from '../../src/skills/help/module';
import { createCardActionRouter } from '../../src/teams/cardActionRouter';
import type { Reply } from '../../src/views/reply';
import { createFakePlanner } from './fakePlanner';

export function slowHelpBotParts(slowMs: number) {
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  const help = registerModules(registry, cardActions, [helpModule], {});
  const fake = createFakePlanner({ slow: [{ say: 'answered slowly' }], help: [{ do: 'help' }] });
  const planner: MessagePlanner = {
    plan: async (request) => {
      if (request.text.trim() === 'slow') {
        process.stdout.write('TURN_STARTED\n');
        await new Promise((resolve) => setTimeout(resolve, slowMs));
      }
      return fake.plan(request);
    },
  };
  return { registry, cardActions, help, planner };
}
