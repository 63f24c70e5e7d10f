// The hooks every browser test file needs: start the bot and the Agents Playground, open the page in chromium,
// and stop it all afterwards. Returns the step runner that keeps screenshots and explains failures.
import { openPlayground, stepRunner, type PlaygroundSession } from './playground';
import { startBot, startPlayground, type RunningBot, type RunningProcess } from './stack';

export function usePlaygroundStack(available: boolean, unavailableMessage: string, options: { env?: NodeJS.ProcessEnv } = {}) {
  let bot: RunningBot | undefined;
  let playground: RunningProcess | undefined;
  let session: PlaygroundSession | undefined;

  beforeAll(async () => {
    if (!available) throw new Error(unavailableMessage);
    bot = await startBot(options);
    playground = await startPlayground(bot);
    session = await openPlayground(playground.url);
  });

  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await playground?.stop();
    await bot?.stop();
  });

  return { step: stepRunner(() => session, () => bot?.output() ?? ''), bot: () => bot };
}
