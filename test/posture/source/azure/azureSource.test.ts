// The live Azure source against a loopback Resource Graph fake, through the real @azure/arm-resourcegraph client:
// request shape, paging, subscription batches, throttling (Retry-After, quota headers, the fake's own quota), server
// errors, malformed and stuck pages, partial permissions, sovereign clouds, and no token in any log line.
import { AppError } from '../../../../src/errors/appError';
import type { AssessmentRecord, PostureRecord } from '../../../../src/posture/model';
import { createAzurePostureSource, type AzureSourceOptions } from '../../../../src/posture/source/azure/azureSource';
import { rowsOfData } from '../../../../src/posture/source/azure/resourceGraphPages';
import { parseResetsAfter } from '../../../../src/posture/source/azure/quotaGate';
import { createMemoryLogger } from '../../../support/memoryLogger';
import { estateRows, SUBS } from './estateRows';
import { startFakeResourceGraph, tableOf, type FakeResourceGraph, type FakeResourceGraphOptions } from '../../../../bench/servers/fakeResourceGraph';
import { TEST_TOKEN, fakeCredential, loopbackHttpClient, loopbackOptions } from './loopbackClient';

const ALL_SUBS = SUBS.map((subscriptionId) => ({ kind: 'subscription' as const, subscriptionId }));
let fake: FakeResourceGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeResourceGraphOptions): Promise<FakeResourceGraph> {
  fake = await startFakeResourceGraph(options);
  return fake;
}

function source(server: FakeResourceGraph, extra: Partial<AzureSourceOptions> = {}) {
  return createAzurePostureSource({ scopes: ALL_SUBS, cloud: 'AzurePublicCloud', ...loopbackOptions(server.port), ...extra });
}

