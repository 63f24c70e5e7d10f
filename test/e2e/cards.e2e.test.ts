// Every card the bot sends, in the Agents Playground (light theme: the Playground has no dark one; the dark palette
// is checked in test/cards/cardContrast.test.ts). Each card is screenshotted whole into test-results/cards-*.png
// for a person to look at, and checked for what a user complained about: raw markdown, a list taller than a
// screen, zero-value noise, two wordings for one state, dates split across lines.
import type { Locator, Page } from 'playwright-core';
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, cards, clickCardButton, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

/**
 * About one laptop screen of chat, at the Playground's card width (446 px): a 10-row list page measured 827 px with
 * two-line rows (issue 11 asks ~800; 1,048 px with three-line rows). The other tall cards were cut to about one
 * screen (fewer rows per section, one-line rows, a button where content is cut); each guard is its measured height
 * plus a little margin, so a card that grows back fails here.
 */
const MAX_HEIGHT_PX: Record<string, number> = { list: 850, resources: 900, 'attack-paths': 1000, changes: 930, 'executive-summary': 900 };
/** The card named `name` was measured, and is no taller than its guard (the name shows in a failure). */
function expectAtMost(name: string): void {
  const height = heights[name] ?? Number.NaN;
  expect({ name, fits: height > 0 && height <= MAX_HEIGHT_PX[name]!, height }).toEqual({ name, fits: true, height });
}

const heights: Record<string, number> = {};

async function shoot(card: Locator, name: string): Promise<string> {
  const box = await card.boundingBox();
  heights[name] = Math.round(box?.height ?? 0);
  await cardScreenshot(card, `cards-${name}`);
  return card.innerText();
}

/** Text no card should show, whatever the data. */
function expectNoNoise(text: string): void {
  expect(text).not.toMatch(/\*\*|__|\]\(/); // markdown shown raw
  expect(text).not.toMatch(/Attack paths?: 0\b|Risk factors: None|\bNo risk\b|No owner/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\n/); // a date split over two lines
}

/** The newest bot text message containing `text` (text replies are not cards). */
async function waitForMessage(page: Page, text: string): Promise<string> {
  const message = page.getByText(text, { exact: false }).last();
  await message.waitFor({ state: 'visible', timeout: 30_000 });
  return (await message.innerText()).trim();
}

