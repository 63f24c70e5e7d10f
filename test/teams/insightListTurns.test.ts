// Whole turns on the demo tenant: the CVEs, resources and attack paths cards are the active list, as the
// recommendations list is (issue 10): "show more" / "next page" page them and say which items a page shows, "the
// second one" opens that CVE, resource or path, "only the critical ones" narrows the rows behind the card, and a new
// recommendations question (or "start over") replaces the list.
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { message, submit } from '../support/activities';
import { visible } from '../support/cardText';
import { demoBot } from '../support/demoBot';

describe('CVEs, resources and attack paths cards as the active list', () => {
  let bot: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    bot = await demoBot();
  }, 60_000);
  afterAll(() => bot.close());

  const say = async (text: string, conversationId: string) => visible((await bot.turn(message(text, { conversationId })))[0]);

  it('pages the resources card, opens "the second one" and narrows to the critical ones', async () => {
    const id = 'a:resources';
    const engine = bot.engine();
    const all = engine.resources(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 });
    const first = await say('top riskiest resources', id);
    expect(first).toMatch(new RegExp(`Top 5 of ${all.total} resources`));
    const second = await say('next page', id);
    expect(second).toMatch(new RegExp(`Resources 6–10 of ${all.total}`));
    expect(second).toContain(all.items[5]!.resourceName);
    expect(second).not.toContain(`1. ${all.items[0]!.resourceName}`);
    // "the second one" is the second of the list, not of the last page.
    const opened = await say('the second one', id);
    expect(opened).toContain(`What's wrong with ${all.items[1]!.resourceName}`);
    const critical = await say('only the critical ones', id);
    const expected = engine.resources(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'], riskLevels: ['Critical'] }, limit: 5 });
    expect(critical).toMatch(new RegExp(`of ${expected.total} resources|${expected.total} resources`));
    expect(critical).toContain(expected.items[0]!.resourceName);
    expect(expected.total).toBeLessThan(all.total);
  });

  it('pages the CVEs card and opens one CVE with the resources it is on', async () => {
    const id = 'a:cves';
    const engine = bot.engine();
    const all = engine.vulnerabilities(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 20 });
    expect(all.total).toBeGreaterThan(10);
    await say('top CVEs by affected resources', id);
    const more = await say('show more', id);
    expect(more).toMatch(new RegExp(`CVEs 11–${Math.min(20, all.total)} of ${all.total}`));
    expect(more).toContain(all.items[10]!.cveId);
    const opened = await say('details of the third one', id);
    expect(opened).toContain(all.items[2]!.cveId);
    expect(opened).toMatch(/Most affected resources/);
    const critical = await say('only the critical ones', id);
    const expected = engine.vulnerabilities(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'], severities: ['Critical'] }, limit: 10 });
    expect(critical).toContain(expected.items[0]!.cveId);
    expect(critical).toMatch(new RegExp(`${expected.total} CVEs?|of ${expected.total} CVEs`));
  });

  it('pages attack paths, opens one, narrows by risk level, and ends the list when all are shown', async () => {
    const id = 'a:paths';
    const engine = bot.engine();
    const all = engine.attackPaths(SYSTEM_VIEWER, { limit: 50 });
    await say('show attack paths', id);
    const second = await say('next page', id);
    expect(second).toMatch(new RegExp(`Attack paths 6–${Math.min(10, all.total)} of ${all.total}`));
    // Several paths on a card: each name is cut to one line; one path alone shows it whole.
    expect(second).toContain(all.items[5]!.displayName.slice(0, 30));
    const opened = await say('the second one', id);
    expect(opened).toContain(`2. ${all.items[1]!.displayName}`);
    const critical = all.items.filter((p) => p.riskLevel === 'Critical');
    const narrowed = await say('only the critical ones', id);
    expect(narrowed).toContain(critical[0]!.displayName.slice(0, 30));
    expect(narrowed).toMatch(new RegExp(`(Top \\d+ of )?${critical.length} attack paths?`));
    expect(critical.length).toBeLessThan(all.total);
    for (let page = 0; page < 5; page += 1) await say('show more', id);
    expect(await say('show more', id)).toMatch(/That was all: the list has \d+ attack paths?/);
  });

  it('pages with the card\'s Show more button: the reply says which items it holds; pressed again, tampered or stale it says so', async () => {
    const id = 'a:button';
    const engine = bot.engine();
    const all = engine.resources(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 });
    const [first] = await bot.turn(message('top riskiest resources', { conversationId: id }));
    expect(first?.suggestions).not.toContain('Show more');
    const button = first?.buttons.find((b) => b.title === 'Show 5 more');
    expect(button?.data).toEqual({ verb: 'showMore', ref: expect.stringMatching(/^[a-z0-9]{6,16}_5$/) });
    const press = async (data: unknown) => visible((await bot.turn(submit(data, { conversationId: id })))[0]).trim();
    const [page] = await bot.turn(submit(button!.data, { conversationId: id }));
    expect(page?.cardTexts[0]).toBe(`Resources 6–10 of ${all.total}`);
    const second = visible(page);
    expect(second).toContain(all.items[5]!.resourceName);
    expect(await press(button!.data)).toBe('Resources 6–10 are already shown above.');
    const ref = (button!.data as { ref: string }).ref;
    expect(await press({ verb: 'showMore', ref: ref.replace(/_5$/, '_500') })).toMatch(/don't recognise that button/);
    expect(await press({ verb: 'showMore', ref: 'x' })).toMatch(/./);
    // The card stops being the active list once another list replaces it: its button is then too old.
    await bot.turn(message('show critical risks', { conversationId: id }));
    expect(await press(button!.data)).toMatch(/That list is too old/);
  });

  it('the CVEs and attack paths cards carry the same button', async () => {
    const id = 'a:buttons';
    const cves = (await bot.turn(message('top CVEs by affected resources', { conversationId: id })))[0];
    const cveButton = cves?.buttons.find((b) => b.title === 'Show 10 more');
    expect(cveButton?.data).toEqual({ verb: 'showMore', ref: expect.stringMatching(/_10$/) });
    expect((await bot.turn(submit(cveButton!.data, { conversationId: id })))[0]?.cardTexts[0]).toMatch(/^CVEs 11–\d+ of \d+$/);
    const paths = (await bot.turn(message('show attack paths', { conversationId: id })))[0];
    const pathButton = paths?.buttons.find((b) => b.title === 'Show 5 more');
    expect((await bot.turn(submit(pathButton!.data, { conversationId: id })))[0]?.cardTexts[0]).toMatch(/^Attack paths 6–\d+ of \d+$/);
    // The CVEs card's button is from the list the attack paths card replaced.
    expect(visible((await bot.turn(submit(cveButton!.data, { conversationId: id })))[0])).toMatch(/That list is too old/);
  });

  it('a recommendations question or "start over" replaces the card as the active list', async () => {
    const id = 'a:replace';
    await say('top 5 riskiest resources', id);
    await say('show critical risks', id);
    const more = await say('show more', id);
    expect(more).toMatch(/Rows 11–20|Showing 11|11\./);
    await say('show attack paths', id);
    await say('start over', id);
    const [after] = await bot.turn(message('show more', { conversationId: id }));
    expect(after?.text).toMatch(/no list to continue/i);
  });
});
