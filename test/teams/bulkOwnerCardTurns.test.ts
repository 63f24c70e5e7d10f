// Bulk delegation reaches the owner in Teams with ONE card listing the fixes (not one post per item), in whole
// turns on the real bot (startBot, SQLite, HTTP endpoint) with a loopback Bot Connector. Send is a long side effect:
// the invoke is answered at once and the outcome follows as a proactive message. A row opens that fix's own card.
import { execute, message, USER } from '../support/activities';
import { walk, type Json } from '../support/cardJson';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { inputsOf, sendRef } from '../support/draftCards';
import { answered, as, actsOf, cardsIn, texts, textsIn } from '../support/ownerCards';

const SUB = '5b0e0c2d-0000-4000-8000-00000000d1e4';
const OLIVIA = { id: '29:user-olivia', name: 'Olivia', aadObjectId: '00000000-0000-4000-8000-0000000000c1' };
const OLIVIA_CHAT = 'a:personal-olivia';
const ADA_CHAT = 'a:personal-ada';
const KEY = 'ad4f3ff1-30eb-5042-16ed-27198f640b8d';
const NAMES = ['stbulk01', 'stbulk02', 'stbulk03'];

const rows = [
  { id: `/subscriptions/${SUB}`, name: 'Contoso Web', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, properties: { state: 'Enabled' } },
  ...NAMES.flatMap((name) => {
    const resource = `/subscriptions/${SUB}/resourceGroups/rg-bulk/providers/Microsoft.Storage/storageAccounts/${name}`;
    return [
      { id: resource, name, type: 'microsoft.storage/storageaccounts', location: 'westeurope', resourceGroup: 'rg-bulk', subscriptionId: SUB, tags: { owner: 'olivia@contoso.example' } },
      {
        id: `${resource}/providers/Microsoft.Security/assessments/${KEY}`, name: KEY, type: 'microsoft.security/assessments', subscriptionId: SUB,
        properties: {
          resourceDetails: { Source: 'Azure', Id: resource }, displayName: 'Storage accounts should restrict network access', status: { code: 'Unhealthy' },
          metadata: { displayName: 'Storage accounts should restrict network access', severity: 'High', categories: ['Data'], assessmentType: 'BuiltIn' },
        },
      },
    ];
  }),
];

const rowActions = (card: Json | undefined): Json[] => {
  const found: Json[] = [];
  walk(card, (n) => n.type === 'Container' && typeof n.selectAction === 'object' && found.push(n.selectAction as Json));
  return found;
};

describe('bulk delegation: one owner card per owner', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(rows);
    bot.connector.members.set(OLIVIA.id, { id: OLIVIA.id, name: OLIVIA.name, aadObjectId: OLIVIA.aadObjectId, email: 'olivia@contoso.example', userPrincipalName: 'olivia@contoso.example' });
  });
  afterAll(() => bot.stop());

  it('acknowledges Send at once, then posts one card listing every fix to the owner; a row opens its own card', async () => {
    for (let tries = 0; tries < 50; tries++) {
      await bot.deliver(as(OLIVIA, OLIVIA_CHAT, message('what is assigned to me?')));
      if (textsIn(bot, OLIVIA_CHAT).at(-1)?.startsWith('Nothing is delegated to olivia@contoso.example')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = bot.connector.callsIn(OLIVIA_CHAT).length;
    await bot.ask('delegate everything in rg-bulk to their owners', ADA_CHAT);
    const draft = cardsIn(bot, ADA_CHAT).at(-1);
    expect(texts(draft)).toContain('Delegate 3 to olivia@contoso.example');

    const sent = await bot.invoke(execute('confirm', { ref: sendRef(draft), ...inputsOf(draft) }, { conversationId: ADA_CHAT }));
    expect(sent.status).toBe(200);
    // The invoke answer is the acknowledgement; the outcome follows in the chat.
    expect(JSON.stringify(sent.body)).not.toContain('Delegated 3');
    for (let tries = 0; tries < 100 && !textsIn(bot, ADA_CHAT).some((t) => t.startsWith('Delegated 3')); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    const outcome = textsIn(bot, ADA_CHAT).find((t) => t.startsWith('Delegated 3')) ?? '';
    expect(outcome).toContain('Olivia also got one card in Teams listing the 3 fixes');

    const posted = bot.connector.callsIn(OLIVIA_CHAT).slice(before);
    expect(posted).toHaveLength(1);
    const group = cardsIn(bot, OLIVIA_CHAT).at(-1);
    expect(texts(group)).toContain('3 fixes requested by Ada');
    for (const name of NAMES) expect(texts(group)).toContain(name);
    const opens = rowActions(group);
    expect(opens).toHaveLength(3);

    // A row opens that delegation's own card, with the owner's buttons.
    const opened = await bot.invoke({ ...as(OLIVIA, OLIVIA_CHAT, execute('delegation', opens[1]?.data as Record<string, unknown>)), replyToId: posted[0]?.assignedId ?? '' });
    const single = answered(opened.body);
    expect(texts(single)).toContain('stbulk0');
    expect(actsOf(single)).toEqual(expect.arrayContaining(['accept', 'eta', 'done', 'ask', 'reassign']));
    await bot.ask('what did I delegate?', ADA_CHAT);
    expect(textsIn(bot, ADA_CHAT).at(-1)).toContain('Your delegations: 3 (3 open)');
    expect(USER.name).toBe('Ada');
  });
});
