// Floor (c): the teams-ai echo plus the bot's own card path (real template, real renderer, real reply mapping)
// from a fixed view model. The gap between this and an analyze turn is the query, the planner and state.
import { MemoryStorage } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { toActivity } from '../../src/teams/replyActivity';
import { fixedCard } from './fixedCard';
import { startFloorServer } from './floorHttp';

function main(): void {
  const cards = createCardRenderer({ dir: projectPath('adaptiveCards') });
  const { reply } = fixedCard();
  const adapter = new TeamsAdapter({});
  const app = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false });
  app.message(/.*/, async (context) => {
    await context.sendActivity(toActivity(reply, cards));
  });
  startFloorServer('card-floor', (req, res) =>
    adapter.process(req, res, async (context) => {
      await app.run(context);
    }),
  );
}

main();
