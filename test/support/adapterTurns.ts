// One whole turn through a composed bot on botbuilder's TestAdapter: the activity in, the replies it sent out.
import { TestAdapter, TurnContext, type Activity, type ConversationReference, type MiddlewareHandler } from 'botbuilder';
import type { Bot } from '../../src/app';

export type Turn = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

/** A turn, and what the bot sent after it answered (a `long` side effect finishing in a proactive message). */
export type TurnWithLater = Turn & {
  /** The turn's replies plus what followed, once `done` holds for them (or after `timeoutMs`). */
  untilLater(activity: Partial<Activity>, done: (activities: Array<Partial<Activity>>) => boolean, timeoutMs?: number): Promise<Array<Partial<Activity>>>;
};

/** `middleware` runs before each turn (as a channel adapter's own set-up would, e.g. the user token client). */
export function adapterTurns(bot: Pick<Bot, 'turnLogic' | 'onTurnError'>, middleware?: MiddlewareHandler): TurnWithLater {
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  // TestAdapter cannot continue a conversation: a proactive continuation runs here on a context of the same
  // conversation, and what it sends lands in the same queue (read by untilLater).
  adapter.continueConversationAsync = (async (_appId: unknown, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await logic(new TurnContext(adapter, activity));
  }) as unknown as TestAdapter['continueConversationAsync'];
  if (middleware) adapter.use(middleware);
  const turn: Turn = async (activity) => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0) as Array<Partial<Activity>>;
  };
  const untilLater: TurnWithLater['untilLater'] = async (activity, done, timeoutMs = 10_000) => {
    const seen = await turn(activity);
    for (const end = Date.now() + timeoutMs; !done(seen) && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(...(adapter.activeQueue.splice(0) as Array<Partial<Activity>>));
    }
    return seen;
  };
  return Object.assign(turn, { untilLater });
}
