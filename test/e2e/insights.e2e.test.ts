// CVE, resource and attack path answers in a real browser, on the embedded demo tenant as `npm start` runs it.
import { chromiumStatus } from './support/chromium';
import { cardScreenshot, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('CVEs, resources and attack paths in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('answers a CVE question with the CVE, its counts and the resources it is on', async () => {
    await step('insights-cve', async ({ page }) => {
      const before = await sendMessage(page, 'log4shell');
      const card = await waitForCardText(page, 'Vulnerabilities (CVEs) by affected resources', { newerThan: before });
      const text = await card.innerText();
      expect(text).toContain('CVE-2021-44228');
      expect(text).toMatch(/\d+ resources? · \d+ recommendations?/);
      expect(text).toContain('Most affected resources');
      await cardScreenshot(card, 'insights-cve-card');
    });
  });

  it("shows what's wrong with one resource, its recommendations ranked", async () => {
    await step('insights-resource', async ({ page }) => {
      const before = await sendMessage(page, "what's wrong with aks-tracking-prod");
      const card = await waitForCardText(page, "What's wrong with aks-tracking-prod", { newerThan: before });
      const text = await card.innerText();
      expect(text).toContain('1. aks-tracking-prod');
      expect(text).toMatch(/open recommendations?, riskiest first/);
      await cardScreenshot(card, 'insights-resource-card');
    });
  });

  it('shows the attack path for a resource end to end', async () => {
    await step('insights-attack-path', async ({ page }) => {
      const before = await sendMessage(page, 'show the attack path for jumpbox');
      const card = await waitForCardText(page, 'Through a resource named like', { newerThan: before });
      const text = await card.innerText();
      // The entry point and the target on one line, then the path's risk factors and its steps.
      expect(text).toMatch(/From jumpbox-\S+ to \S+/);
      expect(text).toMatch(/Critical risk · Internet exposure/);
      expect(text).toContain('Steps');
      expect(text).toContain('Fix any of these to break the path');
      await cardScreenshot(card, 'insights-attack-path-card');
    });
  });
});