describeInBrowser('every card in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);
  afterAll(() => console.log(`card heights (px at the Playground's width): ${JSON.stringify(heights)}`));

  it('welcome and help', async () => {
    await step('cards-welcome-help', async ({ page }) => {
      expectNoNoise(await shoot(await waitForCardText(page, 'posture bot'), 'welcome'));
      const before = await sendMessage(page, 'help');
      expectNoNoise(await shoot(await waitForCardText(page, 'What I can do', { newerThan: before }), 'help'));
    });
  });

  it('a list of ten fits about one screen, pages with a title saying which rows, and opens a row', async () => {
    await step('cards-lists', async ({ page }) => {
      let before = await sendMessage(page, 'Show critical risks for publicly exposed resources');
      const list = await waitForCardText(page, 'Critical risk · Internet exposure · Unhealthy', { newerThan: before });
      const text = await shoot(list, 'list');
      expectNoNoise(text);
      expect(text).toMatch(/Rows 1–10 of \d+, riskiest first/);
      expectAtMost('list');

      before = await clickCardButton(page, list, 'Show 10 more');
      const next = await waitForCardText(page, 'Rows 11–20 of the', { newerThan: before });
      expectNoNoise(await shoot(next, 'list-page-2'));

      before = await cards(page).count();
      await next.getByRole('button', { name: /^Details of 12:/ }).click();
      const details = await waitForCardText(page, 'Owner and due date', { newerThan: before });
      expectNoNoise(await shoot(details, 'details'));
    });
  });

  it('text answers are plain sentences', async () => {
    await step('cards-text', async ({ page }) => {
      await sendMessage(page, 'how many critical risks are overdue?');
      const count = await waitForMessage(page, 'recommendations match:');
      expect(count).toMatch(/^\d+ recommendations match: Critical risk · Overdue · Unhealthy\.$/);
      let before = await sendMessage(page, "what's our secure score?");
      const score = await waitForCardText(page, 'Secure score', { newerThan: before });
      const scoreText = await shoot(score, 'secure-score');
      expectNoNoise(scoreText);
      expect(scoreText).toMatch(/\d+%/);
      expect(scoreText).toContain('Most points to gain');
      before = await sendMessage(page, 'break down open recommendations by subscription');
      expectNoNoise(await shoot(await waitForCardText(page, 'By subscription', { newerThan: before }), 'breakdown-subscription'));
      before = await sendMessage(page, 'break down open recommendations by resource type');
      expectNoNoise(await shoot(await waitForCardText(page, 'By resource type', { newerThan: before }), 'breakdown-type'));
    });
  });

  it('summary, remediation and the confirmation card', async () => {
    await step('cards-remediate', async ({ page }) => {
      let before = await sendMessage(page, 'Show critical risks for publicly exposed resources');
      await waitForCardText(page, 'Critical risk · Internet exposure · Unhealthy', { newerThan: before });
      before = await sendMessage(page, 'summarize the first one');
      expectNoNoise(await shoot(await waitForCardText(page, 'Why it matters here', { newerThan: before }), 'summary'));
      before = await sendMessage(page, 'how do I fix this?');
      expectNoNoise(await shoot(await waitForCardText(page, 'Steps', { newerThan: before }), 'remediation'));
      before = await sendMessage(page, 'assign this to an owner');
      expectNoNoise(await shoot(await waitForCardText(page, 'Set owner and due date', { newerThan: before }), 'confirmation'));
    });
  });

  it('CVEs, resources and attack paths', async () => {
    await step('cards-insights', async ({ page }) => {
      let before = await sendMessage(page, 'log4shell');
      expectNoNoise(await shoot(await waitForCardText(page, 'Vulnerabilities (CVEs)', { newerThan: before }), 'vulnerabilities'));
      // No number: "top 5" would end the list at five, with no button to page it.
      before = await sendMessage(page, 'top riskiest resources');
      const resources = await waitForCardText(page, '1. ', { newerThan: before });
      expectNoNoise(await shoot(resources, 'resources'));
      expectAtMost('resources');
      // The card's own button pages it, and the reply's title says which resources it holds.
      before = await clickCardButton(page, resources, 'Show 5 more');
      expectNoNoise(await shoot(await waitForCardText(page, 'Resources 6–10 of', { newerThan: before }), 'resources-page-2'));
      before = await sendMessage(page, 'show attack paths');
      expectNoNoise(await shoot(await waitForCardText(page, 'Attack paths', { newerThan: before }), 'attack-paths'));
      expectAtMost('attack-paths');
    });
  });

  it('changes since last week and the executive summary (history deltas)', async () => {
    await step('cards-history', async ({ page }) => {
      let before = await sendMessage(page, 'what changed since last week?');
      const changesCard = await waitForCardText(page, 'What changed since', { newerThan: before });
      const changes = await shoot(changesCard, 'changes');
      expectNoNoise(changes);
      // The answer says which dates it compared, and what kinds of change it counted.
      expect(changes).toMatch(/Compared the load of .*\d{4}.* with the data now/);
      expect(changes).toMatch(/\d+ newly open · \d+ fixed/);
      expectAtMost('changes');
      const kindButton = changesCard.getByRole('button', { name: /^Show all \d+ / }).first();
      const kindLabel = (await kindButton.textContent())?.trim() ?? '';
      const before2 = await cards(page).count();
      await kindButton.click();
      const count = /^Show all (\d+)/.exec(kindLabel)?.[1] ?? 'none';
      expectNoNoise(await shoot(await waitForCardText(page, `: ${count}`, { newerThan: before2 }), 'changes-one-kind'));
      before = await sendMessage(page, 'give me an executive summary');
      const summary = await shoot(await waitForCardText(page, 'Executive summary', { newerThan: before }), 'executive-summary');
      expectNoNoise(summary);
      expect(summary).toMatch(/Top \d+ risks and their owners/);
      expect(summary).toMatch(/[Oo]verdue/);
      expect(summary).toMatch(/changed/i);
      expectAtMost('executive-summary');
    });
  });
});
