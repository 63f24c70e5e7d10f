// The owner's card in whole turns on the real bot (startBot, SQLite, HTTP endpoint) with a loopback Bot Connector:
// the owner once chats with the bot (their roster entry gives their address), the requester delegates and presses
// Send, and only then the owner's card arrives in the owner's chat (a proactive POST /v3/conversations/...).
// The owner accepts, sets an ETA, marks it fixed (pending verification: no fresh data); someone else, a stale
// card, a replayed press, two presses at once and tampered data change nothing and say so.
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { execute, message, USER } from '../support/activities';
import type { Json } from '../support/cardJson';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { inputsOf } from '../support/draftCards';
import { answered, answerText, as, buttonsOf, cardsIn, texts, textsIn } from '../support/ownerCards';
import { displayDate } from '../../src/views/postureLabels';

const SUB = '5b0e0c2d-0000-4000-8000-00000000d1e2';
const OWNER = { id: '29:user-olivia', name: 'Olivia', aadObjectId: '00000000-0000-4000-8000-0000000000c1' };
const BOB = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };
const OWNER_CHAT = 'a:personal-olivia';
const ADA_CHAT = 'a:personal-ada';
const BOB_CHAT = 'a:personal-bob';
const KEY = 'ad4f3ff1-30eb-5042-16ed-27198f640b8d';
const resource = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/stweb01`;

const rows = [
  { id: `/subscriptions/${SUB}`, name: 'Contoso Web', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, properties: { state: 'Enabled' } },
  { id: resource, name: 'stweb01', type: 'microsoft.storage/storageaccounts', location: 'westeurope', resourceGroup: 'rg-web', subscriptionId: SUB, tags: { owner: 'Olivia.Owner@contoso.example' } },
  {
    id: `${resource}/providers/Microsoft.Security/assessments/${KEY}`, name: KEY, type: 'microsoft.security/assessments', subscriptionId: SUB,
    properties: {
      resourceDetails: { Source: 'Azure', Id: resource }, displayName: 'Storage accounts should restrict network access', status: { code: 'Unhealthy' },
      metadata: { displayName: 'Storage accounts should restrict network access', severity: 'High', categories: ['Data'], assessmentType: 'BuiltIn' },
      risk: { level: 'Critical', riskFactors: ['Internet exposure'], attackPathsReferences: [] },
    },
  },
];

/** Teams names the pressed card's message in replyToId; a card with a refresh is replaced there for everyone. */
let cardActivityId = '';
const press = (bot: DeliveredBot, who: { id: string; name: string; aadObjectId: string }, chat: string, data: Record<string, unknown>) => bot.invoke({ ...as(who, chat, execute('delegation', data)), replyToId: cardActivityId });

describe('the owner card in Teams', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(rows);
    bot.connector.members.set(OWNER.id, { id: OWNER.id, name: OWNER.name, aadObjectId: OWNER.aadObjectId, email: 'olivia.owner@contoso.example', userPrincipalName: 'olivia@contoso.example' });
    bot.connector.members.set(USER.id, { id: USER.id, name: USER.name, aadObjectId: USER.aadObjectId, email: 'ada@contoso.example', userPrincipalName: 'ada@contoso.example' });
  });
  afterAll(() => bot.stop());

  it('goes to the owner only after Send; only the owner acts; stale, replayed, tampered and concurrent presses change nothing', async () => {
    // The owner has talked to the bot once: their chat is known, with the address the roster gives.
    expect(await bot.deliver(as(OWNER, OWNER_CHAT, message('hello')))).toBe(200);
    // The roster is read in the background (a turn never waits for it): once it answered, the bot knows her address.
    for (let tries = 0; tries < 50; tries++) {
      await bot.deliver(as(OWNER, OWNER_CHAT, message('what is assigned to me?')));
      if (textsIn(bot, OWNER_CHAT).at(-1)?.startsWith('Nothing is delegated to olivia.owner@contoso.example or olivia@contoso.example.')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(textsIn(bot, OWNER_CHAT).at(-1)).toBe('Nothing is delegated to olivia.owner@contoso.example or olivia@contoso.example.');
    const before = bot.connector.callsIn(OWNER_CHAT).length;

    await bot.ask('show all risks', ADA_CHAT);
    await bot.ask('delegate the first one to the owner', ADA_CHAT);
    const draft = cardsIn(bot, ADA_CHAT).at(-1);
    expect(texts(draft)).toContain('Delegate to the owner');
    // Nothing reached the owner from the draft alone.
    expect(bot.connector.callsIn(OWNER_CHAT)).toHaveLength(before);

    const ref = String((buttonsOf(draft, 'confirm')[0]?.data as Json).ref);
    const inputs = inputsOf(draft);
    const sent = await bot.invoke(execute('confirm', { ref, ...inputs, in_gracePeriod: 'yes', in_ticket: 'INC0012345' }, { conversationId: ADA_CHAT }));
    expect(sent.status).toBe(200);
    const sentText = `${answerText(sent.body)}\n${textsIn(bot, ADA_CHAT).join('\n')}`;
    expect(sentText).toContain('Olivia also got a card in Teams');

    // The proactive card in the owner's chat: Universal Actions, refreshed for the owner.
    const ownerCalls = bot.connector.callsIn(OWNER_CHAT).slice(before);
    expect(ownerCalls).toHaveLength(1);
    expect(ownerCalls[0]?.method).toBe('POST');
    cardActivityId = ownerCalls[0]?.assignedId ?? '';
    const card = cardsIn(bot, OWNER_CHAT).at(-1);
    expect(texts(card)).toContain('Fix requested: Storage accounts should restrict network access');
    expect((card?.refresh as Json).userIds).toEqual([OWNER.id, USER.id]);
    const accept = buttonsOf(card, 'delegation').find((b) => (b.data as Json).act === 'accept');
    expect(accept).toBeDefined();
    const data = accept?.data as { ref: string; v: number };
    expect(data.v).toBe(1);

    // Bob is not the owner: the card he gets back has no buttons, and nothing changed.
    const byBob = await press(bot, BOB, BOB_CHAT, { ...data, act: 'accept' });
    expect(answerText(byBob.body)).toContain('Only the owner, Olivia.Owner@contoso.example, can do that; nothing changed.');
    expect(buttonsOf(answered(byBob.body), 'delegation').filter((b) => (b.data as Json).act === 'accept')).toHaveLength(0);

    // Tampered data: an act that does not exist, an extra field.
    expect(answerText((await press(bot, OWNER, OWNER_CHAT, { ...data, act: 'delete' })).body)).toContain("That button's data is not valid.");
    const tampered = await press(bot, OWNER, OWNER_CHAT, { ...data, act: 'accept', owner: 'eve@evil.example' });
    expect(answerText(tampered.body)).toContain("That button's data is not valid.");

    // The owner accepts; the delegator hears of it in their chat.
    const accepted = await press(bot, OWNER, OWNER_CHAT, { ...data, act: 'accept' });
    expect(answerText(accepted.body)).toContain('You accepted it.');
    expect(texts(answered(accepted.body))).toContain('Accepted');
    expect(textsIn(bot, ADA_CHAT).join('\n')).toContain('Olivia.Owner@contoso.example accepted "Storage accounts should restrict network access" on stweb01.');

    // The same press again (the old card): stale, nothing changes.
    const replay = await press(bot, OWNER, OWNER_CHAT, { ...data, act: 'accept' });
    expect(answerText(replay.body)).toContain('This card was out of date');

    // A bad ETA is refused with a reason; a good one is recorded.
    const v2 = { ref: data.ref, v: 2 };
    expect(answerText((await press(bot, OWNER, OWNER_CHAT, { ...v2, act: 'eta', eta: '2001-01-01', etaNote: 'later' })).body)).toContain('The ETA is in the past.');
    const eta = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect(answerText((await press(bot, OWNER, OWNER_CHAT, { ...v2, act: 'eta', eta, etaNote: '' })).body)).toContain('The justification is empty');
    const etaSet = await press(bot, OWNER, OWNER_CHAT, { ...v2, act: 'eta', eta, etaNote: 'change window on Friday' });
    expect(answerText(etaSet.body)).toContain(`ETA set to ${displayDate(Date.parse(eta))}.`);
    expect(texts(answered(etaSet.body))).toContain(`${displayDate(Date.parse(eta))}: change window on Friday`);
    // The governance assignment in the posture state carries the grace period, the ticket and the owner's ETA.
    const details = bot.running.posture.current().details(SYSTEM_VIEWER, `${resource}/providers/Microsoft.Security/assessments/${KEY}`);
    expect(details).toMatchObject({ owner: 'Olivia.Owner@contoso.example', isGracePeriod: true, ticketNumber: 'INC0012345', etaJustification: 'change window on Friday' });
    expect(new Date(details?.etaDate ?? 0).toISOString().slice(0, 10)).toBe(eta);

    // Two presses at once on the same version: one wins, the other is told its card was stale.
    const v3 = { ref: data.ref, v: 3 };
    const [one, two] = await Promise.all([press(bot, OWNER, OWNER_CHAT, { ...v3, act: 'done' }), press(bot, OWNER, OWNER_CHAT, { ...v3, act: 'exempt', exReason: 'behind a firewall', exKind: 'Mitigated' })]);
    const both = [answerText(one.body), answerText(two.body)];
    expect(both.filter((t) => t.includes('This card was out of date'))).toHaveLength(1);

    // "what is assigned to me?" answers the owner (matched by the address the roster gave); Bob has nothing.
    await bot.deliver(as(OWNER, OWNER_CHAT, message('what is assigned to me?')));
    expect(textsIn(bot, OWNER_CHAT).at(-1)).toMatch(/^Assigned to you: 1 \(1 open\)\n\n1\. (Fixed – pending verification|Exemption requested): Storage accounts should restrict network access on stweb01, owner Olivia.Owner@contoso.example/);
    await bot.deliver(as(BOB, BOB_CHAT, message('what is assigned to me?')));
    expect(textsIn(bot, BOB_CHAT).at(-1)).toContain('Nothing is assigned to you that I know of.');
    await bot.ask('what did I delegate?', ADA_CHAT);
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('Your delegations: 1 (1 open)');

    // The delegator's view: Cancel; nobody else's press touches it.
    const view = await press(bot, USER, ADA_CHAT, { ...v3, act: 'view' });
    expect(buttonsOf(answered(view.body), 'delegation').map((b) => (b.data as Json).act)).toContain('cancel');
  });
});
