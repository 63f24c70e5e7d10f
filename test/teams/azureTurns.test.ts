// Whole turns on live Azure data: the bot composed as `POSTURE_SOURCE=azure AZURE_SCOPE=tenant npm start` composes
// it, reading a loopback Resource Graph fake through the real SDK client, answers from what Resource Graph returned,
// and after a refresh answers from the changed data.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills, type Skills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../bench/servers/fakeResourceGraph';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { loopbackOptions } from '../posture/source/azure/loopbackClient';
import { message } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';
import { zephyrRows } from '../support/tenantExport';

describe('turns on live Azure data', () => {
  let fake: FakeResourceGraph;
  let dataDir: TempDataDir;
  let skills: Skills;
  let turn: (activity: Partial<Activity>) => Promise<ReturnType<typeof seeReplies>>;

  beforeAll(async () => {
    fake = await startFakeResourceGraph({ rows: zephyrRows() });
    dataDir = createTempDataDir('azure-turns-');
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', DATA_DIR: dataDir.dir }, envDir: projectPath('env') });
    const logger = createSilentLogger();
    skills = await composeSkills(config, logger, createMemoryRecordsStore(), { pollMs: 0, azure: loopbackOptions(fake.port) });
    const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
    const adapter = new TestAdapter(async (context) => {
      await bot.turnLogic(context);
    });
    adapter.onTurnError = bot.onTurnError;
    turn = async (activity) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return seeReplies({ activities: adapter.activeQueue.splice(0) });
    };
  });
  afterAll(async () => {
    skills.posture.close();
    await fake.close();
    dataDir.cleanup();
  });

  it('answers from Resource Graph, and from the changed data after a refresh', async () => {
    expect(skills.posture.info()).toMatchObject({ source: 'azure tenant', demo: false });
    expect(fake.requests.map((request) => request.table)).toEqual(['resourcecontainers', 'securityresources', 'resources']);
    const [before] = await turn(message('show all risks', { conversationId: 'a:azure-1' }));
    expect(visible(before)).toMatch(/5 recommendations match/);

    // One recommendation is fixed in Azure: the next refresh shows it.
    const rows = zephyrRows() as Array<Record<string, unknown> & { type?: string; properties?: Record<string, unknown> }>;
    const fixed = rows.find((row) => row.type === 'microsoft.security/assessments' && (row.properties?.status as { code?: string } | undefined)?.code === 'Unhealthy');
    if (!fixed?.properties) throw new Error('no unhealthy assessment in the fixture');
    fixed.properties = { ...fixed.properties, status: { code: 'Healthy', statusChangeDate: new Date().toISOString() } };
    fake.setRows(rows);
    await skills.posture.reload();
    const [after] = await turn(message('show all risks', { conversationId: 'a:azure-2' }));
    expect(visible(after)).toMatch(/4 recommendations match/);
  });

  it('says how old the data is under answers on it, and plainly when reading Azure is failing', async () => {
    const [answer] = await turn(message('show all risks', { conversationId: 'a:azure-3' }));
    expect(visible(answer)).toMatch(/Data from Azure as of \d\d:\d\d UTC, (just now|\d+ min ago)\./);
    expect(visible(answer)).not.toContain('failing');
    const [help] = await turn(message('help', { conversationId: 'a:azure-3' }));
    expect(visible(help)).not.toContain('Data from Azure');

    fake.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
    await expect(skills.posture.reload()).rejects.toMatchObject({ code: 'DATA_UNAVAILABLE' });
    const [stale] = await turn(message('show all risks', { conversationId: 'a:azure-3' }));
    expect(visible(stale)).toMatch(/4 recommendations match/);
    expect(visible(stale)).toContain('Reading Azure is failing right now, so this may be out of date');
  });
});
