// Delegating in a real browser: a summary card's "Delegate to the owner" opens the editable email draft; Send (by
// the requester) writes the email to the outbox and the card shows it in place; "what have I delegated?" lists it
// as Assigned. The Playground has one user (Alex Wilber, alexw@example.com in its roster), so the draft is sent to
// that address: the bot noted Alex's chat and roster address from the first turn, and after Send posts the owner's
// card proactively into the same chat. Alex presses Accept (the card changes in place), a fix is simulated in
// chat, and "Mark as fixed" on the owner's card verifies and closes the delegation.
import { readFileSync } from 'node:fs';
import { chromiumStatus } from './support/chromium';
import { cards, cardScreenshot, clickCardButton, screenshot, sendMessage, waitForCardText } from './support/playground';
import { usePlaygroundStack } from './support/suite';

const PLAYGROUND_USER = 'alexw@example.com';
const status = chromiumStatus();
if (!status.run) console.warn(status.message);
const describeInBrowser = status.run ? describe : describe.skip;

describeInBrowser('delegate in the Agents Playground', () => {
  const { step } = usePlaygroundStack(status.available, status.message);

  it('drafts the email, sends it on Send, brings the owner their card, which Accept and Mark as fixed change in place to Verified after a simulated fix', async () => {
    await step('delegate-flow', async ({ page }) => {
      let before = await sendMessage(page, 'Summarize the SQL public network access one');
      const summary = await waitForCardText(page, 'Why it matters here', { newerThan: before });
      before = await clickCardButton(page, summary, 'Delegate to the owner');
      const draft = await waitForCardText(page, 'Review the email', { newerThan: before });
      const draftText = await draft.innerText();
      expect(draftText).toContain('Public network access on Azure SQL Database should be disabled');
      const to = draft.locator('input[aria-label^="To"], input[type="email"]').first();
      // The Playground user's roster address (its default currentUser), so the owner's card comes to this chat.
      await to.fill(PLAYGROUND_USER);
      const owner = await to.inputValue();
      await draft.getByPlaceholder('lead@example.com').fill('soc.lead@alderbrook.example');
      await cardScreenshot(draft, 'delegate-draft');

      await draft.getByRole('button', { name: 'Send', exact: true }).click();
      const sent = await waitForCardText(page, `Delegated to ${owner}`, { timeoutMs: 15000 });
      const sentText = await sent.innerText();
      expect(sentText).toMatch(/Sent by .+ at \d\d:\d\d UTC\./);
      expect(await sent.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
      // The bot knew the owner's chat (noted from this user's turns, address from the Playground's roster).
      expect(sentText.replace(/\s+/g, ' ')).toMatch(/(Alex Wilber|alexw@example\.com) also got a card in Teams/);
      await cardScreenshot(sent, 'delegate-sent');
      const file = /written to (\S+\.eml)/.exec(sentText.replace(/\s+/g, ' '))?.[1];
      expect(file).toBeDefined();
      const eml = readFileSync(file ?? '', 'utf8');
      expect(eml).toContain(`To: ${owner}`);
      expect(eml).toContain('Cc: soc.lead@alderbrook.example');
      expect(eml).toContain('Subject: Please fix: Public network access on Azure SQL Database should be');

      // The owner's card, posted by the bot on its own (not an answer to a message).
      const ownerCard = await waitForCardText(page, 'Fix requested: Public network access on Azure SQL Database', { timeoutMs: 15000 });
      const cardsBeforeAccept = await cards(page).count();
      expect(await ownerCard.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(1);
      await cardScreenshot(ownerCard, 'delegate-owner-card');
      await ownerCard.getByRole('button', { name: 'Accept', exact: true }).click();
      // Universal Actions: the same card is replaced with the accepted one; no new card is added.
      await ownerCard.getByText('You accepted it.').waitFor({ timeout: 15000 });
      expect(await ownerCard.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
      expect(await cards(page).count()).toBe(cardsBeforeAccept);
      await cardScreenshot(ownerCard, 'delegate-owner-accepted');

      await sendMessage(page, 'what have I delegated?');
      await page.getByText('Your delegations: 1 (1 open)').last().waitFor({ timeout: 15000 });
      await screenshot(page, 'delegate-listed');

      before = await sendMessage(page, 'apply the fix');
      const proposal = await waitForCardText(page, 'Simulated', { newerThan: before });
      await proposal.getByRole('button', { name: 'Apply', exact: true }).click();
      await waitForCardText(page, 'Simulated fix applied', { timeoutMs: 15000 });

      // The owner marks it fixed on their card: the simulated fix verifies it, and the card says so in place.
      await ownerCard.getByRole('button', { name: 'Mark as fixed', exact: true }).click();
      await ownerCard.getByText('Verified fixed (by a fix simulated in chat)').waitFor({ timeout: 15000 });
      expect(await ownerCard.getByRole('button', { name: 'Mark as fixed', exact: true }).count()).toBe(0);
      await cardScreenshot(ownerCard, 'delegate-owner-verified');
      await sendMessage(page, 'what have I delegated?');
      await page.getByText('Your delegations: 1 (0 open)').last().waitFor({ timeout: 15000 });
      await screenshot(page, 'delegate-verified');
    });
  });
});
