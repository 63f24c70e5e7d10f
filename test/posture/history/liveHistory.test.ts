// Each refresh of the live Azure source is recorded in the posture history as it lands (nobody asked about change in
// between), so "what changed since …" compares real refreshes: the load before the point asked for against now.
import { openPostureHistory } from '../../../src/posture/history/openHistory';
import { createPostureHistory } from '../../../src/posture/history/postureHistory';
import { hashOf } from '../../../src/posture/history/stateCodes';
import { openPostureHolder, type PostureHolder } from '../../../src/posture/postureHolder';
import { createSilentLogger } from '../../../src/logging/logger';
import { createTempDataDir, type TempDataDir } from '../../support/tempDataDir';
import { createMemoryRecordsStore } from '../overlayMemoryStore';
import { estateRows, SUBS } from '../source/azure/estateRows';
import { loopbackOptions } from '../source/azure/loopbackClient';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../../bench/servers/fakeResourceGraph';

const START = Date.parse('2026-12-04T10:00:00Z');
const MINUTE = 60_000;

let dataDir: TempDataDir;
let fake: FakeResourceGraph;
let holder: PostureHolder | undefined;
beforeEach(async () => {
  dataDir = createTempDataDir('posture-live-history-');
  fake = await startFakeResourceGraph({ rows: estateRows(4, SUBS, () => 'Unhealthy', '2026-11-01T00:00:00Z') });
});
afterEach(async () => {
  holder?.close();
  await fake.close();
  dataDir.cleanup();
});

it('records every refresh of live data, and compares what changed since a time between two of them', async () => {
  let clock = START;
  const records = createMemoryRecordsStore();
  holder = await openPostureHolder(
    { postureLenient: false, postureSource: 'azure', azure: { cloud: 'AzurePublicCloud', scopes: [{ kind: 'tenant' }] }, dataDir: dataDir.dir },
    { logger: createSilentLogger(), records, pollMs: 0, azure: loopbackOptions(fake.port), now: () => clock },
  );
  const history = await openPostureHistory(holder, { records, retentionMs: 90 * 24 * 60 * MINUTE, logger: createSilentLogger(), now: () => clock });
  await history.recordCurrent();
  const kept = createPostureHistory(records);
  expect((await kept.loads()).map((load) => load.at)).toEqual([START]);

  // Two assessments fixed in Azure; the scheduled refresh 15 minutes later is recorded by itself.
  clock = START + 15 * MINUTE;
  const fixedAt = new Date(clock - MINUTE).toISOString();
  const rows = estateRows(4, SUBS, () => 'Unhealthy', '2026-11-01T00:00:00Z').map((row) =>
    /vm-0-[01]\//.test(String(row.id)) ? { ...row, properties: { ...(row.properties as object), status: { code: 'Healthy', statusChangeDate: fixedAt } } } : row,
  );
  fake.setRows(rows);
  await holder.reload();
  expect((await kept.loads()).map((load) => [load.at, load.changes])).toEqual([
    [START, 12],
    [START + 15 * MINUTE, 2],
  ]);

  // A refresh that changed nothing writes nothing; one more change later is its own load.
  clock = START + 30 * MINUTE;
  await holder.reload();
  expect(await kept.loads()).toHaveLength(2);
  clock = START + 45 * MINUTE;
  fake.setRows(rows.map((row) => (/vm-1-0\//.test(String(row.id)) ? { ...row, properties: { ...(row.properties as object), status: { code: 'Healthy', statusChangeDate: new Date(clock).toISOString() } } } : row)));
  await holder.reload();
  expect(await kept.loads()).toHaveLength(3);

  // Since a time between the first and second refresh: only the last fix.
  const sinceMiddle = await history.compare(holder.current(), START + 20 * MINUTE);
  expect(sinceMiddle?.from).toBe(START + 15 * MINUTE);
  expect(sinceMiddle?.changes.fixed).toHaveLength(1);
  const sinceStart = await history.compare(holder.current(), START);
  expect(sinceStart?.changes.fixed).toHaveLength(3);
  const fixedId = rows.find((row) => /vm-1-0\//.test(String(row.id)))?.id as string;
  expect(sinceMiddle?.changes.fixed).toEqual([hashOf(fixedId)]);
});
