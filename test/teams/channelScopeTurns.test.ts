// Whole turns in a Teams channel with SSO on: an admin sets the channel's scope in chat; answers there show only
// what both the channel and the asker may read; a question naming a subscription the channel does not cover gets
// an offer of a private chat; a channel with no scope (or a stored scope that is damaged) answers with counts only.
import { NOT_ADMIN_TEXT } from '../../src/account/admins';
import { CHANNEL_SCOPES } from '../../src/channels/channelScopeStore';
import { COUNTS_ONLY_TEXT, MALFORMED_TEXT } from '../../src/channels/channelScopes';
import { message, TENANT_ID, type ConversationType } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { fromPerson, ssoPerson, startSsoBot, type SsoBot } from '../support/ssoBot';

const ADMIN = 'ad'; // object ids are hex: the name pads into one
const GENERAL = '19:general@thread.tacv2';
const OPS = '19:ops@thread.tacv2';

describe('channel scopes (SSO on)', () => {
  let bot: SsoBot;

  beforeAll(async () => {
    bot = await startSsoBot({ channels: true, env: { ADMIN_OBJECT_IDS: ssoPerson(ADMIN).aadObjectId } });
    // Alice reads the first subscription, Bob both, the admin both.
    bot.signIn('alice', [0]);
    bot.signIn('bob', [0, 1]);
    bot.signIn(ADMIN, [0, 1]);
  }, 60_000);
  afterAll(() => bot.close());

  const ask = async (name: string, text: string, where: { type?: ConversationType; channel?: string; channelData?: Record<string, unknown> } = {}) => {
    const type = where.type ?? 'channel';
    const channel = where.channel ?? GENERAL;
    const activity = message(text, { mention: type !== 'personal', conversationType: type, conversationId: type === 'personal' ? `a:${name}` : `${channel};messageid=${Date.now()}` });
    const channelData = { ...(activity.channelData as object), ...(type === 'channel' ? { channel: { id: channel }, team: { id: '19:team@thread.tacv2' } } : {}), ...where.channelData };
    const replies = await bot.turn({ ...activity, channelData, from: fromPerson(name) });
    return seeReplies({ activities: replies }).map(visible).join('\n');
  };
  const byline = 'break down open recommendations by subscription';

  it('a channel with no scope answers with counts only, and says why', async () => {
    const [first, second] = [bot.subs[0]!, bot.subs[1]!];
    const list = await ask('bob', 'list open recommendations');
    expect(list).toContain(COUNTS_ONLY_TEXT);
    expect(list).toMatch(/\d/);
    for (const r of [...first.resources, ...second.resources].filter((r) => r.length > 6)) expect(list).not.toContain(r);
    const breakdown = await ask('bob', byline);
    expect(breakdown).toContain(COUNTS_ONLY_TEXT);
    expect(breakdown).not.toContain(first.name);
    expect(breakdown).not.toContain(second.name);
    // In a private chat the same person gets the breakdown.
    const personal = await ask('bob', byline, { type: 'personal' });
    expect(personal).toContain(first.name);
    expect(personal).toContain(second.name);
  });

  it('refuses a person who is not an admin, and stores nothing', async () => {
    expect(await ask('alice', `this channel covers ${bot.subs[0]!.name}`)).toBe(NOT_ADMIN_TEXT);
    expect(await bot.records.list(CHANNEL_SCOPES)).toEqual([]);
  });

  it('refuses an unknown subscription and changes nothing', async () => {
    const reply = await ask(ADMIN, `this channel covers ${bot.subs[1]!.name}, Not-A-Real-Subscription`);
    expect(reply).toContain('Nothing was changed');
    expect(reply).toContain('Not-A-Real-Subscription');
    expect(await bot.records.list(CHANNEL_SCOPES)).toEqual([]);
  });

  it('an admin sets the scope by name; answers show only what both the channel and the asker cover', async () => {
    const [first, second] = [bot.subs[0]!, bot.subs[1]!];
    const set = await ask(ADMIN, `<at>PostureBot</at> This channel covers ${second.name}.`);
    expect(set).toContain(`now covers: ${second.name}`);
    const stored = await bot.records.list<{ subscriptions: string[] }>(CHANNEL_SCOPES);
    expect(stored.map((r) => [r.id, r.value.subscriptions])).toEqual([[`${TENANT_ID}|channel|${GENERAL}`, [second.id]]]);
    expect(await ask('alice', "what is this channel's scope?")).toContain(second.name);

    // Bob reads both subscriptions, the channel covers the second: he sees the second only.
    const bob = await ask('bob', byline);
    expect(bob).toContain(second.name);
    expect(bob).not.toContain(first.name);
    // Alice reads only the first: nothing of hers is covered here, and nothing of the second leaks to her.
    const alice = await ask('alice', byline);
    expect(alice).not.toContain(second.name);
    expect(alice).not.toContain(first.name);
    // Another channel of the same team has no scope yet.
    expect(await ask('bob', byline, { channel: OPS })).toContain(COUNTS_ONLY_TEXT);
  });

  it('a question naming what the channel does not cover gets an offer of a private chat', async () => {
    const first = bot.subs[0]!;
    const reply = await ask('bob', `how many open recommendations in ${first.name}?`);
    expect(reply).toContain('beyond what this channel covers');
    expect(reply).toContain('private chat');
    expect(reply).toContain('https://teams.microsoft.com/l/chat/0/0?users=28:posture-bot');
    // Naming it in a private chat answers as usual.
    expect(await ask('bob', `how many open recommendations in ${first.name}?`, { type: 'personal' })).not.toContain('beyond what this channel covers');
  });

  it('a damaged stored scope or a tampered channel id never widens what is shown', async () => {
    const key = `${TENANT_ID}|channel|${OPS}`;
    await bot.records.put(CHANNEL_SCOPES, key, { subscriptions: 'everything', setBy: 'x' });
    const damaged = await ask('bob', byline, { channel: OPS });
    expect(damaged).toContain(MALFORMED_TEXT);
    expect(damaged).not.toContain(bot.subs[0]!.name);
    await bot.records.delete(CHANNEL_SCOPES, key);
    // A channel id with a key separator is not used; the conversation's own id is (no scope there: counts only).
    const tampered = await ask('bob', byline, { channel: OPS, channelData: { channel: { id: `x|channel|${GENERAL}` } } });
    expect(tampered).toContain(COUNTS_ONLY_TEXT);
  });

  it('an admin reads and clears the scope; the channel is back to counts only', async () => {
    expect(await ask('bob', "clear this channel's scope")).toBe(NOT_ADMIN_TEXT);
    expect(await ask(ADMIN, "clear this channel's scope")).toContain('cleared');
    expect(await ask(ADMIN, 'what does this channel cover?')).toContain('No scope is set');
    expect(await ask('bob', byline)).toContain(COUNTS_ONLY_TEXT);
  });

  it('a team scope covers its channels unless a channel has its own', async () => {
    expect(await ask(ADMIN, `this team covers ${bot.subs[0]!.name}`)).toContain('This team now covers');
    const bob = await ask('bob', byline, { channel: OPS });
    expect(bob).toContain(bot.subs[0]!.name);
    expect(bob).not.toContain(bot.subs[1]!.name);
    expect(await ask(ADMIN, "what is this channel's scope?", { channel: OPS })).toContain('(set for the team)');
    expect(await ask(ADMIN, `this team covers ${bot.subs[0]!.name}`, { type: 'personal' })).toContain('not in a private chat');
  });
});
