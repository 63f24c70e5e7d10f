// Whole turns with Teams SSO on: two people with different Azure subscriptions ask the same questions and see
// different answers, with nothing from the other's subscriptions in names or spelling suggestions. The SSO token
// comes from the token service (a fake UserTokenClient), the on-behalf-of exchange runs through OnBehalfOfCredential
// against a loopback Entra, and the scope is read from a loopback Resource Manager.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createArmScopeReader } from '../../src/access/armScope';
import { createOboArmTokenExchange } from '../../src/access/oboArmToken';
import { createScopeCache } from '../../src/access/scopeCache';
import { createUserAccess } from '../../src/access/userAccess';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { projectPath } from '../../src/paths';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { CONSENT_AGAIN_TEXT, refusedText } from '../../src/teams/userScopeTurns';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { message } from '../support/activities';
import { adapterTurns } from '../support/adapterTurns';
import { seeReplies, visible } from '../support/cardText';
import { startFakeArm, type FakeArm } from '../support/fakeArm';
import { fakeJwt, startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { FakeUserTokenClient, withUserTokenClient } from '../support/fakeUserTokenClient';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createMemoryLogger } from '../support/memoryLogger';

const CLIENT = { tenantId: '11111111-2222-4333-8444-555555555555', clientId: '00000000-0000-4000-8000-00000000b07a', clientSecret: 'bot-secret' };
const person = (name: string) => ({ id: `29:${name}`, name, aadObjectId: `00000000-0000-4000-8000-${name.padStart(12, '0')}` });

describe('user scope turns (SSO on)', () => {
  let entra: FakeEntra;
  let arm: FakeArm;
  const tokens = new FakeUserTokenClient();
  const memory = createMemoryLogger();
  let turn: ReturnType<typeof adapterTurns>;
  let close: () => void;
  let subs: Array<{ id: string; name: string; resources: string[] }>;

  beforeAll(async () => {
    entra = await startFakeEntra(CLIENT);
    arm = await startFakeArm();
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0' }, envDir: projectPath('env') });
    const logger = memory.logger;
    const skills = await composeSkills(config, logger, createMemoryRecordsStore());
    close = () => skills.posture.close();
    const rows = skills.posture.current().search(SYSTEM_VIEWER, { filter: {}, limit: 10_000 }).items;
    const bySub = new Map<string, { id: string; name: string; resources: Set<string> }>();
    for (const row of rows) {
      if (!row.subscriptionId || !/^[0-9a-f-]{36}$/i.test(row.subscriptionId)) continue;
      const entry = bySub.get(row.subscriptionId) ?? { id: row.subscriptionId, name: row.subscriptionName ?? row.subscriptionId, resources: new Set<string>() };
      entry.resources.add(row.resourceName);
      bySub.set(row.subscriptionId, entry);
    }
    subs = [...bySub.values()].map((s) => ({ ...s, resources: [...s.resources] }));
    const access = createUserAccess({
      exchange: createOboArmTokenExchange({ ...CLIENT, authorityHost: entra.authorityHost, caPem: entra.caPem }),
      readScope: createArmScopeReader({ baseUrl: arm.url }),
      cache: createScopeCache(),
      logger,
    });
    const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false, userScope: { connectionName: 'azure', access, logger } });
    // As CloudAdapter does: the user token client under the adapter's UserTokenClientKey.
    turn = adapterTurns(bot, withUserTokenClient(tokens));
    // Alice reads the first Azure subscription, Bob the second; Carol withdrew consent; Dave's roles were removed.
    for (const [name, sub] of [['alice', subs[0]], ['bob', subs[1]], ['carol', subs[0]], ['dave', subs[0]]] as const) {
      const sso = fakeJwt({ oid: person(name).aadObjectId, tid: CLIENT.tenantId, aud: `api://${CLIENT.clientId}` });
      tokens.tokens.set(person(name).id, sso);
      entra.exchanges.set(sso, `arm-token-${name}`);
      arm.users.set(`arm-token-${name}`, [{ subscriptionId: sub!.id, whole: true }]);
    }
    entra.consentRevoked.add(tokens.tokens.get(person('carol').id)!);
    arm.forbidden.add('arm-token-dave');
  }, 60_000);
  afterAll(async () => {
    close();
    await entra.close();
    await arm.close();
  });

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
    expect(tokens.signedOut).toContain(person('carol').id);
    expect(await ask('dave', 'how many critical risks?')).toBe(refusedText(403));
  });

  it('asks a user who has not signed in to sign in (an OAuth card with the SSO token exchange)', async () => {
    const replies = await turn({ ...message('how many critical risks?', { conversationId: 'a:erin' }), from: person('erin') as Activity['from'] });
    expect(replies.flatMap((r) => r.attachments ?? []).map((a) => a.contentType)).toContain('application/vnd.microsoft.card.oauth');
  });

  it('resolves a scope once per user while it is fresh, and logs no token', async () => {
    const before = arm.calls.filter((c) => c.token === 'arm-token-alice' && c.path === '/subscriptions').length;
    await ask('alice', 'how many high risks?');
    expect(arm.calls.filter((c) => c.token === 'arm-token-alice' && c.path === '/subscriptions').length).toBe(before);
    const logged = JSON.stringify(memory.lines());
    for (const secret of [...tokens.tokens.values(), 'arm-token-alice', 'arm-token-bob', 'arm-token-dave', CLIENT.clientSecret]) expect(logged).not.toContain(secret);
  });
});
