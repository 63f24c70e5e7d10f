// Incremental refresh of the live source against the loopback Resource Graph fake (which honours the type, id and
// change-date filters): after a full read, a refresh asks only for assessments whose status changed since the last
// read (less an overlap), in 1,000-row pages with $skipToken, through throttling; the changed rows are laid over the
// kept rows. Resource changes (resourcechanges) bring re-tagged resources and drop deleted ones; an assessment that
// simply disappears stays until the next full read (POSTURE_FULL_REFRESH_HOURS). A subscription the identity can no
// longer read loses its kept rows at the next refresh, and answers say part of the scope is missing. Refreshes are
// journaled beside the kept base; governance assignments are read again on their own, slower cadence.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostureHolder, type PostureHolder } from '../../../../src/posture/postureHolder';
import type { PostureSettings, PostureSnapshot } from '../../../../src/posture/postureSettings';
import { CHANGE_OVERLAP_MS, createAzurePostureLoader } from '../../../../src/posture/source/azure/azureLoader';
import { SYSTEM_VIEWER } from '../../../../src/posture/viewer';
import { createSilentLogger, type Logger } from '../../../../src/logging/logger';
import type { AzureScope } from '../../../../src/config/features/postureSource';
import { dataAgeNote } from '../../../../src/views/dataAgeNote';
import { createMemoryLogger } from '../../../support/memoryLogger';
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

const BY_SUBSCRIPTION: AzureScope[] = SUBS.map((subscriptionId) => ({ kind: 'subscription' as const, subscriptionId }));

const settings = (scopes: AzureScope[], fullRefreshMs = 24 * HOUR): PostureSettings => ({
  postureLenient: false,
  postureSource: 'azure',
  azure: { cloud: 'AzurePublicCloud', scopes, fullRefreshMs },
  dataDir: dataDir.dir,
});

const open = async (pageRows?: number, scopes = BY_SUBSCRIPTION, logger: Logger = createSilentLogger(), fullRefreshMs?: number): Promise<PostureHolder> =>
  (holder = await openPostureHolder(settings(scopes, fullRefreshMs), { logger, records: createMemoryRecordsStore(), pollMs: 0, azure: loopbackOptions(fake.port, pageRows ? { pageRows } : {}), now: () => clock }));

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
    // No request reads the resources table or every assessment again; no resource changed, so none is read by id.
    expect(refresh.map((request) => request.table)).toEqual(['resourcecontainers', 'securityresources', 'securityresources', 'resourcechanges']);
    expect(refresh.find((request) => request.table === 'resourcechanges')?.query).toContain(
      `extend changedAt = todatetime(properties.changeAttributes.timestamp) | where changedAt >= datetime(${new Date(START - CHANGE_OVERLAP_MS).toISOString()})`,
    );

    expect(statusOf(h, fixed.id)).toBe('Healthy');
    expect(statusOf(h, added.id)).toBe('Unhealthy');
    // Gone from Azure with no resource change recorded: an incremental refresh cannot see it, so it stays until the full read.
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
    const changeRequests = fake.requests.slice(before).filter((request) => request.table === 'securityresources' && request.query.includes('changedAt'));
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

/** The estate's VMs as rows of the resources table, tagged env=dev. */
const vmRows = (): Row[] =>
  assessments().map((row) => {
    const vm = row.id.split('/providers/Microsoft.Security')[0] as string;
    return { id: vm, name: vm.split('/').pop(), type: 'microsoft.compute/virtualmachines', location: 'westeurope', subscriptionId: row.subscriptionId, resourceGroup: row.resourceGroup, tags: { env: 'dev' } } as Row;
  });

/** A resourcechanges row as the "Get resource changes" article shows it. */
const changeRow = (target: string, changeType: 'Create' | 'Update' | 'Delete', at: number, n: number): Row => ({
  id: `${target}/providers/Microsoft.Resources/changes/08584889383111245807_${String(n).padStart(8, '0')}`,
  type: 'microsoft.resources/changes',
  properties: {
    targetResourceId: target,
    targetResourceType: 'microsoft.compute/virtualmachines',
    changeType,
    changeAttributes: { changesCount: 1, changedByType: 'User', clientType: 'Azure Portal', operation: 'microsoft.compute/virtualmachines/write', timestamp: new Date(at).toISOString() },
    changes: changeType === 'Update' ? { 'tags.env': { newValue: 'prod', previousValue: 'dev', changeCategory: 'User', propertyChangeType: 'Update' } } : {},
  },
});