async function load(src: ReturnType<typeof createAzurePostureSource>) {
  const records: PostureRecord[] = [];
  const report = await src.load({ add: (record) => records.push(record) });
  return { records, report };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

const assessments = (records: PostureRecord[]) => records.filter((record): record is AssessmentRecord => record.kind === 'assessment');

describe('Azure Resource Graph source', () => {
  it('pages 1,000 rows at a time with $skipToken, subscriptions in batches, and loads every row once', async () => {
    const server = await start({ rows: estateRows(1200) });
    const { records, report } = await load(source(server, { subscriptionsPerBatch: 2 }));
    expect(report.rows).toBe(3 * 1201);
    expect(assessments(records)).toHaveLength(3600);
    expect(new Set(assessments(records).map((a) => a.id)).size).toBe(3600);
    expect(report.unreadable).toEqual([]);

    const security = server.requests.filter((request) => request.table === 'securityresources');
    // Batch [sub1, sub2]: 2,400 rows in pages of 1,000, 1,000, 400; batch [sub3]: 1,000 and 200.
    expect(security.map((request) => request.subscriptions?.length)).toEqual([2, 2, 2, 1, 1]);
    expect(security.map((request) => request.skipToken === undefined)).toEqual([true, false, false, true, false]);
    for (const request of server.requests) {
      expect(request).toMatchObject({ apiVersion: '2024-04-01', top: 1000, resultFormat: 'objectArray', status: 200 });
      expect(request.query).toMatch(/\| order by id asc$/);
    }
    expect(server.requests.map((request) => request.table)).toEqual([
      'resourcecontainers', 'resourcecontainers',
      'securityresources', 'securityresources', 'securityresources', 'securityresources', 'securityresources',
      'resources', 'resources',
    ]);
    expect(report).toMatchObject({ pages: 9, requests: 9 });
  });

  it('waits as long as a 429 says (Retry-After) and goes on, through the SDK retry policy alone', async () => {
    const server = await start({ rows: estateRows(3) });
    server.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const { report } = await load(source(server));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.map((request) => request.status)).toEqual([429, 200, 200, 200]);
    expect(report.rows).toBe(12);
  });

  it('retries a 429 that only names the quota reset (x-ms-user-quota-resets-after) after that long', async () => {
    const server = await start({ rows: estateRows(3) });
    server.failNext({ kind: 'status', status: 429, quotaResetsAfter: '00:00:00.400' });
    const started = Date.now();
    await load(source(server));
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(server.requests.map((request) => request.status)).toEqual([429, 200, 200, 200]);
  });

  it('spends the per-user quota evenly: with 3 queries per 300 ms it is never throttled', async () => {
    const server = await start({ rows: estateRows(8), quota: { limit: 3, windowMs: 300 } });
    const memory = createMemoryLogger();
    const { report } = await load(source(server, { pageRows: 2, progressEveryPages: 5, logger: memory.logger }));
    expect(report.rows).toBe(27);
    expect(memory.lines().filter((line) => line.msg === 'reading Azure Resource Graph').map((line) => line.pages)).toEqual([5, 10, 15]);
    expect(server.requests.length).toBeGreaterThan(9);
    expect(server.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(report.quotaWaitMs).toBeGreaterThan(0);
  });

  it('retries server errors, and fails the load with the status when they persist', async () => {
    const server = await start({ rows: estateRows(3) });
    server.failNext({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    expect((await load(source(server))).report.rows).toBe(12);

    server.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 502 })));
    const error = await failure(load(source(server)));
    expect(error.code).toBe('DATA_UNAVAILABLE');
    expect(error.message).toContain('resourcecontainers over 3 subscriptions: Resource Graph answered HTTP 502');
  });

  it('refuses a malformed page by name', async () => {
    const server = await start({ rows: estateRows(3) });
    server.failNext({ kind: 'malformed', body: { totalRecords: 1, count: 1, data: 'not rows' } });
    const error = await failure(load(source(server)));
    expect(error.code).toBe('DATA_UNAVAILABLE');
    expect(error.message).toContain('malformed page (page 1: data is string, not rows)');
  });

  it('gives up on a stuck page after its time limit', async () => {
    const server = await start({ rows: estateRows(3) });
    server.failNext({ kind: 'hang' });
    const started = Date.now();
    const error = await failure(load(source(server, { pageTimeoutMs: 300 })));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toContain('did not answer in time (page 1 took longer than 300 ms)');
  });

  it('reports a subscription it may not read and loads the rest', async () => {
    const server = await start({ rows: estateRows(5), forbidden: [SUBS[1]] });
    const { records, report } = await load(source(server));
    expect(report.unreadable).toEqual([`/subscriptions/${SUBS[1]}: the identity may not read it (give it Reader and Security Reader there)`]);
    expect([...new Set(assessments(records).map((a) => a.subscriptionId))].sort()).toEqual([SUBS[0], SUBS[2]]);
    // The batch failed once, was read one by one, and the unreadable subscription was left out of later queries.
    const security = server.requests.filter((request) => request.table === 'securityresources');
    expect(security.map((request) => request.subscriptions?.length)).toEqual([2]);
  });

  it('fails when no part of the scope can be read', async () => {
    const server = await start({ rows: estateRows(2), forbidden: [...SUBS] });
    const error = await failure(load(source(server)));
    expect(error.code).toBe('DATA_UNAVAILABLE');
    expect(error.message).toContain('the identity cannot read any of');
  });

  it('names a subscription Resource Graph leaves out silently', async () => {
    const server = await start({ rows: estateRows(2, [SUBS[0]]) });
    const { report } = await load(source(server, { scopes: [{ kind: 'subscription', subscriptionId: SUBS[0] }, { kind: 'subscription', subscriptionId: SUBS[2] }] }));
    expect(report.unreadable).toEqual([`/subscriptions/${SUBS[2]}: not visible to the identity (no such subscription, or no Reader role on it)`]);
  });

  it('reads a management group with partial scopes allowed', async () => {
    const server = await start({ rows: estateRows(2), managementGroups: { 'contoso-root': [SUBS[0], SUBS[1]] }, forbidden: [SUBS[1]] });
    const { records } = await load(source(server, { scopes: [{ kind: 'managementGroup', managementGroupId: 'contoso-root' }] }));
    expect(server.requests[0]).toMatchObject({ managementGroups: ['contoso-root'], allowPartialScopes: true });
    expect(server.requests[0]?.subscriptions).toBeUndefined();
    expect([...new Set(assessments(records).map((a) => a.subscriptionId))]).toEqual([SUBS[0]]);
  });

  it('talks to the sovereign cloud it is set to, with that cloud\'s token audience', async () => {
    const server = await start({ rows: estateRows(1) });
    const http = loopbackHttpClient(server.port);
    const credential = fakeCredential();
    await load(source(server, { cloud: 'AzureUSGovernment', credential, client: { httpClient: http } }));
    expect(new Set(http.hosts)).toEqual(new Set(['https://management.usgovcloudapi.net']));
    expect(credential.scopes[0]).toEqual(['https://management.usgovcloudapi.net/.default']);

    const china = loopbackHttpClient(server.port);
    const chinaCredential = fakeCredential();
    await load(source(server, { cloud: 'AzureChinaCloud', credential: chinaCredential, client: { httpClient: china } }));
    expect(new Set(china.hosts)).toEqual(new Set(['https://management.chinacloudapi.cn']));
    expect(chinaCredential.scopes[0]).toEqual(['https://management.chinacloudapi.cn/.default']);
  });

  it('never writes the token to a log line, whatever fails', async () => {
    const memory = createMemoryLogger('trace');
    const server = await start({ rows: estateRows(3), forbidden: [SUBS[2]] });
    server.failNext({ kind: 'status', status: 500 });
    await load(source(server, { logger: memory.logger }));
    server.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 500 })));
    const error = await failure(load(source(server, { logger: memory.logger })));
    memory.logger.error({ err: error }, 'posture refresh failed');
    const text = JSON.stringify(memory.lines());
    expect(memory.lines().length).toBeGreaterThan(2);
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain('test-secret-token-value');
    expect(text.toLowerCase()).not.toContain('bearer');
  });

  it('pages an estate the fake streams (the bench\'s mode) the same way', async () => {
    const rows = estateRows(700);
    const server = await start({ stream: (table) => rows.filter((row) => tableOf(row) === table) });
    const { records, report } = await load(source(server, { scopes: [{ kind: 'tenant' }] }));
    expect(report.rows).toBe(rows.length);
    expect(assessments(records)).toHaveLength(2100);
    expect(server.requests.filter((request) => request.table === 'securityresources').map((request) => request.skipToken !== undefined)).toEqual([false, true, true]);
  });

  it('says plainly when no credential can sign in', async () => {
    const server = await start({ rows: estateRows(1) });
    const unavailable = Object.assign(new Error('DefaultAzureCredential: no managed identity endpoint; run az login'), { name: 'CredentialUnavailableError' });
    const error = await failure(load(source(server, { credential: { getToken: () => Promise.reject(unavailable) } })));
    expect(error.code).toBe('DATA_UNAVAILABLE');
    expect(error.message).toContain('no Azure credential could sign in (CredentialUnavailableError: DefaultAzureCredential: no managed identity endpoint; run az login)');
    expect(server.requests).toEqual([]);
  });

  it('reads quota reset times as Resource Graph writes them', () => {
    expect(parseResetsAfter('00:00:05')).toBe(5000);
    expect(parseResetsAfter('00:01:00.250')).toBe(60_250);
    expect(parseResetsAfter('2')).toBe(2000);
    expect(parseResetsAfter('soon')).toBeUndefined();
    expect(parseResetsAfter(undefined)).toBeUndefined();
  });

  it('reads both data formats a page can have', () => {
    expect(rowsOfData([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(rowsOfData({ columns: [{ name: 'id' }, { name: 'type' }], rows: [['a', 't']] })).toEqual([{ id: 'a', type: 't' }]);
    expect(() => rowsOfData({ columns: [{ name: 'id' }], rows: [['a', 'extra']] })).toThrow('table row 0 does not have 1 cells');
    expect(() => rowsOfData(null)).toThrow('data is null, not rows');
  });
});
