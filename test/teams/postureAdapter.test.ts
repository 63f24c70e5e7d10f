// The connector client (credentials and HTTP pipeline) is built once per bot, service URL and audience and reused
// by every turn, instead of once per turn as the SDK does; the user token client once per bot app id.
import { ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { createPostureAdapter, MAX_KEPT_CONNECTORS, type PostureAdapter } from '../../src/teams/postureAdapter';

type Auth = Parameters<PostureAdapter['processAuthenticated']>[0];

/** The two members of botframework-connector's ClaimsIdentity the adapter and the SDK read. */
const identity = (claims: Array<{ type: string; value: string }>) => ({
  claims,
  isAuthenticated: true,
  getClaimValue: (type: string) => claims.find((c) => c.type === type)?.value ?? null,
});

function activity(serviceUrl: string, id: string): Activity {
  return {
    type: 'message',
    id,
    text: 'hi',
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'u1', name: 'U' },
    recipient: { id: 'b1', name: 'B' },
    conversation: { id: 'c1', name: 'c', isGroup: false, conversationType: 'personal' },
  } as Activity;
}

describe('posture adapter connector clients', () => {
  it('reuses one client per bot, service URL and audience across turns, and builds again after a failure', async () => {
    const adapter = createPostureAdapter(undefined);
    let built = 0;
    let failNext = false;
    const create = jest.fn(async (serviceUrl: string) => {
      if (failNext) {
        failNext = false;
        throw new Error('no token');
      }
      return { serviceUrl, n: ++built };
    });
    const auth = (app: string) =>
      ({ audience: 'https://api.botframework.com', claimsIdentity: identity([{ type: 'appid', value: app }]), connectorFactory: { create } }) as unknown as Auth;
    const seen: unknown[] = [];
    const logic = async (context: TurnContext) => {
      seen.push(context.turnState.get(adapter.ConnectorClientKey));
    };
    await adapter.processAuthenticated(auth('bot'), activity('https://smba.example/emea/', 'a1'), logic);
    await adapter.processAuthenticated(auth('bot'), activity('https://smba.example/emea/', 'a2'), logic);
    expect(create).toHaveBeenCalledTimes(1);
    expect(seen[0]).toBe(seen[1]);
    await adapter.processAuthenticated(auth('bot'), activity('https://smba.example/amer/', 'a3'), logic);
    await adapter.processAuthenticated(auth('other-bot'), activity('https://smba.example/emea/', 'a4'), logic);
    expect(create).toHaveBeenCalledTimes(3);
    expect(new Set(seen).size).toBe(3);

    failNext = true;
    await expect(adapter.processAuthenticated(auth('bot'), activity('https://smba.example/apac/', 'a5'), logic)).rejects.toThrow('no token');
    await adapter.processAuthenticated(auth('bot'), activity('https://smba.example/apac/', 'a6'), logic);
    expect(create).toHaveBeenCalledTimes(5);
  });

  it('keeps a bounded number of clients', async () => {
    const adapter = createPostureAdapter(undefined);
    const create = jest.fn(async (serviceUrl: string) => ({ serviceUrl }));
    const auth = { audience: 'x', claimsIdentity: identity([]), connectorFactory: { create } } as unknown as Auth;
    for (let i = 0; i <= MAX_KEPT_CONNECTORS; i++) await adapter.processAuthenticated(auth, activity(`https://s${i}.example/`, `b${i}`), async () => undefined);
    await adapter.processAuthenticated(auth, activity('https://s0.example/', 'again'), async () => undefined);
    expect(create).toHaveBeenCalledTimes(MAX_KEPT_CONNECTORS + 2); // the oldest was dropped, so it is built again
  });

  it('reuses one user token client per bot app id across turns, and builds again after a failure', async () => {
    const build = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient');
    try {
      const adapter = createPostureAdapter(undefined);
      const create = jest.fn(async (serviceUrl: string) => ({ serviceUrl }));
      const auth = (claims: Array<{ type: string; value: string }>) => ({ audience: 'x', claimsIdentity: identity(claims), connectorFactory: { create } }) as unknown as Auth;
      const seen: unknown[] = [];
      const logic = async (context: TurnContext) => {
        seen.push(context.turnState.get(adapter.UserTokenClientKey));
      };
      await adapter.processAuthenticated(auth([{ type: 'aud', value: 'bot' }]), activity('https://smba.example/emea/', 'u1'), logic);
      await adapter.processAuthenticated(auth([{ type: 'aud', value: 'bot' }]), activity('https://smba.example/amer/', 'u2'), logic);
      expect(build).toHaveBeenCalledTimes(1);
      expect(seen[0]).toBeDefined();
      expect(seen[1]).toBe(seen[0]);
      // The app id as the SDK reads it: the audience claim, else the appid claim.
      await adapter.processAuthenticated(auth([{ type: 'appid', value: 'bot' }]), activity('https://smba.example/emea/', 'u3'), logic);
      await adapter.processAuthenticated(auth([{ type: 'aud', value: 'other-bot' }]), activity('https://smba.example/emea/', 'u4'), logic);
      expect(build).toHaveBeenCalledTimes(2);
      expect(seen[2]).toBe(seen[0]);
      expect(seen[3]).not.toBe(seen[0]);

      build.mockRejectedValueOnce(new Error('no credentials'));
      await expect(adapter.processAuthenticated(auth([{ type: 'aud', value: 'third' }]), activity('https://smba.example/emea/', 'u5'), logic)).rejects.toThrow('no credentials');
      await adapter.processAuthenticated(auth([{ type: 'aud', value: 'third' }]), activity('https://smba.example/emea/', 'u6'), logic);
      expect(build).toHaveBeenCalledTimes(4);
    } finally {
      build.mockRestore();
    }
  });
});
