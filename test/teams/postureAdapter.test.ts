// The connector client (credentials and HTTP pipeline) is built once per bot, service URL and audience and reused
// by every turn, instead of once per turn as the SDK does; the user token client once per bot app id.
import { ActivityTypes, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY, type Activity, type TurnContext } from 'botbuilder';
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

describe('posture adapter turn', () => {
  type Logic = (context: TurnContext) => Promise<void>;
  /** The SDK's own CloudAdapterBase.processActivity on the same adapter (what processAuthenticated replaces). */
  const sdkProcess = (adapter: PostureAdapter, auth: Auth, a: Activity, logic: Logic) =>
    (adapter as unknown as { processActivity(auth: Auth, a: Activity, logic: Logic): Promise<unknown> }).processActivity(auth, a, logic);
  const authFor = () =>
    ({ audience: 'https://api.botframework.com', callerId: 'urn:botframework:azure', claimsIdentity: identity([{ type: 'aud', value: 'bot' }]), connectorFactory: { create: async (serviceUrl: string) => ({ serviceUrl }) } }) as unknown as Auth;

  /** What a turn left: the response, the activity's caller id, turn state keys, locale and how the logic saw the context. */
  async function turn(process: 'ours' | 'sdk', a: Activity, body: Logic) {
    const adapter = createPostureAdapter(undefined);
    const seen: { keys: unknown[]; locale?: string; sameAsLater?: boolean } = { keys: [] };
    let kept: TurnContext | undefined;
    const logic: Logic = async (context) => {
      kept = context;
      seen.keys = [...(context.turnState as unknown as Map<unknown, unknown>).keys()].map((k) => (typeof k === 'symbol' ? k.description : k));
      seen.locale = context.locale;
      await body(context);
    };
    const response = await (process === 'ours' ? adapter.processAuthenticated(authFor(), a, logic) : sdkProcess(adapter, authFor(), a, logic));
    // The logic got a revocable proxy, revoked once the turn ended.
    const revoked = (() => {
      try {
        void kept?.activity;
        return false;
      } catch {
        return true;
      }
    })();
    return { response, callerId: a.callerId, seen, revoked };
  }

  const send: Logic = async (context) => {
    await context.sendActivity('one');
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 202, body: { done: true } } });
  };

  it.each([
    ['expectReplies message', { deliveryMode: 'expectReplies' }, send],
    ['invoke with a response', { type: 'invoke', name: 'adaptiveCard/action', deliveryMode: 'expectReplies' }, send],
    ['invoke answered in turn state', { type: 'invoke', name: 'adaptiveCard/action' }, async (c: TurnContext) => void c.turnState.set(INVOKE_RESPONSE_KEY, { value: { status: 200, body: { ok: 1 } } })],
    ['invoke without a response', { type: 'invoke', name: 'adaptiveCard/action' }, async () => undefined],
    ['plain message', {}, async () => undefined],
  ] as Array<[string, Partial<Activity>, Logic]>)('answers a %s as the SDK does', async (_name, fields, body) => {
    const ours = await turn('ours', { ...activity('https://smba.example/emea/', 'x1'), locale: 'fr-FR', ...fields } as Activity, body);
    const theirs = await turn('sdk', { ...activity('https://smba.example/emea/', 'x1'), locale: 'fr-FR', ...fields } as Activity, body);
    expect(ours).toEqual(theirs);
    expect(ours.revoked).toBe(true);
    expect(ours.callerId).toBe('urn:botframework:azure');
    expect(ours.seen.locale).toBe('fr-FR');
    expect(ours.seen.keys).toEqual(expect.arrayContaining(['botCallbackHandler', 'BotIdentity', 'ConnectorClient', 'UserTokenClient', 'ConnectorFactory', 'OAuthScope']));
  });

  it('gives a turn error to onTurnError with the revocable context, as the SDK does, and rethrows without one', async () => {
    const adapter = createPostureAdapter(undefined);
    const failing: Logic = async () => {
      throw new Error('boom');
    };
    const errors: string[] = [];
    adapter.onTurnError = async (context, error) => {
      errors.push(`${error.message} ${context.activity.id}`);
    };
    await expect(adapter.processAuthenticated(authFor(), activity('https://smba.example/emea/', 'e1'), failing)).resolves.toBeUndefined();
    expect(errors).toEqual(['boom e1']);
    const bare = createPostureAdapter(undefined);
    bare.onTurnError = undefined as unknown as typeof bare.onTurnError;
    await expect(bare.processAuthenticated(authFor(), activity('https://smba.example/emea/', 'e2'), failing)).rejects.toThrow('boom');
  });

  it('refuses a result without a connector factory, as the SDK does', async () => {
    const adapter = createPostureAdapter(undefined);
    const auth = { ...authFor(), connectorFactory: undefined } as unknown as Auth;
    await expect(adapter.processAuthenticated(auth, activity('https://smba.example/emea/', 'n1'), async () => undefined)).rejects.toThrow('Unable to extract ConnectorClient');
  });

  it('runs the turn through native async functions, not the SDK generators', () => {
    const adapter = createPostureAdapter(undefined) as unknown as Record<string, { constructor: { name: string } }>;
    expect(adapter.processAuthenticated?.constructor.name).toBe('AsyncFunction');
    expect(adapter.runMiddleware?.constructor.name).toBe('AsyncFunction');
  });
});