const vmOf = (row: Row): string => row.id.split('/providers/Microsoft.Security')[0] as string;
const tagsOf = (h: PostureHolder, id: string) => h.current().details(SYSTEM_VIEWER, id)?.tags;

describe('resource changes in the incremental refresh', () => {
  it('reads re-tagged resources again by id and drops the rows of deleted ones, ignoring changes older than the last read', async () => {
    rows.push(...vmRows());
    fake.setRows(rows);
    const h = await open();
    const [retagged, deleted, oldDelete, untouched] = assessments();
    if (!retagged || !deleted || !oldDelete || !untouched) throw new Error('estate too small');
    expect(tagsOf(h, retagged.id)).toEqual({ env: 'dev' });
    const total = h.current().count(SYSTEM_VIEWER, {});

    clock = START + 15 * 60_000;
    rows = rows
      // Re-tagged in Azure.
      .map((row) => (row.id === vmOf(retagged) ? { ...row, tags: { env: 'prod' } } : row))
      // Deleted in Azure; Defender has not removed its assessment yet, so Resource Graph still lists it.
      .filter((row) => row.id !== vmOf(deleted));
    rows.push(
      changeRow(vmOf(retagged), 'Update', clock - 60_000, 1),
      changeRow(vmOf(deleted), 'Delete', clock - 30_000, 2),
      // Before the last read (less the overlap): already in the kept rows' time, not asked for.
      changeRow(vmOf(oldDelete), 'Delete', START - 2 * CHANGE_OVERLAP_MS, 3),
    );
    fake.setRows(rows);
    const before = fake.requests.length;
    const reload = await h.reload();
    expect(reload).toBeDefined();

    const refresh = fake.requests.slice(before);
    // The changed resource alone is read again, by id; the deleted one is not asked for.
    const byId = refresh.filter((request) => request.table === 'resources');
    expect(byId).toHaveLength(1);
    expect(byId[0]?.query).toBe(`resources | where id in~ ('${vmOf(retagged)}') | project id, name, type, location, resourceGroup, subscriptionId, tags | order by id asc`);

    expect(h.info().refresh).toBe('incremental');
    expect(tagsOf(h, retagged.id)).toEqual({ env: 'prod' });
    expect(statusOf(h, deleted.id)).toBeUndefined();
    expect(statusOf(h, oldDelete.id)).toBe('Unhealthy');
    expect(tagsOf(h, untouched.id)).toEqual({ env: 'dev' });
    expect(h.current().count(SYSTEM_VIEWER, {})).toBe(total - 1);

    // The next incremental refresh starts from the merged kept rows: the deletion and the new tag hold.
    clock = START + 30 * 60_000;
    await h.reload();
    expect(h.info().refresh).toBe('incremental');
    expect(statusOf(h, deleted.id)).toBeUndefined();
    expect(tagsOf(h, retagged.id)).toEqual({ env: 'prod' });
    expect(h.info().rows).toBe(rows.filter((row) => row.type !== 'microsoft.resources/changes').length - 1);
  });

  it('reads in full when the last read is older than the 14 days Resource Graph keeps changes, whatever POSTURE_FULL_REFRESH_HOURS says', async () => {
    const h = await open(undefined, BY_SUBSCRIPTION, createSilentLogger(), 30 * 24 * HOUR);
    clock = START + 6 * 24 * HOUR;
    await h.reload();
    expect(h.info().refresh).toBe('incremental');
    // Azure unreadable for two weeks: the next refresh cannot trust resourcechanges to list every deletion.
    clock += 13 * 24 * HOUR;
    await h.reload();
    expect(h.info().refresh).toBe('full');
  });

  it('keeps a resource deleted and created again, and skips change rows it cannot read', async () => {
    rows.push(...vmRows());
    fake.setRows(rows);
    const h = await open();
    const [recreated] = assessments();
    if (!recreated) throw new Error('estate too small');
    clock = START + 15 * 60_000;
    rows = rows.map((row) => (row.id === vmOf(recreated) ? { ...row, tags: { env: 'new' } } : row));
    rows.push(
      changeRow(vmOf(recreated), 'Delete', clock - 120_000, 1),
      changeRow(vmOf(recreated), 'Create', clock - 60_000, 2),
      { ...changeRow(vmOf(recreated), 'Delete', clock - 30_000, 3), properties: { targetResourceId: vmOf(recreated), changeType: 'Delete' } },
    );
    fake.setRows(rows);
    await h.reload();
    expect(statusOf(h, recreated.id)).toBe('Unhealthy');
    expect(tagsOf(h, recreated.id)).toEqual({ env: 'new' });
  });
});

