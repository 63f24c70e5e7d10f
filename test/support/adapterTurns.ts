// One whole turn through a composed bot on botbuilder's TestAdapter: the activity in, the replies it sent out.
import { TestAdapter, type Activity } from 'botbuilder';
import type { Bot } from '../../src/app';

export type Turn = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

export function adapterTurns(bot: Pick<Bot, 'turnLogic' | 'onTurnError'>): Turn {
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  return async (activity) => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0) as Array<Partial<Activity>>;
  };
}
