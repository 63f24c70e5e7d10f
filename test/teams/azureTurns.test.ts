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
import { message, USER } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';
import { zephyrRows } from '../support/tenantExport';

describe('turns on live Azure data', () => {
  let fake: FakeResourceGraph;
  let dataDir: TempDataDir;
  let skills: Skills;
  let turn: (activity: Partial<Activity>) => Promise<ReturnType<typeof seeReplies>>;
  let adapter: TestAdapter;

  beforeAll(async () => {
    fake = await startFakeResourceGraph({ rows: zephyrRows() });
    dataDir = createTempDataDir('azure-turns-');
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', DATA_DIR: dataDir.dir, ADMIN_OBJECT_IDS: USER.aadObjectId }, envDir: projectPath('env') });
    const logger = createSilentLogger();
    skills = await composeSkills(config, logger, createMemoryRecordsStore(), { pollMs: 0, azure: loopbackOptions(fake.port) });
    const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
    adapter = new TestAdapter(async (context) => {
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

  it('lets an admin refresh posture now, once every few minutes; others are refused', async () => {
    const bob = { ...message('refresh posture now', { conversationId: 'a:azure-bob' }), from: { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' } };
    const requestsBefore = fake.requests.length;
    const [refused] = await turn(bob);
    expect(visible(refused)).toContain("Only the bot's administrators");
    expect(fake.requests.length).toBe(requestsBefore);

    // Another recommendation is fixed in Azure; Ada (an admin) asks for the data now.
    const rows = zephyrRows() as Array<Record<string, unknown> & { type?: string; properties?: Record<string, unknown> }>;
    const unhealthy = rows.filter((row) => row.type === 'microsoft.security/assessments' && (row.properties?.status as { code?: string } | undefined)?.code === 'Unhealthy');
    for (const row of unhealthy.slice(0, 2)) row.properties = { ...row.properties, status: { code: 'Healthy', statusChangeDate: new Date().toISOString() } };
    fake.setRows(rows);
    const replies = await turn(message('Refresh posture now', { conversationId: 'a:azure-ada' }));
    const deadline = Date.now() + 10_000;
    while (!replies.some((reply) => visible(reply).includes('Posture data refreshed')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      replies.push(...seeReplies({ activities: adapter.activeQueue.splice(0) }));
    }
    const done = replies.map(visible).find((text) => text.includes('Posture data refreshed'));
    expect(done).toMatch(/read only what changed since the last read \(\d+ rows\)/);
    expect(done).toMatch(/Data from Azure as of \d\d:\d\d UTC/);
    expect(fake.requests.slice(requestsBefore).some((request) => request.query.includes('changedAt >= datetime('))).toBe(true);
    const [after] = await turn(message('show all risks', { conversationId: 'a:azure-ada-2' }));
    expect(visible(after)).toMatch(/3 recommendations match/);

    // At once again: refused for a few minutes, and Resource Graph is not asked.
    const requestsAfter = fake.requests.length;
    const [again] = await turn(message('refresh posture', { conversationId: 'a:azure-ada' }));
    expect(visible(again)).toMatch(/refreshed on demand less than 5 minutes ago\. Ask again in [1-5] min/);
    expect(fake.requests.length).toBe(requestsAfter);
  });

  it('after a subscription becomes unreadable and a VM is deleted, the next refresh drops their findings and the answer says part of the scope is missing', async () => {
    const rows = zephyrRows() as Array<Record<string, unknown> & { id: string; type?: string; properties?: Record<string, unknown> }>;
    const lost = '7a1e0c2d-0000-4000-8000-00000000f1a1';
    const vm = rows.find((row) => row.id.includes('/virtualMachines/vm-quasar-07/providers/'))?.id.split('/providers/Microsoft.Security')[0];
    if (!vm) throw new Error('no vm-quasar-07 in the fixture');
    rows.push({
      id: `${vm}/providers/Microsoft.Resources/changes/08584889383111245807_1`,
      type: 'microsoft.resources/changes',
      properties: { targetResourceId: vm, targetResourceType: 'microsoft.compute/virtualmachines', changeType: 'Delete', changeAttributes: { timestamp: new Date().toISOString(), changesCount: 0 }, changes: {} },
    });
    fake.setRows(rows);
    fake.setForbidden([lost]);
    await skills.posture.reload();
    expect(skills.posture.info()).toMatchObject({ refresh: 'incremental', unreadable: [expect.stringContaining(`/subscriptions/${lost}: no longer readable by the identity`)] });

    const [answer] = await turn(message('show all risks', { conversationId: 'a:azure-lost' }));
    const text = visible(answer);
    expect(text).toContain('One part of the Azure scope could not be read, so its findings are left out.');
    expect(text).not.toContain('vm-quasar-07');
    expect(text).not.toContain('stomegalogs');
    expect(text).toMatch(/1 recommendation match/);
    fake.setForbidden([]);
  });
});