describe('a subscription that becomes unreadable between full reads', () => {
  it.each([
    ['named in the scope (403 for it)', BY_SUBSCRIPTION],
    ['seen through the tenant scope (it just stops being listed)', [{ kind: 'tenant' as const }]],
  ])('drops its kept rows at the next incremental refresh and says so: %s', async (_name, scopes) => {
    const memory = createMemoryLogger('info');
    const h = await open(undefined, scopes, memory.logger);
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(12);
    expect(h.info().unreadable).toBeUndefined();

    clock = START + 15 * 60_000;
    const lost = SUBS[1];
    fake.setForbidden([lost]);
    await h.reload();
    expect(h.info().refresh).toBe('incremental');
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(8);
    expect(h.current().count(SYSTEM_VIEWER, { subscriptions: [lost] })).toBe(0);
    expect(h.info().unreadable).toEqual([`/subscriptions/${lost}: no longer readable by the identity, so its 4 kept rows were dropped`]);
    // Governance assignments were not read again (they are every POSTURE_GOVERNANCE_REFRESH_MINUTES): their age is said.
    expect(dataAgeNote(h.info(), clock)).toBe('Data from Azure as of 10:15 UTC, just now. Owners and due dates as of 10:00 UTC. One part of the Azure scope could not be read, so its findings are left out.');
    const warning = memory.lines().find((line) => line.msg === 'subscriptions no longer readable: their kept rows were dropped');
    expect(warning?.droppedSubscriptions).toEqual({ [lost]: 4 });

    // Readable again: its rows come back with the next full read (the kept rows no longer hold them).
    fake.setForbidden([]);
    clock = START + 24 * HOUR;
    await h.reload();
    expect(h.info().refresh).toBe('full');
    expect(h.current().count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] })).toBe(12);
    expect(h.info().unreadable).toBeUndefined();
  });
});

