// The analyze flow in a real browser: the headline question, a long list paged with "Show more", and the details
// card, on the embedded demo tenant as `npm start` runs it.
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, cards, clickCardButton, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('analyze in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('answers the headline question with a ranked card, pages it, and opens one row', async () => {
    await step('analyze-list', async ({ page }) => {
      const before = await sendMessage(page, 'Show critical risks for publicly exposed resources');
      const card = await waitForCardText(page, 'Critical risk · Internet exposure · Unhealthy', { newerThan: before });
      const text = await card.innerText();
      expect(text).toMatch(/\d+ recommendations match/);
      expect(text).toMatch(/Rows 1–10 of \d+, riskiest first/);
      // Each row opens its details when selected.
      expect(await card.getByRole('button', { name: /^Details of \d+:/ }).count()).toBe(10);
      await cardScreenshot(card, 'analyze-list-card');

      const more = await clickCardButton(page, card, 'Show 10 more');
      const next = await waitForCardText(page, 'Rows 11–20 of the', { newerThan: more });
      expect(await next.innerText()).toContain('11.');
      await cardScreenshot(next, 'analyze-list-page-2');

      const opened = await cards(page).count();
      await next.getByRole('button', { name: /^Details of 11:/ }).click();
      const details = await waitForCardText(page, 'Owner and due date', { newerThan: opened });
      const detailsText = await details.innerText();
      expect(detailsText).toContain('Risk factors');
      expect(detailsText).toContain('Resource id');
      expect(detailsText).toMatch(/Row 11 of \d+ · Critical risk · Internet exposure · Unhealthy/);
      await cardScreenshot(details, 'analyze-details-card');
      expect(await cards(page).count()).toBeGreaterThanOrEqual(3);
    });
  });

  it('refines the list from a typed follow-up', async () => {
    await step('analyze-refine', async ({ page }) => {
      const before = await sendMessage(page, 'just the storage accounts');
      const card = await waitForCardText(page, 'Storage accounts', { newerThan: before });
      expect(await card.innerText()).toContain('Critical risk · Internet exposure · Storage accounts · Unhealthy');
    });
  });
});
