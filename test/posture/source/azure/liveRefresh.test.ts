// The live source inside the posture holder, as the bot runs it (openPostureHolder with POSTURE_SOURCE=azure): data
// that changes between refreshes, an outage mid-refresh (the data stays), an outage at startup (the last good read
// under DATA_DIR is served, marked stale with its age), and the refresh schedule swapping fresh data in by itself.
import { openPostureHolder, type PostureHolder } from '../../../../src/posture/postureHolder';
import type { PostureSettings } from '../../../../src/posture/postureSettings';
import { refreshOnSchedule } from '../../../../src/posture/refreshSchedule';
import { SYSTEM_VIEWER } from '../../../../src/posture/viewer';
import { createSilentLogger } from '../../../../src/logging/logger';
import { createMemoryLogger } from '../../../support/memoryLogger';
import { createTempDataDir, type TempDataDir } from '../../../support/tempDataDir';
import { createMemoryRecordsStore } from '../../overlayMemoryStore';
import { estateRows, SUBS } from './estateRows';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../../../bench/servers/fakeResourceGraph';
import { loopbackOptions } from './loopbackClient';

const OUTAGE = Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 }));

let dataDir: TempDataDir;
let fake: FakeResourceGraph;
const holders: PostureHolder[] = [];
beforeEach(async () => {
  dataDir = createTempDataDir('posture-azure-');
  fake = await startFakeResourceGraph({ rows: estateRows(4) });
});
afterEach(async () => {
  for (const holder of holders.splice(0)) holder.close();
  await fake.close();
  dataDir.cleanup();
});

const settings = (): PostureSettings => ({
  postureLenient: false,
  postureSource: 'azure',
  azure: { cloud: 'AzurePublicCloud', scopes: SUBS.map((subscriptionId) => ({ kind: 'subscription' as const, subscriptionId })) },
  dataDir: dataDir.dir,
});

async function open(logger = createSilentLogger(), now?: () => number): Promise<PostureHolder> {
  const holder = await openPostureHolder(settings(), { logger, records: createMemoryRecordsStore(), pollMs: 0, azure: loopbackOptions(fake.port), ...(now ? { now } : {}) });
  holders.push(holder);
  return holder;
}

const unhealthy = (holder: PostureHolder) => holder.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] });

describe('live Azure posture in the holder', () => {
  it('starts on a full read and shows data that changed at the next refresh', async () => {
    const holder = await open();
    expect(unhealthy(holder)).toBe(12);
    expect(holder.info()).toMatchObject({ demo: false, rows: 15, source: expect.stringContaining(`azure /subscriptions/${SUBS[0]}`) });
    expect(holder.info().stale).toBeUndefined();

    // Statuses that change get a new statusChangeDate: the refresh (incremental) asks for those.
    fake.setRows(estateRows(4, SUBS, (index) => (index === 0 ? 'Healthy' : 'Unhealthy'), new Date().toISOString()));
    await holder.reload();
    expect(unhealthy(holder)).toBe(9);
    expect(holder.info().generation).toBeGreaterThan(0);
  });

  it('keeps the data it has when a refresh fails', async () => {
    const holder = await open();
    const before = holder.current();
    fake.failNext(...OUTAGE);
    await expect(holder.reload()).rejects.toMatchObject({ code: 'DATA_UNAVAILABLE' });
    expect(holder.current()).toBe(before);
    expect(unhealthy(holder)).toBe(12);
  });

  it('starts on the last good read when Azure is down at startup, says how old it is, and recovers', async () => {
    let clock = Date.parse('2026-12-04T10:00:00Z');
    const firstRun = await open(createSilentLogger(), () => clock);
    firstRun.close();

    clock += 3 * 3_600_000;
    fake.failNext(...OUTAGE);
    const memory = createMemoryLogger();
    const secondRun = await open(memory.logger, () => clock);
    expect(unhealthy(secondRun)).toBe(12);
    expect(secondRun.info()).toMatchObject({ loadedAt: Date.parse('2026-12-04T10:00:00Z'), stale: expect.stringContaining('HTTP 503') });
    const warning = memory.lines().find((line) => String(line.msg).includes('last good read'));
    expect(warning).toMatchObject({ ageMinutes: 180 });

    await secondRun.reload();
    expect(secondRun.info().stale).toBeUndefined();
    expect(secondRun.info().loadedAt).toBe(clock);
  });

  it('fails to start when Azure is down and nothing was read before', async () => {
    fake.failNext(...OUTAGE);
    await expect(open()).rejects.toMatchObject({ code: 'DATA_UNAVAILABLE' });
  });

  it('refreshes on its schedule in the background, and retries sooner after a failure', async () => {
    const holder = await open();
    const memory = createMemoryLogger();
    fake.failNext(...OUTAGE);
    fake.setRows(estateRows(4, SUBS, () => 'Healthy', new Date().toISOString()));
    const stop = refreshOnSchedule(holder, { everyMs: 400, retryMs: 50, logger: memory.logger });
    try {
      const deadline = Date.now() + 5000;
      while (unhealthy(holder) !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhealthy(holder)).toBe(0);
      const messages = memory.lines().map((line) => line.msg);
      expect(messages).toEqual(['posture refresh failed; answering from the data already loaded', 'posture data refreshed']);
    } finally {
      stop();
    }
  });
});
