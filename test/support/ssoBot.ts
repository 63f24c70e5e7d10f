// A composed bot with Teams SSO on, for whole turns: the SSO token comes from a fake UserTokenClient, the
// on-behalf-of exchange runs through OnBehalfOfCredential against a loopback Entra, and each user's scope is read
// from a loopback Resource Manager. People are named; each reads the subscriptions given for them.
import { MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import { createArmScopeReader } from '../../src/access/armScope';
import { createOboArmTokenExchange } from '../../src/access/oboArmToken';
import { createScopeCache } from '../../src/access/scopeCache';
import { createUserAccess } from '../../src/access/userAccess';
import { createBot, type Bot } from '../../src/app';
import { withChannelScopes } from '../../src/channels/channelScopeDeps';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { projectPath } from '../../src/paths';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { adapterTurns, type Turn } from './adapterTurns';
import { startFakeArm, type FakeArm } from './fakeArm';
import { fakeJwt, startFakeEntra, type FakeEntra } from './fakeEntra';
import { FakeUserTokenClient } from './fakeUserTokenClient';
import { createMemoryDeduper } from './memoryDeduper';
import { createMemoryLogger } from './memoryLogger';

export const SSO_CLIENT = { tenantId: '11111111-2222-4333-8444-555555555555', clientId: '00000000-0000-4000-8000-00000000b07a', clientSecret: 'bot-secret' };
export const ssoPerson = (name: string) => ({ id: `29:${name}`, name, aadObjectId: `00000000-0000-4000-8000-${name.padStart(12, '0')}` });

export interface DemoSubscription {
  id: string;
  name: string;
  resources: string[];
}

export interface SsoBot {
  turn: Turn;
  /** The composed bot, for turns on another adapter (a CloudAdapter against a loopback connector). */
  bot: Bot;
  subs: DemoSubscription[];
  records: ReturnType<typeof createMemoryRecordsStore>;
  entra: FakeEntra;
  arm: FakeArm;
  tokens: FakeUserTokenClient;
  memory: ReturnType<typeof createMemoryLogger>;
  /** Gives a person an SSO token whose ARM token reads these subscriptions (indexes into `subs`). */
  signIn(name: string, subscriptions: readonly number[]): string;
  close(): Promise<void>;
}

export async function startSsoBot(options: { env?: Record<string, string>; channels?: boolean } = {}): Promise<SsoBot> {
  const entra = await startFakeEntra(SSO_CLIENT);
  const arm = await startFakeArm();
  const tokens = new FakeUserTokenClient();
  const memory = createMemoryLogger();
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', ...options.env }, envDir: projectPath('env') });
  const logger = memory.logger;
  const records = createMemoryRecordsStore();
  const skills = await composeSkills(config, logger, records);
  const rows = skills.posture.current().search(SYSTEM_VIEWER, { filter: {}, limit: 10_000 }).items;
  const bySub = new Map<string, { id: string; name: string; resources: Set<string> }>();
  for (const row of rows) {
    if (!row.subscriptionId || !/^[0-9a-f-]{36}$/i.test(row.subscriptionId)) continue;
    const entry = bySub.get(row.subscriptionId) ?? { id: row.subscriptionId, name: row.subscriptionName ?? row.subscriptionId, resources: new Set<string>() };
    entry.resources.add(row.resourceName);
    bySub.set(row.subscriptionId, entry);
  }
  const subs = [...bySub.values()].map((s) => ({ ...s, resources: [...s.resources] }));
  const access = createUserAccess({
    exchange: createOboArmTokenExchange({ ...SSO_CLIENT, authorityHost: entra.authorityHost, caPem: entra.caPem }),
    readScope: createArmScopeReader({ baseUrl: arm.url }),
    cache: createScopeCache(),
    logger,
  });
  const userScope = { connectionName: 'azure', access, logger };
  const withChannels = options.channels ? withChannelScopes(userScope, { records, adminObjectIds: config.feedback.adminObjectIds, engine: skills.posture.current }) : userScope;
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false, userScope: withChannels ?? userScope });
  // As CloudAdapter does: the user token client under the adapter's UserTokenClientKey.
  const turn = adapterTurns(bot, async (context: TurnContext, next: () => Promise<void>) => {
    const adapter = context.adapter as unknown as { UserTokenClientKey?: symbol };
    adapter.UserTokenClientKey ??= Symbol('UserTokenClient');
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    await next();
  });
  return {
    turn,
    bot,
    subs,
    records,
    entra,
    arm,
    tokens,
    memory,
    signIn(name, subscriptions) {
      const sso = fakeJwt({ oid: ssoPerson(name).aadObjectId, tid: SSO_CLIENT.tenantId, aud: `api://${SSO_CLIENT.clientId}` });
      tokens.tokens.set(ssoPerson(name).id, sso);
      entra.exchanges.set(sso, `arm-token-${name}`);
      arm.users.set(`arm-token-${name}`, subscriptions.map((i) => ({ subscriptionId: subs[i]!.id, whole: true })));
      return sso;
    },
    async close() {
      skills.posture.close();
      await entra.close();
      await arm.close();
    },
  };
}

export const fromPerson = (name: string) => ssoPerson(name) as Activity['from'];
