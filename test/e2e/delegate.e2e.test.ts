// Delegating in a real browser: a summary card's "Delegate to the owner" opens the editable email draft; Send (by
// the requester) writes the email to the outbox and the card shows it in place; "what have I delegated?" lists it
// as Assigned; a fix simulated in chat afterwards makes "mark the first delegation as fixed" verify it.
import { readFileSync } from 'node:fs';
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, clickCardButton, screenshot, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('delegate in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('drafts the email, sends it on Send, lists the delegation, and verifies it after a simulated fix', async () => {
    await step('delegate-flow', async ({ page }) => {
      let before = await sendMessage(page, 'Summarize the SQL public network access one');
      const summary = await waitForCardText(page, 'Why it matters here', { newerThan: before });
      before = await clickCardButton(page, summary, 'Delegate to the owner');
      const draft = await waitForCardText(page, 'Review the email', { newerThan: before });
      const draftText = await draft.innerText();
      expect(draftText).toContain('Public network access on Azure SQL Database should be disabled');
      const to = draft.locator('input[aria-label^="To"], input[type="email"]').first();
      if ((await to.inputValue()) === '') await to.fill('sql.owner@alderbrook.example');
      const owner = await to.inputValue();
      await draft.getByPlaceholder('lead@example.com').fill('soc.lead@alderbrook.example');
      await cardScreenshot(draft, 'delegate-draft');

      await draft.getByRole('button', { name: 'Send', exact: true }).click();
      const sent = await waitForCardText(page, `Delegated to ${owner}`, { timeoutMs: 15000 });
      const sentText = await sent.innerText();
      expect(sentText).toMatch(/Sent by .+ at \d\d:\d\d UTC\./);
      expect(await sent.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
      await cardScreenshot(sent, 'delegate-sent');
      const file = /written to (\S+\.eml)/.exec(sentText.replace(/\s+/g, ' '))?.[1];
      expect(file).toBeDefined();
      const eml = readFileSync(file ?? '', 'utf8');
      expect(eml).toContain(`To: ${owner}`);
      expect(eml).toContain('Cc: soc.lead@alderbrook.example');
      expect(eml).toContain('Subject: Please fix: Public network access on Azure SQL Database should be');

      await sendMessage(page, 'what have I delegated?');
      await page.getByText('Your delegations: 1 (1 open)').last().waitFor({ timeout: 15000 });
      await screenshot(page, 'delegate-listed');

      before = await sendMessage(page, 'apply the fix');
      const proposal = await waitForCardText(page, 'Simulated', { newerThan: before });
      await proposal.getByRole('button', { name: 'Apply', exact: true }).click();
      await waitForCardText(page, 'Simulated fix applied', { timeoutMs: 15000 });

      await sendMessage(page, 'mark the first delegation as fixed');
      await page.getByText('is verified fixed (by a fix simulated in chat)').last().waitFor({ timeout: 15000 });
      await sendMessage(page, 'what have I delegated?');
      await page.getByText('Your delegations: 1 (0 open)').last().waitFor({ timeout: 15000 });
      await screenshot(page, 'delegate-verified');
    });
  });
});
