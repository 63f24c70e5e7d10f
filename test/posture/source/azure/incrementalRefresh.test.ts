// Incremental refresh of the live source against the loopback Resource Graph fake (which honours the type and
// change-date filters): after a full read, a refresh asks only for assessments whose status changed since the last
// read (less an overlap), in 1,000-row pages with $skipToken, through throttling; the changed rows are laid over the
// kept rows; deleted rows stay until the next full read (POSTURE_FULL_REFRESH_HOURS), which drops them.
import { openPostureHolder, type PostureHolder } from '../../../../src/posture/postureHolder';
import type { PostureSettings } from '../../../../src/posture/postureSettings';
import { CHANGE_OVERLAP_MS } from '../../../../src/posture/source/azure/azureLoader';
import { SYSTEM_VIEWER } from '../../../../src/posture/viewer';
import { createSilentLogger } from '../../../../src/logging/logger';
import { createTempDataDir, type TempDataDir } from '../../../support/tempDataDir';
import { createMemoryRecordsStore } from '../../overlayMemoryStore';
import { estateRows, SUBS } from './estateRows';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../../../bench/servers/fakeResourceGraph';
import { loopbackOptions } from './loopbackClient';

const START = Date.parse('2026-12-04T10:00:00Z');
const LONG_AGO = '2026-11-01T00:00:00Z';
const HOUR = 3_600_000;

type Row = Record<string, unknown> & { id: string; properties?: Record<string, unknown> };

/** The estate with every status dated long ago. */
const dated = (rows: Record<string, unknown>[]): Row[] =>
  rows.map((row) => {
    const props = row.properties as Record<string, unknown> | undefined;
    const status = props?.status as Record<string, unknown> | undefined;
    return (status ? { ...row, properties: { ...props, status: { ...status, statusChangeDate: LONG_AGO } } } : row) as Row;
  });

const withStatus = (row: Row, code: string, at: number): Row => ({
  ...row,
  properties: { ...row.properties, status: { code, statusChangeDate: new Date(at).toISOString() } },
});

let dataDir: TempDataDir;
let fake: FakeResourceGraph;
let holder: PostureHolder | undefined;
let clock = START;
let rows: Row[];
beforeEach(async () => {
  clock = START;
  dataDir = createTempDataDir('posture-azure-incr-');
  rows = dated(estateRows(4));
  fake = await startFakeResourceGraph({ rows });
});
afterEach(async () => {
  holder?.close();
  holder = undefined;
  await fake.close();
  dataDir.cleanup();
});

const settings = (): PostureSettings => ({
  postureLenient: false,
  postureSource: 'azure',
  azure: { cloud: 'AzurePublicCloud', scopes: SUBS.map((subscriptionId) => ({ kind: 'subscription' as const, subscriptionId })), fullRefreshMs: 24 * HOUR },
  dataDir: dataDir.dir,
});

const open = async (pageRows?: number): Promise<PostureHolder> =>
  (holder = await openPostureHolder(settings(), { logger: createSilentLogger(), records: createMemoryRecordsStore(), pollMs: 0, azure: loopbackOptions(fake.port, pageRows ? { pageRows } : {}), now: () => clock }));

const statusOf = (h: PostureHolder, id: string) => h.current().details(SYSTEM_VIEWER, id)?.status;
const assessments = () => rows.filter((row) => row.type === 'microsoft.security/assessments');

describe('incremental refresh of the live Azure source', () => {
  it('asks only for what changed, lays it over the kept rows, and leaves deletions to the next full read', async () => {
    const h = await open();
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(12);
    const [fixed, gone, kept] = assessments();
    if (!fixed || !gone || !kept) throw new Error('estate too small');

    // Between two refreshes: one assessment fixed, one resource deleted, one new finding.
    clock = START + 15 * 60_000;
    const added = withStatus({ ...kept, id: kept.id.replace('vm-0-2', 'vm-0-99'), properties: { ...kept.properties, resourceDetails: { Source: 'Azure', Id: kept.id.split('/providers/Microsoft.Security')[0]?.replace('vm-0-2', 'vm-0-99'), ResourceName: 'vm-0-99', ResourceType: 'microsoft.compute/virtualmachines' } } }, 'Unhealthy', clock - 60_000);
    rows = rows.filter((row) => row !== gone).map((row) => (row === fixed ? withStatus(row, 'Healthy', clock - 120_000) : row));
    rows.push(added);
    fake.setRows(rows);
    const before = fake.requests.length;
    await h.reload();

    const refresh = fake.requests.slice(before);
    const changeRequest = refresh.find((request) => request.query.includes('changedAt'));
    expect(changeRequest?.query).toContain(`where changedAt >= datetime(${new Date(START - CHANGE_OVERLAP_MS).toISOString()})`);
    expect(changeRequest?.query).toContain('properties.status.statusChangeDate');
    for (const request of refresh) {
      expect(request).toMatchObject({ apiVersion: '2024-04-01', top: 1000, status: 200, subscriptions: [...SUBS] });
    }
    // No request reads the resources table or every assessment again.
    expect(refresh.map((request) => request.table)).toEqual(['resourcecontainers', 'securityresources', 'securityresources']);
    expect(refresh.some((request) => request.query.startsWith('resources'))).toBe(false);

    expect(statusOf(h, fixed.id)).toBe('Healthy');
    expect(statusOf(h, added.id)).toBe('Unhealthy');
    // Deleted in Azure, but an incremental refresh cannot see deletions: still shown until the full read.
    expect(statusOf(h, gone.id)).toBe('Unhealthy');
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(12);

    // A second incremental refresh asks from the first refresh's start, and keeps what the first one merged.
    clock = START + 30 * 60_000;
    const second = fake.requests.length;
    await h.reload();
    expect(fake.requests.slice(second).find((request) => request.query.includes('changedAt'))?.query).toContain(`datetime(${new Date(START + 15 * 60_000 - CHANGE_OVERLAP_MS).toISOString()})`);
    expect(statusOf(h, fixed.id)).toBe('Healthy');
    expect(statusOf(h, added.id)).toBe('Unhealthy');

    // A day after the full read: everything is read again, and the deleted row goes.
    clock = START + 24 * HOUR;
    const full = fake.requests.length;
    await h.reload();
    expect(fake.requests.slice(full).some((request) => request.query.includes('changedAt'))).toBe(false);
    expect(fake.requests.slice(full).some((request) => request.table === 'resources')).toBe(true);
    expect(statusOf(h, gone.id)).toBeUndefined();
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(11);
  });

  it('pages changed rows with $skipToken through throttling, and a restart on the kept copy shows the merged data', async () => {
    const h = await open(2);
    clock = START + 15 * 60_000;
    const changed = assessments().slice(0, 5);
    rows = rows.map((row) => (changed.includes(row) ? withStatus(row, 'Healthy', clock - 60_000) : row));
    fake.setRows(rows);
    const before = fake.requests.length;
    fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 0 });
    await h.reload();
    const changeRequests = fake.requests.slice(before).filter((request) => request.query.includes('changedAt'));
    expect(changeRequests.map((request) => [request.status, request.skipToken === undefined])).toEqual([
      [200, true],
      [200, false],
      [200, false],
    ]);
    expect(fake.requests.slice(before)[0]?.status).toBe(429);
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(7);
    h.close();

    // Azure down at the next start: the kept copy is the merged one.
    fake.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
    const restarted = await open();
    expect(restarted.info().stale).toBeDefined();
    expect(restarted.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(7);
  });
});
