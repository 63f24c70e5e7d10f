// Many turns at once in one conversation, delivered the way Teams delivers them (replies POSTed to serviceUrl),
// on the whole bot with SQLite state: none ends in an error message, no page is shown twice, no update is lost.
import { visible } from '../support/cardText';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { createTempDataDir } from '../support/tempDataDir';
import { fleetRows } from '../support/tenantExport';

// 60 fleet machines + the 5 unhealthy zephyr rows: 65 rows, pages of 10.
const ROWS = 65;
/** The row positions a recommendations card shows ("11. <recommendation>", "12. …"). */
const positionsOf = (texts: string[]) => texts.flatMap((t) => /^(\d+)\.(?: \S|$)/.exec(t)?.slice(1, 2) ?? []).map(Number);
// Expected refusals ("there is no list to pick from") are answers; a failure or a conflict is not.
const isError = (text: string) => /went wrong|conflict|could not be saved/i.test(text);

describe('concurrent turns in one conversation, delivered normally', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(60));
  });
  afterAll(async () => bot.stop());

  it('runs 20 typed "show more" at once: every one answers, each page once, all rows shown exactly once', async () => {
    const conversationId = 'a:concurrent-show-more';
    expect(await bot.ask('show all risks', conversationId)).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => bot.ask('show more', conversationId)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const replies = bot.seen(conversationId);
    expect(replies).toHaveLength(21);
    expect(replies.filter((r) => isError(visible(r)))).toEqual([]);
    const shown = replies.flatMap((r) => positionsOf(r.cardTexts));
    expect(shown.sort((a, b) => a - b)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    // The pages are absolute and in order.
    const ranges = replies.flatMap((r) => r.cardTexts.filter((t) => /^Rows \S+ of \d+,/.test(t)).map((t) => t.split(',')[0]));
    expect(ranges).toEqual(['Rows 1–10 of 65', 'Rows 11–20 of 65', 'Rows 21–30 of 65', 'Rows 31–40 of 65', 'Rows 41–50 of 65', 'Rows 51–60 of 65', 'Rows 61–65 of 65']);
    expect(replies.filter((r) => /^That was all/.test(r.text ?? ''))).toHaveLength(14);
  });

  it('a double click (20 presses at once) on one "Show 10 more" shows that page once', async () => {
    const conversationId = 'a:concurrent-double-click';
    await bot.ask('show all risks', conversationId);
    const more = bot.seen(conversationId)[0]!.buttons.find((b) => /^Show \d+ more$/.test(b.title))!;
    await Promise.all(Array.from({ length: 20 }, () => bot.click(more.data, conversationId)));
    const replies = bot.seen(conversationId).slice(1);
    expect(replies).toHaveLength(20);
    expect(replies.filter((r) => isError(visible(r)))).toEqual([]);
    expect(replies.filter((r) => r.cardTexts.some((t) => t.startsWith('Rows 11–20 of 65')))).toHaveLength(1);
    expect(replies.filter((r) => r.text === 'Rows 11–20 are already shown above.')).toHaveLength(19);
    // The next typed "show more" continues after the page the button showed.
    await bot.ask('show more', conversationId);
    expect(bot.seen(conversationId).at(-1)!.cardTexts).toEqual(expect.arrayContaining([expect.stringMatching(/^Rows 21–30 of 65/)]));
  });

  it('mixed turns at once (questions, pages, details, counts) all answer without an error', async () => {
    const conversationId = 'a:concurrent-mixed';
    await bot.ask('show all risks', conversationId);
    const texts = ['show more', 'details of the first one', 'how many are critical?', 'show high severity', 'show more', 'by subscription', 'help', 'details of the second one'];
    await Promise.all(Array.from({ length: 20 }, (_, i) => bot.ask(texts[i % texts.length]!, conversationId)));
    const replies = bot.seen(conversationId);
    expect(replies.length).toBeGreaterThanOrEqual(21);
    expect(replies.filter((r) => isError(visible(r)))).toEqual([]);
  });

  it('measures turns per second for 60 concurrent turns in one conversation', async () => {
    const conversationId = 'a:concurrent-measure';
    await bot.ask('show all risks', conversationId);
    const started = performance.now();
    await Promise.all(Array.from({ length: 60 }, (_, i) => bot.ask(i % 2 === 0 ? 'show more' : 'details of the first one', conversationId)));
    const seconds = (performance.now() - started) / 1000;
    const replies = bot.seen(conversationId).slice(1);
    const errors = replies.filter((r) => isError(visible(r))).length;
    process.stdout.write(`concurrent turns: 60 in ${seconds.toFixed(2)} s = ${(60 / seconds).toFixed(1)} turns/s, ${errors} error replies\n`);
    expect(errors).toBe(0);
  });
});

describe('concurrent turns in one conversation across two bot processes on one DATA_DIR', () => {
  let temp: ReturnType<typeof createTempDataDir>;
  let one: DeliveredBot;
  let two: DeliveredBot;
  beforeAll(async () => {
    temp = createTempDataDir();
    one = await startDeliveredBot(fleetRows(60), { dataDir: temp.dir });
    two = await startDeliveredBot(fleetRows(60), { dataDir: temp.dir });
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    temp.cleanup();
  });

  it('20 turns split between the processes all answer: a save that meets the other process\'s save merges', async () => {
    const conversationId = 'a:two-processes';
    await one.ask('show all risks', conversationId);
    const texts = ['details of the first one', 'show more', 'how many are critical?', 'show high severity'];
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).ask(texts[i % texts.length]!, conversationId)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const replies = [...one.seen(conversationId), ...two.seen(conversationId)];
    expect(replies).toHaveLength(21);
    expect(replies.filter((r) => isError(visible(r)))).toEqual([]);
  });
});
