// The whole stack in a real browser: bot + Agents Playground + chromium, as a user would try it after npm start.
import { UNSCOPED_NOTE } from '../../src/access/accessNotes';
import { buildHelpView, buildWelcomeView } from '../../src/skills/help/helpAction';
import { skillHelp } from '../../src/skillModules';
import { chromiumStatus } from './support/chromium';
import { clickCardButton, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('the Agents Playground in chromium', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('shows the welcome card when the Playground installs the app', async () => {
    const welcome = buildWelcomeView('personal', skillHelp());
    await step('welcome-card', async ({ page }) => {
      const card = await waitForCardText(page, welcome.title);
      const text = await card.innerText();
      for (const prompt of welcome.promptRows.flatMap((r) => r.buttons)) expect(text).toContain(prompt.title);
      // The Playground has no single sign-on: the bot says its answers are not scoped to the user's Azure access.
      expect(text).toContain(UNSCOPED_NOTE);
      // Teams sends installationUpdate and conversationUpdate together on install; the bot means to greet once.
      const greetings = await page.locator('.ac-adaptiveCard', { hasText: welcome.title }).count();
      if (greetings > 1) console.warn(`the welcome card was shown ${greetings} times for one install`);
    });
  });

  it('answers "help" typed in the message box with the help card', async () => {
    const help = buildHelpView(skillHelp());
    await step('help-card', async ({ page }) => {
      const before = await sendMessage(page, 'help');
      const card = await waitForCardText(page, help.title, { newerThan: before });
      const text = await card.innerText();
      expect(text).toContain(help.intro);
      for (const capability of help.capabilities) expect(text).toContain(capability.name);
      for (const sample of help.samples) expect(text).toContain(sample.prompt);
    });
  });

  it('runs a sample prompt from a card button', async () => {
    const welcome = buildWelcomeView('personal', skillHelp());
    const help = buildHelpView(skillHelp());
    const helpButton = welcome.promptRows.flatMap((r) => r.buttons).find((p) => skillHelp().findSample(p.ref)?.prompt.trim().toLowerCase() === 'help');
    if (!helpButton) throw new Error('no sample prompt runs "help": pick another button whose answer the test can recognise');
    await step('card-button', async ({ page }) => {
      const card = await waitForCardText(page, welcome.title);
      const before = await clickCardButton(page, card, helpButton.title);
      await waitForCardText(page, help.title, { newerThan: before });
    });
  });
});
