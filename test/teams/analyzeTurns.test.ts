// Whole turns with the real composition (export loaded, analyze actions, keyless planner) on botbuilder's
// TestAdapter: where the bot listens, conversation context across turns, paging, details, and refusals.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { message, submit } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { writeTenantExport, zephyrRows } from '../support/tenantExport';

async function turnBot(rows: unknown[]) {
  const tenant = writeTenantExport(rows);
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: tenant.path }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, createMemoryRecordsStore());
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  return {
    turn: async (activity: Partial<Activity>) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return seeReplies({ activities: adapter.activeQueue.splice(0) });
    },
    sent: () => adapter.activeQueue,
    cleanup: tenant.cleanup,
  };
}

describe('analyze turns', () => {
  let bot: Awaited<ReturnType<typeof turnBot>>;
  beforeAll(async () => {
    bot = await turnBot(zephyrRows());
  });
  afterAll(() => bot.cleanup());

  it('answers an @mention in a channel and stays silent without one', async () => {
    const [reply] = await bot.turn(message('show critical risks for publicly exposed resources', { conversationType: 'channel', mention: true }));
    expect(visible(reply)).toContain('Critical risk · Internet exposure · Unhealthy');
    expect(await bot.turn(message('show critical risks', { conversationType: 'channel' }))).toEqual([]);
    expect(await bot.turn(message('show critical risks', { conversationType: 'groupChat' }))).toEqual([]);
  });

  it('keeps the list across turns: narrow, count, list again, open by position', async () => {
    const conversationId = 'a:turns-context';
    const ask = (text: string) => bot.turn(message(text, { conversationId }));
    expect(visible((await ask('show all risks'))[0])).toMatch(/5 recommendations match/);
    expect(visible((await ask('just the virtual machines'))[0])).toMatch(/3 recommendations match/);
    expect((await ask('how many are in omega research?'))[0]?.text).toMatch(/^1 recommendation matches: /);
    const [details] = await ask('details of the first one');
    expect(visible(details)).toContain('vm-$(rm -rf ~)-x');
  });

  it('a Details button on a card three lists back still opens its recommendation; a tampered one is refused plainly', async () => {
    const conversationId = 'a:turns-buttons';
    const [list] = await bot.turn(message('show all risks', { conversationId }));
    const details = list!.buttons.find((b) => b.title.startsWith('Details'))!;
    const opened = visible((await bot.turn(submit(details.data, { conversationId })))[0]);
    expect(opened).toContain('Owner and due date');
    for (const question of ['show key vaults', 'show storage accounts', 'how many are critical?']) await bot.turn(message(question, { conversationId }));
    // The same recommendation; the line saying which row of which list it was opened from follows the active list.
    const withoutOrigin = (text: string) => text.split('\n').filter((line) => !/^Row \d+ of \d+ · /.test(line)).join('\n');
    expect(withoutOrigin(visible((await bot.turn(submit(details.data, { conversationId })))[0]))).toBe(withoutOrigin(opened));
    const [refused] = await bot.turn(submit({ verb: 'details', ref: 'rAAAAAAAAAAAAAAA' }, { conversationId }));
    expect(refused?.text).toMatch(/^I don't recognise that button\. Ask again for a fresh list and open the recommendation from it\. \(ref [0-9a-f]{8}\)$/);
    expect(refused?.text).not.toContain('rAAAAAAAAAAAAAAA');
  });

  it('refuses a message over 4,000 characters before planning it', async () => {
    const [reply] = await bot.turn(message(`show critical risks ${'x'.repeat(4100)}`));
    expect(reply?.text).toMatch(/4,?000/);
  });

  it('declines requests to dump everything', async () => {
    const [reply] = await bot.turn(message('export every recommendation in the tenant with all fields'));
    expect(reply?.text).toMatch(/^Sorry, I can't assist with that/);
  });
});