describe('the kept copy between full reads', () => {
  const keptDir = () => join(dataDir.dir, 'posture-azure');
  /** What a viewer sees of every assessment: its status and owner. */
  const picture = (h: PostureHolder) => assessments().map((row) => [row.id, statusOf(h, row.id) ?? 'gone', h.current().details(SYSTEM_VIEWER, row.id)?.owner]);

  it('appends each refresh to a journal instead of rewriting the base, and a start on it (torn last line and all) serves the same rows', async () => {
    const h = await open();
    const base = readFileSync(join(keptDir(), 'last-good.jsonl.gz'));
    const [fixed, gone] = assessments();
    if (!fixed || !gone) throw new Error('estate too small');

    clock = START + 15 * 60_000;
    rows = rows.map((row) => (row === fixed ? withStatus(row, 'Healthy', clock - 60_000) : row));
    rows.push(changeRow(vmOf(gone), 'Delete', clock - 30_000, 1));
    fake.setRows(rows);
    await h.reload();
    clock = START + 30 * 60_000;
    rows = rows.map((row) => (row.id === fixed.id ? withStatus(row, 'Unhealthy', clock - 60_000) : row));
    fake.setRows(rows);
    await h.reload();
    expect(h.info().refresh).toBe('incremental');
    expect(statusOf(h, fixed.id)).toBe('Unhealthy');
    expect(statusOf(h, gone.id)).toBeUndefined();

    // The base is the full read's, byte for byte; the two refreshes are two journal lines.
    expect(readFileSync(join(keptDir(), 'last-good.jsonl.gz')).equals(base)).toBe(true);
    const journal = join(keptDir(), 'last-good.journal.jsonl');
    expect(readFileSync(journal, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    const live = picture(h);
    const liveRows = h.info().rows;
    h.close();

    // A crash in the middle of a third append leaves half a line; Azure is down at the next start.
    appendFileSync(journal, '{"at":1,"replacedTypes":["microsoft.security/assess');
    fake.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
    const restarted = await open();
    expect(restarted.info().stale).toBeDefined();
    expect(restarted.info().rows).toBe(liveRows);
    expect(picture(restarted)).toEqual(live);
  });

  it('reads governance assignments again only every POSTURE_GOVERNANCE_REFRESH_MINUTES, and says how old the owners are', async () => {
    const [owned] = assessments();
    if (!owned) throw new Error('estate too small');
    const assignment = (owner: string): Row => ({
      id: `${owned.id}/governanceAssignments/g-1`,
      name: 'g-1',
      type: 'microsoft.security/assessments/governanceassignments',
      subscriptionId: owned.subscriptionId,
      properties: { assignedResourceId: owned.id, owner, remediationDueDate: '2026-12-20T00:00:00Z', isGracePeriod: 'false' },
    });
    rows.push(assignment('alice@contoso.com'));
    fake.setRows(rows);
    const h = await open();
    expect(h.current().details(SYSTEM_VIEWER, owned.id)?.owner).toBe('alice@contoso.com');

    // Reassigned in the portal; 15 minutes later the refresh does not ask for governance assignments.
    rows = rows.map((row) => (row.type === 'microsoft.security/assessments/governanceassignments' ? assignment('bob@contoso.com') : row));
    fake.setRows(rows);
    clock = START + 15 * 60_000;
    const before = fake.requests.length;
    await h.reload();
    expect(fake.requests.slice(before).some((request) => request.query.includes('governanceassignments'))).toBe(false);
    expect(h.current().details(SYSTEM_VIEWER, owned.id)?.owner).toBe('alice@contoso.com');
    expect(dataAgeNote(h.info(), clock)).toBe('Data from Azure as of 10:15 UTC, just now. Owners and due dates as of 10:00 UTC.');

    // An hour after they were last read: asked for in full, replacing the kept ones.
    clock = START + 60 * 60_000;
    const next = fake.requests.length;
    await h.reload();
    expect(h.info().refresh).toBe('incremental');
    expect(fake.requests.slice(next).some((request) => request.query.includes('governanceassignments'))).toBe(true);
    expect(h.current().details(SYSTEM_VIEWER, owned.id)?.owner).toBe('bob@contoso.com');
    expect(dataAgeNote(h.info(), clock)).toBe('Data from Azure as of 11:00 UTC, just now.');
  });
});

describe('folding the journal into a new base', () => {
  it('writes a new base from the merged rows once the journal passes its share of the base, and serves the same rows as a journaled copy', async () => {
    const second = createTempDataDir('posture-azure-fold-');
    try {
      const loaderFor = (dir: string, journalFraction?: number) =>
        createAzurePostureLoader(
          { scopes: BY_SUBSCRIPTION, cloud: 'AzurePublicCloud', fullRefreshMs: 24 * HOUR },
          { logger: createSilentLogger(), dataDir: dir, now: () => clock, overrides: loopbackOptions(fake.port), ...(journalFraction === undefined ? {} : { journalFraction }) },
        );
      const folding = loaderFor(second.dir, 0);
      const journaled = loaderFor(dataDir.dir);
      await folding();
      await journaled();
      const [fixed, gone, other] = assessments();
      if (!fixed || !gone || !other) throw new Error('estate too small');
      const picture = (engine: PostureSnapshot['engine']) => assessments().map((row) => [row.id, engine.details(SYSTEM_VIEWER, row.id)?.status ?? 'gone']);

      clock = START + 15 * 60_000;
      rows = rows.map((row) => (row === fixed ? withStatus(row, 'Healthy', clock - 60_000) : row));
      rows.push(changeRow(vmOf(gone), 'Delete', clock - 30_000, 1));
      fake.setRows(rows);
      await folding();
      await journaled();
      clock = START + 30 * 60_000;
      rows = rows.map((row) => (row.id === other.id ? withStatus(row, 'Healthy', clock - 60_000) : row));
      fake.setRows(rows);
      const folded = await folding();
      const kept = await journaled();
      expect([folded.refresh, kept.refresh]).toEqual(['incremental', 'incremental']);
      expect(picture(folded.engine)).toEqual(picture(kept.engine));
      expect(picture(folded.engine).filter(([, status]) => status !== 'Unhealthy')).toEqual([
        [fixed.id, 'Healthy'],
        [gone.id, 'gone'],
        [other.id, 'Healthy'],
      ]);
      expect(folded.rows).toBe(kept.rows);

      // The folding copy's second refresh wrote a new base and emptied its journal; the other has two journal lines.
      const info = (dir: string) => JSON.parse(readFileSync(join(dir, 'posture-azure', 'last-good.json'), 'utf8')) as { journalRows: number; baseRows: number; readAt: number };
      expect(info(second.dir)).toMatchObject({ journalRows: 0, baseRows: folded.rows, readAt: clock });
      expect(info(dataDir.dir).journalRows).toBeGreaterThan(0);
      expect(readFileSync(join(dataDir.dir, 'posture-azure', 'last-good.journal.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    } finally {
      second.cleanup();
    }
  });
});
