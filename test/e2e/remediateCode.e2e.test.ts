// The IaC flow in a real browser on the demo tenant with nothing configured: the findings card (one "Fix this" button
// per security check), a check's fix (diff, files, recommendation) with a confirmation card, and Submit answering
// with the pull request's link.
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, cards, screenshot, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('remediate code in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('lists IaC findings by check on a card, previews a fix from its "Fix this" button and opens a draft pull request on Submit', async () => {
    await step('remediate-code-flow', async ({ page }) => {
      const asked = await sendMessage(page, 'reduce risk in the infrastructure repo');
      const findings = await waitForCardText(page, '8 findings in', { newerThan: asked });
      const findingsText = await findings.innerText();
      expect(findingsText).toContain('Storage accounts should not allow public blob access');
      expect(findingsText).toContain('High · modules/storage/main.tf:27');
      const fixButtons = findings.getByRole('button', { name: 'Fix this', exact: true });
      expect(await fixButtons.count()).toBe(8);
      await screenshot(page, 'iac-findings');
      await cardScreenshot(findings, 'iac-findings-card');

      const before = await cards(page).count();
      await fixButtons.first().click();
      const card = await waitForCardText(page, 'Open a pull request', { newerThan: before });
      const cardText = await card.innerText();
      expect(cardText).toContain('Role-Based Access Control should be used on Kubernetes Services');
      expect(cardText).toContain('envs/prod/aks.tf');
      // The preview is a card: the diff one monospace line per row, "+"/"-" kept.
      const preview = await waitForCardText(page, 'Fix preview: Kubernetes clusters should use RBAC', { newerThan: before });
      const previewText = (await preview.innerText()).replace(/\u00a0/g, ' ');
      expect(previewText).toContain('Defender recommendation: Role-Based Access Control should be used on Kubernetes Services');
      expect(previewText).toContain('Files: envs/prod/aks.tf');
      const diffLines = previewText.split('\n').map((l) => l.trim());
      expect(diffLines).toContain('--- a/envs/prod/aks.tf');
      expect(diffLines.some((l) => /^\+\s+role_based_access_control_enabled = true$/.test(l))).toBe(true);
      await screenshot(page, 'iac-fix-preview');
      await cardScreenshot(preview, 'iac-fix-preview-card');
      await cardScreenshot(card, 'iac-confirmation');

      await card.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByText(/Pull request opened as a draft/).last().waitFor({ timeout: 30_000 });
      await screenshot(page, 'iac-pull-request');
    });
  });
});
