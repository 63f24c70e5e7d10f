// Floor (b): a teams-ai Application echo with in-memory turn state (load and save every turn, as the bot does).
import { MemoryStorage } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { startFloorServer } from './floorHttp';

function main(): void {
  const adapter = new TeamsAdapter({});
  const app = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false });
  app.message(/.*/, async (context) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
  startFloorServer('teams-ai-floor', (req, res) => adapter.process(req, res, async (context) => {
    await app.run(context);
  }));
}

main();
