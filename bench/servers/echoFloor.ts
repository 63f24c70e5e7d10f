// Floor (a): the least a Bot Framework bot can do: CloudAdapter + ActivityHandler echo, no state, no storage.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { startFloorServer } from './floorHttp';

function main(): void {
  // No app id: the SDK skips authentication, as the product does on loopback.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  startFloorServer('echo-floor', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
}

main();
