// Whole turns on live Azure data with Teams SSO on: assigning an owner writes the Defender governance assignment
// with the confirming user's own Resource Manager token (SSO token -> on-behalf-of through a loopback Entra), after
// the card that says whose rights act. Another user whose roles do not allow it gets a plain 403 answer, and
// nothing is recorded. Neither token reaches the logs.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createArmScopeReader } from '../../src/access/armScope';
import { createArmWrites, governanceAssignmentKey } from '../../src/access/armWrites';
import { createOboArmTokenExchange } from '../../src/access/oboArmToken';
import { createScopeCache } from '../../src/access/scopeCache';
import { createUserAccess } from '../../src/access/userAccess';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills, type Skills } from '../../src/index';
import { projectPath } from '../../src/paths';
import { OVERLAY_COLLECTION } from '../../src/posture/overlay';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../bench/servers/fakeResourceGraph';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { loopbackOptions } from '../posture/source/azure/loopbackClient';
import { execute, message } from '../support/activities';
import { adapterTurns } from '../support/adapterTurns';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { seeReplies, visible } from '../support/cardText';
import { startFakeArm, type FakeArm } from '../support/fakeArm';
import { startFakeArmWrites, type FakeArmWrites } from '../support/fakeArmWrites';
import { fakeJwt, startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { FakeUserTokenClient, withUserTokenClient } from '../support/fakeUserTokenClient';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createMemoryLogger } from '../support/memoryLogger';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';
import { zephyrRows } from '../support/tenantExport';

const CLIENT = { tenantId: '11111111-2222-4333-8444-555555555555', clientId: '00000000-0000-4000-8000-00000000b07a', clientSecret: 'bot-secret' };
const person = (name: string) => ({ id: `29:${name}`, name, aadObjectId: `00000000-0000-4000-8000-${name.padStart(12, '0')}` });
const FUTURE = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('changes in Azure with the user’s own token, in whole turns', () => {
  let graph: FakeResourceGraph;
  let entra: FakeEntra;
  let arm: FakeArm;
  let writes: FakeArmWrites;
  let dataDir: TempDataDir;
  let skills: Skills;
  const records = createMemoryRecordsStore();
  const tokens = new FakeUserTokenClient();
  const memory = createMemoryLogger();
  let turn: ReturnType<typeof adapterTurns>;

  beforeAll(async () => {
    graph = await startFakeResourceGraph({ rows: zephyrRows() });
    entra = await startFakeEntra(CLIENT);
    arm = await startFakeArm();
    writes = await startFakeArmWrites();
    dataDir = createTempDataDir('azure-writes-');
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', DATA_DIR: dataDir.dir }, envDir: projectPath('env') });
    const logger = memory.logger;
    skills = await composeSkills(config, logger, records, { pollMs: 0, azure: loopbackOptions(graph.port), armWrites: createArmWrites({ identity: 'user', baseUrl: writes.url }) });
    const subscriptions = [...new Set(skills.posture.current().search(SYSTEM_VIEWER, { filter: {}, limit: 10_000 }).items.map((r) => r.subscriptionId).filter((s): s is string => !!s))];
    const access = createUserAccess({ exchange: createOboArmTokenExchange({ ...CLIENT, authorityHost: entra.authorityHost, caPem: entra.caPem }), readScope: createArmScopeReader({ baseUrl: arm.url }), cache: createScopeCache(), logger });
    const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false, userScope: { connectionName: 'azure', access, logger } });
    turn = adapterTurns(bot, withUserTokenClient(tokens));
    // Both read every subscription; only Alice holds Security Admin (the write fake lets her token write).
    for (const name of ['alice', 'bob']) {
      const sso = fakeJwt({ oid: person(name).aadObjectId, tid: CLIENT.tenantId, aud: `api://${CLIENT.clientId}` });
      tokens.tokens.set(person(name).id, sso);
      entra.exchanges.set(sso, `arm-token-${name}`);
      arm.users.set(`arm-token-${name}`, subscriptions.map((subscriptionId) => ({ subscriptionId, whole: true })));
    }
    writes.allowed.add('arm-token-alice');
  }, 60_000);
  afterAll(async () => {
    skills.posture.close();
    await Promise.all([graph.close(), entra.close(), arm.close(), writes.close()]);
    dataDir.cleanup();
  });

  const say = (name: string, text: string) => turn({ ...message(text, { conversationId: `a:${name}` }), from: person(name) as Activity['from'] });
  const press = (name: string, data: Record<string, unknown>) => turn({ ...execute('confirm', data, { conversationId: `a:${name}` }), from: person(name) as Activity['from'] });
  // A press is answered in the invoke response: the final card, or an error text.
  const allText = (activities: Array<Partial<Activity>>) =>
    [...activities.map((a) => ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? ''), textOf(cardOf(activities)), ...seeReplies({ activities }).map(visible)].join('\n');
  const confirmRef = (card: Json | undefined): string => {
    let ref = '';
    walk(card, (n) => {
      if (n.type === 'Action.Execute' && n.title === 'Confirm') ref = String((n.data as Json).ref);
    });
    return ref;
  };
  const owners = async () => (await records.list<{ kind: string; owner?: string }>(OVERLAY_COLLECTION)).filter((r) => r.value.kind === 'governance').map((r) => r.value.owner);

  async function propose(name: string) {
    await say(name, 'show all risks');
    await say(name, 'details of the first one');
    const card = cardOf(await say(name, 'assign an owner to this one'));
    return { card, ref: confirmRef(card) };
  }

  it("writes the governance assignment with the confirming user's own token, after the card says so", async () => {
    const { card, ref } = await propose('alice');
    expect(textOf(card)).toContain('Set owner and due date');
    expect(textOf(card)).toContain('Your own Azure account (alice): Azure checks your roles.');
    expect(textOf(card)).toContain('written to Defender in Azure as a governance assignment');
    expect(writes.calls).toEqual([]);
    const done = await press('alice', { ref, in_owner: 'owner@contoso.com', in_dueDate: FUTURE });
    expect(allText(done)).toMatch(/Owner set to owner@contoso\.com/);
    expect(writes.calls).toHaveLength(1);
    const call = writes.calls[0]!;
    expect(call).toMatchObject({ method: 'PUT', apiVersion: '2022-01-01-preview', token: 'arm-token-alice', body: { properties: { owner: 'owner@contoso.com', remediationDueDate: `${FUTURE}T23:59:59.999Z`, isGracePeriod: false } } });
    expect(call.path).toMatch(/\/providers\/Microsoft\.Security\/assessments\/[^/]+\/governanceAssignments\/[0-9a-f-]{36}$/);
    expect(call.path.endsWith(governanceAssignmentKey(call.path.replace(/\/governanceAssignments\/[^/]+$/, '')))).toBe(true);
    expect(await owners()).toEqual(['owner@contoso.com']);
  });

  it('explains a 403 plainly and records nothing', async () => {
    const { ref } = await propose('bob');
    const refused = await press('bob', { ref, in_owner: 'someone@contoso.com', in_dueDate: FUTURE });
    expect(allText(refused)).toContain('Azure refused this change (403): your account needs Security Admin (or Owner) on the subscription that holds this resource. Nothing was changed and nothing was recorded.');
    expect(writes.calls.at(-1)).toMatchObject({ token: 'arm-token-bob' });
    expect(await owners()).toEqual(['owner@contoso.com']);
  });

  it('logs no token', () => {
    const logged = JSON.stringify(memory.lines());
    for (const secret of [...tokens.tokens.values(), 'arm-token-alice', 'arm-token-bob', CLIENT.clientSecret]) expect(logged).not.toContain(secret);
  });
});
