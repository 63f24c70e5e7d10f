// Usage limits, whole bot over HTTP: with a limit of 20 units a day, the answer that crosses 80% and the one that
// crosses 95% say so and name the capacity owner; at the limit new prompts are declined while help, feedback and
// "usage" still work; concurrent turns are counted exactly.
import Database from 'better-sqlite3';
import { patchStatements, type SqliteCounts } from '../../bench/servers/sqliteCounter';
import { message, USER } from '../support/activities';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

const ADMIN = '00000000-0000-4000-8000-0000000000ad'; // USER is the admin here

describe('usage limits', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15), {
      env: { USAGE_LIMIT_UNITS: '20', USAGE_WINDOW: 'day', USAGE_CAPACITY_OWNER: 'secops@contoso.example', USAGE_UNIT_COSTS: 'analyze=1,summarize=2', ADMIN_OBJECT_IDS: ADMIN },
    });
  });
  afterAll(async () => bot.stop());

  const texts = (conversationId: string, from = 0) => bot.connector.callsIn(conversationId).slice(from).map((c) => String(c.activity.text ?? '(card)'));

  it('warns at 80% and 95%, declines at the limit, and keeps help and usage working', async () => {
    const conversationId = 'a:usage-limit';
    // 15 concurrent prompts from two conversations (one person): counted exactly.
    await Promise.all(Array.from({ length: 15 }, (_, i) => bot.deliver(message('how many critical risks?', { conversationId: i % 2 ? conversationId : 'a:usage-limit-2' }))));
    expect(texts(conversationId).concat(texts('a:usage-limit-2')).filter((t) => t.startsWith('Heads-up'))).toEqual([]);

    let seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('how many high risks?', conversationId); // 16 of 20: crosses 80%
    const at80 = texts(conversationId, seen);
    expect(at80).toHaveLength(2);
    expect(at80[1]).toBe('Heads-up: your organisation has now used 80% (16 of 20 units) of its capacity today, past the 80% mark. For more capacity, contact secops@contoso.example.');

    for (let i = 0; i < 2; i++) await bot.ask('how many low risks?', conversationId); // 17, 18
    seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('how many medium risks?', conversationId); // 19 of 20: crosses 95%
    expect(texts(conversationId, seen)[1]).toMatch(/^Heads-up: .*95% \(19 of 20 units\).*past the 95% mark.*secops@contoso\.example/);
    await bot.ask('how many critical risks?', conversationId); // 20 of 20

    seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('show all risks', conversationId); // declined
    const declined = texts(conversationId, seen);
    expect(declined).toHaveLength(1);
    expect(declined[0]).toMatch(/^Your organisation has used 20 of its 20 units today, so I can't take new questions until \d{4}-\d\d-\d\d 00:00 UTC\. "help", feedback and "usage" still work\. For more capacity, contact secops@contoso\.example\.$/);

    seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('help', conversationId);
    expect(bot.seen(conversationId).slice(seen)[0]!.cardTexts.join(' ')).toMatch(/help|can/i);

    seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('usage', conversationId);
    const usage = texts(conversationId, seen)[0]!;
    expect(usage).toContain('You have used 20 units today (analyze 20).');
    expect(usage).toContain('Your organisation has used 20 of its 20 units today');
    // USER is an admin: the tenant's use by person and action.
    expect(usage).toContain('Your organisation over the last 90 days: 20 units, 1 person');
    expect(usage).toContain(`- ${USER.aadObjectId}: 20 (analyze 20)`);
  });

  it('shows a person who is not an admin only their own use', async () => {
    const conversationId = 'a:usage-other';
    await bot.deliver({ ...message('usage', { conversationId }), from: { id: '29:bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' } as never });
    const [text] = texts(conversationId);
    expect(text).toContain('You have used no units today.');
    expect(text).not.toContain('over the last 90 days');
  });
});

describe('usage with no limit', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15), { env: { USAGE_UNIT_COSTS: 'analyze=1,summarize=2' } });
  });
  afterAll(async () => bot.stop());

  it('counts every turn exactly, written with the turn state: two commits a turn (the delivery mark, then the turn)', async () => {
    const counts: SqliteCounts = { statements: 0, writes: 0, commits: 0 };
    patchStatements(Database, counts);
    const conversationId = 'a:usage-unlimited';
    await bot.ask('how many critical risks?', conversationId); // the conversation's first turn also records its contact
    counts.commits = 0;
    await bot.ask('how many high risks?', conversationId);
    expect(counts.commits).toBe(2);
    // Concurrent turns from two conversations: every charge counted.
    await Promise.all(Array.from({ length: 12 }, (_, i) => bot.deliver(message('how many low risks?', { conversationId: i % 2 ? conversationId : 'a:usage-unlimited-2' }))));
    const seen = bot.connector.callsIn(conversationId).length;
    await bot.ask('usage', conversationId);
    const usage = String(bot.connector.callsIn(conversationId)[seen]?.activity.text);
    expect(usage).toContain('You have used 14 units this month (analyze 14).');
  });
});
