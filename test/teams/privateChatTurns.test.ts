// A channel question beyond the channel's scope, in whole turns on botbuilder's CloudAdapter against a loopback Bot
// Connector, with Teams SSO on: the bot creates the 1:1 chat itself (POST /v3/conversations with the Teams tenant
// id and the asker's Entra object id, checked by the connector), answers the question there with the asker's own
// scope, and tells the channel where the answer went. When the connector refuses, the channel gets the link.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { message, TENANT_ID } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { withUserTokenClient } from '../support/fakeUserTokenClient';
import { startLoopbackConnector, type LoopbackConnector } from '../support/loopbackConnector';
import { fromPerson, ssoPerson, startSsoBot, type SsoBot } from '../support/ssoBot';

const ADMIN = 'ad';
const GENERAL = '19:general@thread.tacv2';

describe('a private chat the bot starts itself (SSO on, CloudAdapter, loopback connector)', () => {
  let sso: SsoBot;
  let connector: LoopbackConnector;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    sso = await startSsoBot({ channels: true, env: { ADMIN_OBJECT_IDS: ssoPerson(ADMIN).aadObjectId } });
    sso.signIn('bob', [0, 1]);
    sso.signIn(ADMIN, [0, 1]);
    connector = await startLoopbackConnector();
    // No app id: the adapter runs unauthenticated, as the local Playground does; outbound calls go to serviceUrl.
    adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.use(withUserTokenClient(sso.tokens));
    adapter.onTurnError = sso.bot.onTurnError;
  }, 60_000);
  afterAll(async () => {
    await connector.stop();
    await sso.close();
  });

  const inChannel = (name: string, text: string): Partial<Activity> => {
    const activity = message(text, { mention: true, conversationType: 'channel', conversationId: `${GENERAL};messageid=${Date.now()}` });
    return { ...activity, serviceUrl: connector.serviceUrl, channelData: { ...(activity.channelData as object), channel: { id: GENERAL }, team: { id: '19:team@thread.tacv2' } }, from: fromPerson(name) };
  };
  const deliver = async (activity: Partial<Activity>) => {
    await adapter.processActivityDirect('', activity as Activity, async (context) => {
      await sso.bot.turnLogic(context);
    });
    return seeReplies({ activities: connector.callsIn(activity.conversation!.id).map((c) => c.activity) }).map(visible).join('\n');
  };

  it('creates the 1:1 chat through the connector and answers there with the asker’s own scope', async () => {
    const [first, second] = [sso.subs[0]!, sso.subs[1]!];
    expect(await deliver(inChannel(ADMIN, `this channel covers ${second.name}`))).toContain(`now covers: ${second.name}`);

    const question = inChannel('bob', `how many open recommendations in ${first.name}?`);
    const inTheChannel = await deliver(question);
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]).toMatchObject({ isGroup: false, bot: { id: '28:posture-bot' }, members: [{ id: ssoPerson('bob').aadObjectId }], tenantId: TENANT_ID, channelData: { tenant: { id: TENANT_ID } } });
    expect(inTheChannel).toContain('So I answered bob in a private chat instead of here.');
    // Nothing about the other subscription is answered in the channel.
    expect(inTheChannel).not.toMatch(/\d+ open recommendations/i);

    const privately = seeReplies({ activities: connector.callsIn('a:private-1').map((c) => c.activity) }).map(visible);
    expect(privately[0]).toBe(`You asked in a channel: "how many open recommendations in ${first.name}?". It reaches beyond what that channel covers, so I answer here, with your own access.`);
    // The answer itself, counted in the subscription the channel does not cover but Bob may read.
    expect(privately[1]).toMatch(/^\d+ recommendations match: /);
    expect(privately[1]).toContain(`Subscription ${first.name}`);
    expect(privately.join('\n')).not.toContain('beyond what this channel covers (');
  });

  it('falls back to the link when the connector refuses to create the chat', async () => {
    connector.refuseCreate = 403;
    try {
      const reply = await deliver(inChannel('bob', `how many open recommendations in ${sso.subs[0]!.name}?`));
      expect(reply).toContain('beyond what this channel covers');
      expect(reply).toContain('https://teams.microsoft.com/l/chat/0/0?users=28:posture-bot');
      expect(connector.created).toHaveLength(2);
      expect(connector.callsIn('a:private-2')).toEqual([]);
    } finally {
      connector.refuseCreate = undefined;
    }
  });

  it('logs no token', () => {
    const logged = JSON.stringify(sso.memory.lines());
    for (const secret of [...sso.tokens.tokens.values(), 'arm-token-bob']) expect(logged).not.toContain(secret);
  });
});
