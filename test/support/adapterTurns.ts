// One whole turn through a composed bot on botbuilder's TestAdapter: the activity in, the replies it sent out.
import { TestAdapter, type Activity, type MiddlewareHandler } from 'botbuilder';
import type { Bot } from '../../src/app';

export type Turn = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

/** `middleware` runs before each turn (as a channel adapter's own set-up would, e.g. the user token client). */
export function adapterTurns(bot: Pick<Bot, 'turnLogic' | 'onTurnError'>, middleware?: MiddlewareHandler): Turn {
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  if (middleware) adapter.use(middleware);
  return async (activity) => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0) as Array<Partial<Activity>>;
  };
}
