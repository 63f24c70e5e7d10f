// Reassign and Ask a question on the owner's card, in whole turns on the real bot (startBot, SQLite, HTTP endpoint,
// outbox mailer) with a loopback Bot Connector. The owner asks the delegator a question (relayed to the chat the
// delegation started in, recorded on the delegation, the card stays current), then hands the fix to its real owner:
// the address is validated, the record changes once (a replayed press is stale), the posture state names the new
// owner, the new owner gets the email and the card, the delegator is told, and the old owner's card turns read-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { execute, message, USER } from '../support/activities';
import type { Json } from '../support/cardJson';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { inputsOf, outboxOf } from '../support/draftCards';
import { actsOf, answered, answerText, as, buttonsOf, cardsIn, textsIn, type TeamsPerson } from '../support/ownerCards';

const SUB = '5b0e0c2d-0000-4000-8000-00000000d1e3';
const OLIVIA = { id: '29:user-olivia', name: 'Olivia', aadObjectId: '00000000-0000-4000-8000-0000000000c1' };
const CARL = { id: '29:user-carl', name: 'Carl', aadObjectId: '00000000-0000-4000-8000-0000000000ca' };
const BOB = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };
const OLIVIA_CHAT = 'a:personal-olivia';
const CARL_CHAT = 'a:personal-carl';
const ADA_CHAT = 'a:personal-ada';
const KEY = 'ad4f3ff1-30eb-5042-16ed-27198f640b8d';
const resource = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/stweb02`;
const assessmentId = `${resource}/providers/Microsoft.Security/assessments/${KEY}`;

const rows = [
  { id: `/subscriptions/${SUB}`, name: 'Contoso Web', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, properties: { state: 'Enabled' } },
  { id: resource, name: 'stweb02', type: 'microsoft.storage/storageaccounts', location: 'westeurope', resourceGroup: 'rg-web', subscriptionId: SUB, tags: { owner: 'olivia@contoso.example' } },
  {
    id: assessmentId, name: KEY, type: 'microsoft.security/assessments', subscriptionId: SUB,
    properties: {
      resourceDetails: { Source: 'Azure', Id: resource }, displayName: 'Storage accounts should restrict network access', status: { code: 'Unhealthy' },
      metadata: { displayName: 'Storage accounts should restrict network access', severity: 'High', categories: ['Data'], assessmentType: 'BuiltIn' },
    },
  },
];

let cardActivityId = '';
const press = (bot: DeliveredBot, who: TeamsPerson, chat: string, data: Record<string, unknown>) => bot.invoke({ ...as(who, chat, execute('delegation', data)), replyToId: cardActivityId });

/** Chats with the bot until the background roster lookup gave the person's address. */
async function introduce(bot: DeliveredBot, who: TeamsPerson, chat: string, address: string): Promise<void> {
  bot.connector.members.set(who.id, { id: who.id, name: who.name, aadObjectId: who.aadObjectId, email: address, userPrincipalName: address });
  for (let tries = 0; tries < 50; tries++) {
    await bot.deliver(as(who, chat, message('what is assigned to me?')));
    if (textsIn(bot, chat).at(-1)?.startsWith(`Nothing is delegated to ${address}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the roster never gave ${address}`);
}

describe('Reassign and Ask a question on the owner card', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(rows);
    bot.connector.members.set(USER.id, { id: USER.id, name: USER.name, aadObjectId: USER.aadObjectId, email: 'ada@contoso.example', userPrincipalName: 'ada@contoso.example' });
  });
  afterAll(() => bot.stop());

  it('relays a question, then reassigns once to a validated address; the new owner gets the email and the card', async () => {
    await introduce(bot, OLIVIA, OLIVIA_CHAT, 'olivia@contoso.example');
    await introduce(bot, CARL, CARL_CHAT, 'carl@contoso.example');
    await bot.ask('show all risks', ADA_CHAT);
    await bot.ask('delegate the first one to the owner', ADA_CHAT);
    const draft = cardsIn(bot, ADA_CHAT).at(-1);
    const ref = String((buttonsOf(draft, 'confirm')[0]?.data as Json).ref);
    expect((await bot.invoke(execute('confirm', { ref, ...inputsOf(draft) }, { conversationId: ADA_CHAT }))).status).toBe(200);
    const first = bot.connector.callsIn(OLIVIA_CHAT).at(-1);
    cardActivityId = first?.assignedId ?? '';
    const card = cardsIn(bot, OLIVIA_CHAT).at(-1);
    expect(actsOf(card)).toEqual(expect.arrayContaining(['accept', 'ask', 'reassign']));
    const v1 = { ref: String((buttonsOf(card, 'delegation')[0]?.data as Json).ref), v: 1 };
    const mailsBefore = outboxOf(bot.dataDir);

    // A question goes to the delegator's chat and is recorded; the card Olivia holds stays current (same version).
    const asked = await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'ask', question: 'Is the staging\r\naccount in scope? <b>' });
    expect(answerText(asked.body)).toContain('Your question was sent to Ada');
    expect(textsIn(bot, ADA_CHAT).at(-1)).toBe('olivia@contoso.example asks about "Storage accounts should restrict network access" on stweb02: Is the staging account in scope? <b>');
    expect(answerText(asked.body)).toContain('Is the staging account in scope?');
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'ask', question: '   ' })).body)).toContain('The question is empty');

    // The owner mutes reminders for this one delegation (the card says so and offers to unmute); nobody else may.
    expect(actsOf(card)).toContain('mute');
    const muted = await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'mute' });
    expect(answerText(muted.body)).toContain('Reminders for this fix are muted. Ada still sees it in their digest.');
    expect(JSON.stringify(muted.body)).toContain('Muted by the owner');
    expect(JSON.stringify(muted.body)).toContain('Unmute reminders');
    expect(answerText((await press(bot, BOB, 'a:personal-bob', { ...v1, act: 'mute' })).body)).toContain('Only the owner, olivia@contoso.example, can do that; nothing changed.');
    const unmuted = await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'mute' });
    expect(answerText(unmuted.body)).toContain('Reminders for this fix are on again.');
    expect(JSON.stringify(unmuted.body)).not.toContain('Muted by the owner');

    // Bad addresses are refused with a reason, and nothing changes.
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: '' })).body)).toContain("Reassign: type the new owner's e-mail address first.");
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example\r\nBcc: eve@evil.example' })).body)).toContain('is not one e-mail address');
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example, eve@evil.example' })).body)).toContain('is not one e-mail address');
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'OLIVIA@contoso.example' })).body)).toContain('Reassign: olivia@contoso.example already owns it.');
    // Someone else may not; tampered data is refused.
    expect(answerText((await press(bot, BOB, 'a:personal-bob', { ...v1, act: 'reassign', newOwner: 'bob@contoso.example' })).body)).toContain('Only the owner, olivia@contoso.example, or the person who delegated it (Ada) can do that; nothing changed.');
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example', owner: 'x' })).body)).toContain("That button's data is not valid.");
    await bot.ask('what did I delegate?', ADA_CHAT);
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('1. Assigned: Storage accounts should restrict network access on stweb02, owner olivia@contoso.example');
    expect(outboxOf(bot.dataDir)).toEqual(mailsBefore);

    // Olivia hands it to Carl.
    const carlCalls = bot.connector.callsIn(CARL_CHAT).length;
    const moved = await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example' });
    const movedText = answerText(moved.body);
    expect(movedText).toContain('Reassigned to carl@contoso.example.');
    expect(movedText).toContain('Carl also got a card in Teams');
    expect(movedText).toContain('Ada was told.');
    // Olivia's card is now read-only.
    expect(actsOf(answered(moved.body)).filter((a) => a !== 'view')).toEqual([]);
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('olivia@contoso.example reassigned "Storage accounts should restrict network access" on stweb02 to carl@contoso.example.');

    // The same press again: Olivia no longer owns it; the delegator's press of the old card is stale. No second
    // email, card or change.
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example' })).body)).toContain('Only the owner, carl@contoso.example, or the person who delegated it (Ada) can do that; nothing changed.');
    expect(answerText((await press(bot, USER, ADA_CHAT, { ...v1, act: 'reassign', newOwner: 'carl@contoso.example' })).body)).toContain('This card was out of date');
    await bot.ask('what did I delegate?', ADA_CHAT);
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('1. Reassigned: Storage accounts should restrict network access on stweb02, owner carl@contoso.example');
    // The card names the earlier owner and the last question.
    expect(answerText(moved.body)).toContain('olivia@contoso.example');
    expect(answerText(moved.body)).toContain('Last question');
    const mails = outboxOf(bot.dataDir).filter((f) => !mailsBefore.includes(f));
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(bot.dataDir, 'outbox', mails[0] ?? '')));
    expect(mail.to).toMatchObject({ text: 'carl@contoso.example' });
    expect(mail.subject).toBe('Fix reassigned to you: Storage accounts should restrict network access on stweb02');
    expect(mail.text).toContain('Olivia reassigned this fix to you (it was with olivia@contoso.example).');
    expect(bot.connector.callsIn(CARL_CHAT)).toHaveLength(carlCalls + 1);
    expect(bot.running.posture.current().details(SYSTEM_VIEWER, assessmentId)?.owner).toBe('carl@contoso.example');

    // Carl's card: his buttons; he accepts (version 2: the reassignment was one change), and Ada hears of it.
    const carlCard = cardsIn(bot, CARL_CHAT).at(-1);
    expect(actsOf(carlCard)).toEqual(expect.arrayContaining(['accept', 'reassign']));
    cardActivityId = bot.connector.callsIn(CARL_CHAT).at(-1)?.assignedId ?? '';
    const accepted = await press(bot, CARL, CARL_CHAT, { ref: v1.ref, v: 2, act: 'accept' });
    expect(answerText(accepted.body)).toContain('You accepted it.');
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('carl@contoso.example accepted');
    // Olivia can no longer act on it.
    expect(answerText((await press(bot, OLIVIA, OLIVIA_CHAT, { ref: v1.ref, v: 3, act: 'done' })).body)).toContain('Only the owner, carl@contoso.example, can do that');
  });
});
