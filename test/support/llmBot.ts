// A bot composed as `npm start` composes it (loadConfig, composeSkills, createBot) with its planner pointed at a
// scripted OpenAI-compatible server on loopback: the whole-turn tests of the LLM planner and of model consent.
import { MemoryStorage } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { startFakeModelServer, type FakeModelServer } from '../llmPlanner/support/fakeModelServer';
import { adapterTurns } from './adapterTurns';
import { createMemoryDeduper } from './memoryDeduper';
import { writeTenantExport, zephyrRows } from './tenantExport';

export const LLM_API_KEY = 'sk-turns-loopback';

/** LLM_DATA_CONSENT is true unless `extraEnv` says otherwise (the consent tests decide in chat). */
export async function startLlmBot(server: FakeModelServer, snapshot: string, records: RecordsStore, extraEnv: Record<string, string> = {}) {
  const env = { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: snapshot, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: 'scripted-gpt', OPENAI_API_KEY: LLM_API_KEY, LLM_MAX_RETRIES: '0', LLM_DATA_CONSENT: 'true', ...extraEnv };
  const config = loadConfig({ env, envDir: projectPath('env') });
  if (config.llm.planner !== 'llm') throw new Error('the LLM planner is not configured');
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, records);
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const turn = adapterTurns(bot);
  return { turn, close: () => skills.posture.close() };
}

/**
 * For a describe block: one scripted model server on loopback for its tests (requests cleared before each, the
 * request shapes checked after each) and the Zephyr tenant export. The returned server forwards to the running one.
 */
export function fakeModelSuite(): { server: FakeModelServer; tenant: { path: string } } {
  const tenant = writeTenantExport(zephyrRows());
  let running: FakeModelServer | undefined;
  const server = new Proxy({} as FakeModelServer, {
    get(_target, key) {
      if (!running) throw new Error('the fake model server is not started yet');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
  beforeAll(async () => {
    running = await startFakeModelServer({ kind: 'openai', apiKey: LLM_API_KEY });
  });
  afterAll(async () => {
    await running?.close();
    tenant.cleanup();
  });
  beforeEach(() => server.requests.splice(0));
  afterEach(() => expect(server.shapeProblems).toEqual([]));
  return { server, tenant };
}
