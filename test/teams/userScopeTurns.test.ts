// Whole turns with Teams SSO on: two people with different Azure subscriptions ask the same questions and see
// different answers, with nothing from the other's subscriptions in names or spelling suggestions. The SSO token
// comes from the token service (a fake UserTokenClient), the on-behalf-of exchange runs through OnBehalfOfCredential
// against a loopback Entra, and the scope is read from a loopback Resource Manager.
import type { Activity } from 'botbuilder';
import { CONSENT_AGAIN_TEXT, refusedText } from '../../src/teams/userScopeTurns';
import { message } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { SSO_CLIENT as CLIENT, ssoPerson as person, startSsoBot, type DemoSubscription, type SsoBot } from '../support/ssoBot';

describe('user scope turns (SSO on)', () => {
  let bot: SsoBot;
  let subs: DemoSubscription[];
  const turn = (activity: Partial<Activity>) => bot.turn(activity);

  beforeAll(async () => {
    bot = await startSsoBot();
    subs = bot.subs;
    // Alice reads the first Azure subscription, Bob the second; Carol withdrew consent; Dave's roles were removed.
    bot.signIn('alice', [0]);
    bot.signIn('bob', [1]);
    bot.entra.consentRevoked.add(bot.signIn('carol', [0]));
    bot.signIn('dave', [0]);
    bot.arm.forbidden.add('arm-token-dave');
  }, 60_000);
  afterAll(() => bot.close());

  const ask = async (name: string, text: string) => {
    const replies = await turn({ ...message(text, { conversationId: `a:${name}` }), from: person(name) as Activity['from'] });
    return seeReplies({ activities: replies }).map(visible).join('\n');
  };

  it('the demo tenant has two Azure subscriptions with different resources to tell apart', () => {
    expect(subs.length).toBeGreaterThanOrEqual(2);
  });

  it('two users ask the same questions and each sees only their own subscription', async () => {
    const [mine, theirs] = [subs[0]!, subs[1]!];
    const alice = await ask('alice', 'break down open recommendations by subscription');
    const bob = await ask('bob', 'break down open recommendations by subscription');
    expect(alice).toContain(mine.name);
    expect(alice).not.toContain(theirs.name);
    expect(bob).toContain(theirs.name);
    expect(bob).not.toContain(mine.name);
    expect(await ask('alice', 'how many critical risks?')).not.toEqual(await ask('bob', 'how many critical risks?'));
  });

  it('never names or suggests a resource from outside the scope, not even as a spelling suggestion', async () => {
    const onlyBobs = subs[1]!.resources.find((r) => !subs[0]!.resources.includes(r) && r.length > 6)!;
    const typo = `${onlyBobs.slice(0, -1)}${onlyBobs.endsWith('x') ? 'y' : 'x'}`;
    const alice = await ask('alice', `show risks on ${typo}`);
    expect(alice.toLowerCase()).not.toContain(onlyBobs.toLowerCase());
    const bob = await ask('bob', `show risks on ${onlyBobs}`);
    expect(bob.toLowerCase()).toContain(onlyBobs.toLowerCase());
  });

  it('asks again for consent when it was withdrawn, and explains a refusal from Azure', async () => {
    expect(await ask('carol', 'how many critical risks?')).toBe(CONSENT_AGAIN_TEXT);
    expect(bot.tokens.signedOut).toContain(person('carol').id);
    expect(await ask('dave', 'how many critical risks?')).toBe(refusedText(403));
  });

  it('asks a user who has not signed in to sign in (an OAuth card with the SSO token exchange)', async () => {
    const replies = await turn({ ...message('how many critical risks?', { conversationId: 'a:erin' }), from: person('erin') as Activity['from'] });
    expect(replies.flatMap((r) => r.attachments ?? []).map((a) => a.contentType)).toContain('application/vnd.microsoft.card.oauth');
  });

  it('resolves a scope once per user while it is fresh, and logs no token', async () => {
    const before = bot.arm.calls.filter((c) => c.token === 'arm-token-alice' && c.path === '/subscriptions').length;
    await ask('alice', 'how many high risks?');
    expect(bot.arm.calls.filter((c) => c.token === 'arm-token-alice' && c.path === '/subscriptions').length).toBe(before);
    const logged = JSON.stringify(bot.memory.lines());
    for (const secret of [...bot.tokens.tokens.values(), 'arm-token-alice', 'arm-token-bob', 'arm-token-dave', CLIENT.clientSecret]) expect(logged).not.toContain(secret);
  });
});
