// The confirmation flow in a real browser: "assign this" shows the editable confirmation card; Confirm runs it once
// and the card is updated in place (no buttons left); the next details card shows the new owner.
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, cards, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

const inTwoWeeks = () => new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describeInBrowser('confirmation in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('proposes an owner and due date on an editable card, and confirms it in place', async () => {
    await step('confirm-assign', async ({ page }) => {
      let before = await sendMessage(page, 'Show critical risks for publicly exposed resources');
      await waitForCardText(page, 'Critical risk · Internet exposure · Unhealthy', { newerThan: before });
      before = await sendMessage(page, 'details of the first one');
      await waitForCardText(page, 'Owner and due date', { newerThan: before });
      before = await sendMessage(page, 'assign this to an owner');
      const card = await waitForCardText(page, 'Set owner and due date', { newerThan: before });
      expect(await card.innerText()).toMatch(/can confirm\. This request expires at \d\d:\d\d UTC\./);
      await cardScreenshot(card, 'confirm-proposed');

      const owner = card.getByRole('textbox').first();
      await owner.fill('cloud.ops@alderbrook.example');
      const due = card.locator('input[type="date"], input[aria-label*="Due date"]').first();
      if ((await due.count()) > 0) await due.fill(inTwoWeeks());
      await cardScreenshot(card, 'confirm-filled');
      const count = await cards(page).count();
      await card.getByRole('button', { name: 'Confirm', exact: true }).click();
      const confirmed = await waitForCardText(page, 'Owner set to cloud.ops@alderbrook.example', { timeoutMs: 15000 });
      expect(await confirmed.innerText()).toMatch(/Confirmed by .+ at \d\d:\d\d UTC\./);
      expect(await confirmed.getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
      await cardScreenshot(confirmed, 'confirm-done');
      expect(await cards(page).count()).toBe(count);
    });
  });
});
