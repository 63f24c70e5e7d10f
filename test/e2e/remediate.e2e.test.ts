// Summarize → remediate → apply in a real browser: the summary card for a named recommendation, its "Help me
// remediate" button showing the scripts (the Playground drops CodeBlock, so the monospace fallback must show the
// script), then "Apply fix" proposing the simulated change on a confirmation card that Apply confirms in place.
import { chromiumStatus } from './support/chromium';
import { cards, cardScreenshot, clickCardButton, waitForCardText } from './support/playground';
import { sendMessage } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('summarize and remediate in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('summarizes a recommendation, shows its scripts, and applies the simulated fix after confirmation', async () => {
    await step('remediate-flow', async ({ page }) => {
      let before = await sendMessage(page, 'Summarize the SQL public network access one');
      const summary = await waitForCardText(page, 'Why it matters here', { newerThan: before });
      expect(await summary.innerText()).toContain('Public network access on Azure SQL Database should be disabled');
      await cardScreenshot(summary, 'remediate-summary');

      before = await clickCardButton(page, summary, 'Help me remediate');
      const fix = await waitForCardText(page, 'Steps', { newerThan: before });
      const fixText = await fix.innerText();
      // The script reaches the user whether the client renders CodeBlock or its fallback.
      expect(fixText).toMatch(/az sql server update|az rest/);
      expect(fixText).toContain('--subscription');
      await cardScreenshot(fix, 'remediate-scripts');
      // Each script can be downloaded as a file from the bot's own server.
      expect(await fix.getByText(/^Download .+\.sh$/).count()).toBe(1);
      expect(await fix.getByText(/^Download .+\.ps1$/).count()).toBe(1);

      before = await clickCardButton(page, fix, 'Apply fix');
      const proposal = await waitForCardText(page, 'Simulated', { newerThan: before });
      expect(await proposal.innerText()).toMatch(/Set public network access to Disabled on SQL server/);
      await cardScreenshot(proposal, 'remediate-proposed');
      await proposal.getByRole('button', { name: 'Apply', exact: true }).click();
      const done = await waitForCardText(page, 'Simulated fix applied', { timeoutMs: 15000 });
      expect(await done.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(0);
      await cardScreenshot(done, 'remediate-applied');

      before = await sendMessage(page, 'undo the fix');
      const undo = await waitForCardText(page, 'Undo simulated fix', { newerThan: before });
      await cardScreenshot(undo, 'remediate-undo-proposed');
      await undo.getByRole('button', { name: 'Confirm', exact: true }).click();
      await waitForCardText(page, 'Simulated fix undone', { timeoutMs: 15000 });
    });
  });

  it('asks which one when a named fix is open on several resources, and a button picks it', async () => {
    await step('remediate-choice', async ({ page }) => {
      let before = await sendMessage(page, 'how do I fix storage accounts should restrict network access');
      const choice = await waitForCardText(page, 'Which one?', { newerThan: before });
      expect(await choice.innerText()).toMatch(/is open on \d+ resources/);
      await cardScreenshot(choice, 'remediate-which-one');
      before = await cards(page).count();
      await choice.getByRole('button', { name: 'Show fix', exact: true }).first().click();
      const fix = await waitForCardText(page, 'Steps', { newerThan: before });
      expect(await fix.innerText()).toContain('Storage accounts should restrict network access');
    });
  });
});
