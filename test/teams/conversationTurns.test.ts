// Whole turns on the demo tenant (with its generated history): a new question after a filtered list carries none
// of its filters, "start over" clears the list, unknown words are said and not searched for, a strict reading that
// finds nothing gives way to a looser one that says what it relaxed, and time questions say their dates.
import type { Activity } from 'botbuilder';
import { message, submit } from '../support/activities';
import { visible } from '../support/cardText';
import { demoBot } from '../support/demoBot';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';

const inZone = (text: string, conversationId: string, timezone: string): Partial<Activity> => ({
  ...message(text, { conversationId }),
  entities: [{ type: 'clientInfo', locale: 'en-US', timezone }],
});

describe('conversation turns: staying on topic and time', () => {
  let bot: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    bot = await demoBot();
  }, 60_000);
  afterAll(() => bot.close());

  const say = async (text: string, conversationId: string) => visible((await bot.turn(message(text, { conversationId })))[0]);

  it('a new question after a filtered list carries none of its filters; a fragment still narrows it', async () => {
    const fresh = await say('which subscriptions are worst?', 'a:leak-fresh');
    const afterList = 'a:leak-after';
    await say('show critical risks on storage accounts', afterList);
    const again = await say('which subscriptions are worst?', afterList);
    expect(again).toEqual(fresh);
    expect(again).not.toMatch(/Storage account/);
    const narrowed = await say('just AWS', afterList);
    expect(narrowed).toMatch(/Amazon Web Services|AWS/);
  });

  it('"start over" clears the list: the next "how many?" is not about it, and no breakdown is repeated', async () => {
    const id = 'a:start-over';
    await say('break down open recommendations by subscription', id);
    const reset = await say('start over', id);
    expect(reset).toMatch(/Starting over/);
    const [showMore] = await bot.turn(message('show more', { conversationId: id }));
    expect(showMore?.text).toMatch(/no list to continue/i);
    const due = await say('what is due this week?', id);
    expect(due).toMatch(/Due this week \(\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4} to \d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4}\)/);
    expect(due).not.toMatch(/by subscription/i);
  });

  it('says which words it did not use instead of turning them into a name filter', async () => {
    const text = await say('show me frobnicate recommendations on virtual machines', 'a:unknown');
    expect(text).toMatch(/Not used in this search: "frobnicate"/);
    expect(text).not.toMatch(/contains "frobnicate"/);
  });

  it('relaxes a strict reading that finds nothing and says what it relaxed', async () => {
    const text = await say('low severity vulnerabilities on aws', 'a:relaxed');
    expect(text).toMatch(/No vulnerability findings of Low severity matched, so these are recommendations of Low severity/);
    expect(text).toMatch(/recommendations? match/);
  });

  it('reads "due this week" in the user time zone and says the dates; top N is honoured on a plain list', async () => {
    const tokyo = visible((await bot.turn(inZone('what is due this week?', 'a:tz-tokyo', 'Asia/Tokyo')))[0]);
    expect(tokyo).toMatch(/Due this week \(\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4} to \d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4}, Asia\/Tokyo\)/);
    const top = await say('top 3 critical risks', 'a:top');
    expect(top).toMatch(/Top 3 of \d+ matching recommendations/);
    expect(top).toMatch(/Rows 1–3 of 3/);
  });

  it('answers what changed since last week with the dates compared, and an executive summary with history', async () => {
    const changed = await say('what changed since last week?', 'a:changes');
    expect(changed).toMatch(/What changed since \d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4}/);
    expect(changed).toMatch(/Compared the load of \d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4} \d{2}:\d{2} UTC with the data now/);
    expect(changed).toMatch(/Fixed: \d+/);
    const fixed = await say('what got fixed this month?', 'a:changes');
    expect(fixed).not.toMatch(/Newly open/);
    const summary = await say('give me an executive summary', 'a:summary');
    expect(summary).toMatch(/Executive summary/);
    expect(summary).toMatch(/Open recommendations/);
    expect(summary).toMatch(/Top 3 risks and their owners/);
    expect(summary).toMatch(/Overdue work/);
    expect(summary).toMatch(/What changed[\s\S]*Compared the load of/);
    expect(summary).toMatch(/\d+ newly open · \d+ fixed · \d+ exempted · \d+ deleted · \d+ newly assessed/);
  });

  it('pages a cut section of the changes card, and opens the executive summary\'s lists, with card buttons', async () => {
    const id = 'a:history-buttons';
    const [changed] = await bot.turn(message('what changed since last week?', { conversationId: id }));
    const button = changed?.buttons.find((b) => /^Show all \d+ /.test(b.title));
    expect(button?.data).toEqual({ verb: 'changesOf', kind: expect.any(String), since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const count = Number(/^Show all (\d+)/.exec(button!.title)![1]);
    const [one] = await bot.turn(submit(button!.data, { conversationId: id }));
    const heading = one?.cardTexts.find((t) => /: \d+$/.test(t));
    expect(heading).toMatch(new RegExp(`: ${count}$`));
    // One kind alone: its rows, no other kind's section.
    expect(one?.cardTexts.filter((t) => /^(Newly open|Fixed|Exempted or not applicable|Deleted \(no longer in the data\)|Newly assessed): \d+$/.test(t))).toHaveLength(1);
    const [tampered] = await bot.turn(submit({ verb: 'changesOf', kind: 'everything', since: '2026-11-27' }, { conversationId: id }));
    expect(visible(tampered)).not.toMatch(/What changed since/);

    const [summary] = await bot.turn(message('give me an executive summary', { conversationId: id }));
    const overdue = summary?.buttons.find((b) => b.title === 'Overdue work');
    expect(overdue?.data).toEqual({ verb: 'summaryList', list: 'overdue' });
    const overdueList = visible((await bot.turn(submit(overdue!.data, { conversationId: id })))[0]);
    expect(overdueList).toMatch(/\d+ recommendations match/);
    expect(overdueList).toContain('Overdue');
    const all = visible((await bot.turn(submit(summary!.buttons.find((b) => b.title === 'All open risks')!.data, { conversationId: id })))[0]);
    expect(all).toMatch(new RegExp(`${bot.engine().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }).toLocaleString('en-US')} recommendations match`));
  });

  it('answers greetings and thanks briefly', async () => {
    expect(await say('hello', 'a:small')).toMatch(/^Hello!/);
    expect(await say('thanks!', 'a:small')).toMatch(/welcome/);
  });
});
