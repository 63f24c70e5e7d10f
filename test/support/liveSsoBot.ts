// A composed bot on the live Azure source (a loopback Resource Graph serving the zephyr tenant) with Teams SSO on:
// each person's SSO token comes from a fake UserTokenClient, is exchanged on-behalf-of through a loopback Entra,
// their scope is read from a loopback Resource Manager, and writes go to a loopback ARM that checks their shape.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createArmScopeReader } from '../../src/access/armScope';
import { createArmWrites } from '../../src/access/armWrites';
import { createOboArmTokenExchange } from '../../src/access/oboArmToken';
import { createScopeCache } from '../../src/access/scopeCache';
import { createUserAccess } from '../../src/access/userAccess';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills, type Skills } from '../../src/index';
import { projectPath } from '../../src/paths';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../bench/servers/fakeResourceGraph';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { loopbackOptions } from '../posture/source/azure/loopbackClient';
import { execute, message } from './activities';
import { adapterTurns } from './adapterTurns';
import { startFakeArm, type FakeArm } from './fakeArm';
import { startFakeArmWrites, type FakeArmWrites } from './fakeArmWrites';
import { SSO_CLIENT, ssoPerson } from './ssoBot';
import { fakeJwt, startFakeEntra, type FakeEntra } from './fakeEntra';
import { FakeUserTokenClient, withUserTokenClient } from './fakeUserTokenClient';
import { createMemoryDeduper } from './memoryDeduper';
import { createMemoryLogger } from './memoryLogger';
import { createTempDataDir, type TempDataDir } from './tempDataDir';
import { zephyrRows } from './tenantExport';

export interface LiveSsoBot {
  skills: Skills;
  records: ReturnType<typeof createMemoryRecordsStore>;
  tokens: FakeUserTokenClient;
  entra: FakeEntra;
  arm: FakeArm;
  writes: FakeArmWrites;
  memory: ReturnType<typeof createMemoryLogger>;
  /** Every subscription in the data. */
  subscriptions: string[];
  /** A typed message from a person in their own chat (`a:<name>`). */
  say(name: string, text: string): Promise<Array<Partial<Activity>>>;
  /** A card press (Action.Execute) by a person in their own chat. */
  press(name: string, verb: string, data: Record<string, unknown>): Promise<Array<Partial<Activity>>>;
  close(): Promise<void>;
}

/** Everyone named reads every subscription as a whole; only those in `writers` may write (the write fake's 403 otherwise). */
export async function startLiveSsoBot(options: { people: readonly string[]; writers: readonly string[] }): Promise<LiveSsoBot> {
  const graph: FakeResourceGraph = await startFakeResourceGraph({ rows: zephyrRows() });
  const entra = await startFakeEntra(SSO_CLIENT);
  const arm = await startFakeArm();
  const writes = await startFakeArmWrites();
  const dataDir: TempDataDir = createTempDataDir('live-sso-');
  const records = createMemoryRecordsStore();
  const tokens = new FakeUserTokenClient();
  const memory = createMemoryLogger();
  const logger = memory.logger;
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', DATA_DIR: dataDir.dir }, envDir: projectPath('env') });
  const skills = await composeSkills(config, logger, records, { pollMs: 0, azure: loopbackOptions(graph.port), armWrites: createArmWrites({ identity: 'user', baseUrl: writes.url }) });
  const subscriptions = [...new Set(skills.posture.current().search(SYSTEM_VIEWER, { filter: {}, limit: 10_000 }).items.map((r) => r.subscriptionId).filter((s): s is string => !!s))];
  const access = createUserAccess({ exchange: createOboArmTokenExchange({ ...SSO_CLIENT, authorityHost: entra.authorityHost, caPem: entra.caPem }), readScope: createArmScopeReader({ baseUrl: arm.url }), cache: createScopeCache(), logger });
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false, userScope: { connectionName: 'azure', access, logger } });
  const turn = adapterTurns(bot, withUserTokenClient(tokens));
  for (const name of options.people) {
    const sso = fakeJwt({ oid: ssoPerson(name).aadObjectId, tid: SSO_CLIENT.tenantId, aud: `api://${SSO_CLIENT.clientId}` });
    tokens.tokens.set(ssoPerson(name).id, sso);
    entra.exchanges.set(sso, `arm-token-${name}`);
    arm.users.set(`arm-token-${name}`, subscriptions.map((subscriptionId) => ({ subscriptionId, whole: true })));
  }
  for (const name of options.writers) writes.allowed.add(`arm-token-${name}`);
  return {
    skills,
    records,
    tokens,
    entra,
    arm,
    writes,
    memory,
    subscriptions,
    say: (name, text) => turn({ ...message(text, { conversationId: `a:${name}` }), from: ssoPerson(name) as Activity['from'] }),
    press: (name, verb, data) => turn({ ...execute(verb, data, { conversationId: `a:${name}` }), from: ssoPerson(name) as Activity['from'] }),
    async close() {
      skills.posture.close();
      await Promise.all([graph.close(), entra.close(), arm.close(), writes.close()]);
      dataDir.cleanup();
    },
  };
}
