// Floor (c): the bot's reply path around a teams-ai echo: the bot's HTTP server, endpoint and adapter (src/teams/
// httpServer.ts, messagesEndpoint.ts, postureAdapter.ts), a teams-ai Application with in-memory turn state, and the
// bot's own card path (real template, real renderer, real reply mapping) from a fixed view model. The gap between
// this and an analyze turn is the query, the planner, the turn gate and durable state.
import { MemoryStorage } from 'botbuilder';
import { Application } from '@microsoft/teams-ai';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { toActivity } from '../../src/teams/replyActivity';
import { fixedCard } from './fixedCard';
import { startBotShellServer } from './floorHttp';

function main(): void {
  const cards = createCardRenderer({ dir: projectPath('adaptiveCards') });
  const { reply } = fixedCard();
  startBotShellServer((adapter) => {
    const app = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false });
    app.message(/.*/, async (context) => {
      await context.sendActivity(toActivity(reply, cards));
    });
    return app;
  });
}

main();
