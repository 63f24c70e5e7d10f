// A loopback fake of Azure Resource Graph's public query API, strict about the request shape the real one accepts:
// POST /providers/Microsoft.ResourceGraph/resources?api-version=YYYY-MM-DD, Authorization: Bearer <token>, a JSON
// body with `query` and optional `subscriptions` / `managementGroups` and `options` {$top (1..1000), $skipToken,
// resultFormat, allowPartialScopes}. It pages rows sorted by id with an opaque $skipToken, enforces a per-user quota
// with x-ms-user-quota-remaining / x-ms-user-quota-resets-after (429 with Retry-After over it), answers 403 for an
// explicitly named subscription the identity may not read, and can be told to fail the next requests in chosen ways.
// It does not evaluate KQL: the query's first word picks the table, and every row of that table in scope is returned,
// except for the filters the live source sends: `where type in~ (...)` / `where type =~ '...'`, `where id in~ (...)`,
// and the change filter of an incremental refresh (`extend changedAt = coalesce(todatetime(<path>), ...)` or
// `extend changedAt = todatetime(<path>)`, then `where changedAt >= datetime(<iso>)`: a row passes when the first of
// those paths holding a date is at or after that time). Tables: resourcecontainers (subscriptions and resource
// groups), securityresources, resources, and resourcechanges (rows of type microsoft.resources/changes, shaped as the
// "Get resource changes" article shows: properties.targetResourceId, changeType, changeAttributes.timestamp).
// Rows are given as a list (sorted by id here, as `order by id` does), or, for estates too big to hold, as a function
// that streams one table's rows afresh for a query (served in the order given; one open cursor per $skipToken); the
// function may skip rows the query cannot match (an index), the filters above still apply to what it yields.
// Used by the Azure source tests (test/posture/source/azure) and the live-read bench (bench/azureReadBench.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Table = 'resourcecontainers' | 'securityresources' | 'resources' | 'resourcechanges';

export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; retryAfterMs?: number; quotaResetsAfter?: string }
  | { kind: 'malformed'; body: unknown }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FakeRequest {
  query: string;
  table: string;
  subscriptions?: string[];
  managementGroups?: string[];
  top?: number;
  skipToken?: string;
  resultFormat?: string;
  allowPartialScopes?: boolean;
  apiVersion: string;
  status: number;
}

/** The token the fake accepts unless told otherwise. */
export const FAKE_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-secret-token-value';

export interface FakeResourceGraphOptions {
  rows?: readonly unknown[];
  /** Instead of rows: each call streams one table's rows from the start (it may leave out rows `query` cannot match). */
  stream?: (table: Table, query: string) => Iterable<unknown>;
  /** Time spent building pages (streamed rows: reading them), for the bench to tell the fake's cost from the reader's. */
  onPageBuilt?: (ms: number) => void;
  token?: string;
  /** Subscriptions the identity may not read. */
  forbidden?: readonly string[];
  /** Management group -> its subscriptions. */
  managementGroups?: Record<string, readonly string[]>;
  /** Queries allowed per window; Infinity by default. */
  quota?: { limit: number; windowMs: number };
}

export interface FakeResourceGraph {
  url: string;
  port: number;
  requests: FakeRequest[];
  setRows(rows: readonly unknown[]): void;
  /** Replaces the subscriptions the identity may not read (a role taken away between two reads). */
  setForbidden(ids: readonly string[]): void;
  /** Applied to the next requests, one each, in order. */
  failNext(...faults: Fault[]): void;
  close(): Promise<void>;
}

export function tableOf(row: unknown): Table {
  const type = String((row as { type?: unknown }).type ?? '').toLowerCase();
  const id = String((row as { id?: unknown }).id ?? '');
  if (type === 'microsoft.resources/subscriptions' || type === 'microsoft.resources/subscriptions/resourcegroups' || (!type && /^\/subscriptions\/[^/]+\/?$/i.test(id))) return 'resourcecontainers';
  if (type === 'microsoft.resources/changes') return 'resourcechanges';
  if (type.startsWith('microsoft.security/')) return 'securityresources';
  return 'resources';
}

function subscriptionOf(row: unknown): string | undefined {
  const explicit = (row as { subscriptionId?: unknown }).subscriptionId;
  if (typeof explicit === 'string') return explicit.toLowerCase();
  const id = String((row as { id?: unknown }).id ?? '');
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}

/** The row filter the query's `where` clauses ask for (only the forms the live source sends). */
export function queryFilter(query: string): (row: unknown) => boolean {
  const tests: Array<(row: unknown) => boolean> = [];
  const typeOf = (row: unknown) => String((row as { type?: unknown }).type ?? '').toLowerCase();
  const list = /\|\s*where\s+type\s+in~\s*\(([^)]*)\)/i.exec(query);
  if (list) {
    const types = new Set([...(list[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => (m[1] ?? '').toLowerCase()));
    tests.push((row) => types.has(typeOf(row)));
  }
  const one = /\|\s*where\s+type\s+=~\s*'([^']*)'/i.exec(query);
  if (one) tests.push((row) => typeOf(row) === (one[1] ?? '').toLowerCase());
  const ids = idsOfQuery(query);
  if (ids) tests.push((row) => ids.has(String((row as { id?: unknown }).id ?? '').toLowerCase()));
  const extend = /\|\s*extend\s+changedAt\s*=\s*(?:coalesce\((.*?)\)|(todatetime\([\w.]+\)))\s*\|/i.exec(query);
  const since = /\|\s*where\s+changedAt\s*>=\s*datetime\(([^)]+)\)/i.exec(query);
  if (extend && since) {
    const paths = [...(extend[1] ?? extend[2] ?? '').matchAll(/todatetime\(([\w.]+)\)/g)].map((m) => (m[1] ?? '').split('.'));
    const from = Date.parse(since[1] ?? '');
    if (paths.length === 0 || Number.isNaN(from)) throw new Error('unreadable change filter');
    tests.push((row) => {
      for (const path of paths) {
        const value = path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), row);
        const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
        if (!Number.isNaN(time)) return time >= from;
      }
      return false;
    });
  } else if (extend || since) throw new Error('a change filter needs both its extend and its where');
  return (row) => tests.every((test) => test(row));
}

/** The ids of a `where id in~ ('...', ...)` clause, lower-cased; undefined without one. */
export function idsOfQuery(query: string): Set<string> | undefined {
  const list = /\|\s*where\s+id\s+in~\s*\(([^)]*)\)/i.exec(query);
  return list ? new Set([...(list[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => (m[1] ?? '').toLowerCase())) : undefined;
}

/** The time of a change filter's `where changedAt >= datetime(...)`, epoch ms; undefined without one. */
export function changedSinceOfQuery(query: string): number | undefined {
  const since = /\|\s*where\s+changedAt\s*>=\s*datetime\(([^)]+)\)/i.exec(query);
  const at = since ? Date.parse(since[1] ?? '') : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

const idOf = (row: unknown): string => String((row as { id?: unknown }).id ?? '').toLowerCase();

const clock = (ms: number): string => {
  const seconds = Math.max(0, ms) / 1000;
  const whole = Math.floor(seconds);
  return `00:${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}.${String(Math.round((seconds - whole) * 1000)).padStart(3, '0')}`;
};

export async function startFakeResourceGraph(options: FakeResourceGraphOptions): Promise<FakeResourceGraph> {
  const token = options.token ?? FAKE_TOKEN;
  let forbidden = new Set((options.forbidden ?? []).map((id) => id.toLowerCase()));
  const groups = options.managementGroups ?? {};
  let tables = new Map<Table, unknown[]>();
  const setRows = (rows: readonly unknown[]): void => {
    const next = new Map<Table, unknown[]>([
      ['resourcecontainers', []],
      ['securityresources', []],
      ['resources', []],
      ['resourcechanges', []],
    ]);
    for (const row of rows) next.get(tableOf(row))?.push(row);
    for (const list of next.values()) list.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    tables = next;
  };
  setRows(options.rows ?? []);
  const cursors = new Map<string, { iterator: Iterator<unknown>; offset: number }>();
  let cursorCount = 0;
  const faults: Fault[] = [];
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let windowStart = Date.now();
  let used = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
  const error = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void =>
    send(res, status, { error: { code, message } }, headers);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const apiVersion = url.searchParams.get('api-version') ?? '';
    const record: FakeRequest = { query: '', table: '', apiVersion, status: 0 };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      send(res, status, body, headers);
    };
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      error(res, status, code, message, headers);
    };

    if (req.method !== 'POST' || url.pathname !== '/providers/Microsoft.ResourceGraph/resources') return fail(404, 'NotFound', `${req.method} ${url.pathname}`);
    if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) return fail(400, 'MissingApiVersionParameter', 'api-version is required');
    if (req.headers.authorization !== `Bearer ${token}`) return fail(401, 'AuthenticationFailed', 'no valid bearer token');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(415, 'UnsupportedMediaType', 'send JSON');

    // Quota: every request counts, answered or not.
    const now = Date.now();
    const quota = options.quota;
    if (quota && now - windowStart >= quota.windowMs) {
      windowStart = now;
      used = 0;
    }
    used++;
    const quotaHeaders = (): Record<string, string> =>
      quota ? { 'x-ms-user-quota-remaining': String(Math.max(0, quota.limit - used)), 'x-ms-user-quota-resets-after': clock(windowStart + quota.windowMs - now) } : {};
    if (quota && used > quota.limit) {
      const waitMs = windowStart + quota.windowMs - now;
      return fail(429, 'RateLimiting', 'Please provide below info when asking for support', { ...quotaHeaders(), 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) });
    }

    const fault = faults.shift();
    if (fault?.kind === 'hang') {
      hanging.add(res);
      record.status = -1;
      return;
    }
    if (fault?.kind === 'reset') {
      record.status = -2;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { ...quotaHeaders() };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.retryAfterMs !== undefined) headers['x-ms-retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.quotaResetsAfter !== undefined) {
        headers['x-ms-user-quota-remaining'] = '0';
        headers['x-ms-user-quota-resets-after'] = fault.quotaResetsAfter;
      }
      return fail(fault.status, fault.status === 429 ? 'RateLimiting' : 'ServiceUnavailable', 'injected', headers);
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return fail(400, 'InvalidRequestContent', 'the body is not JSON');
    }
    const opts = (body.options ?? {}) as Record<string, unknown>;
    Object.assign(record, {
      query: body.query,
      subscriptions: body.subscriptions,
      managementGroups: body.managementGroups,
      top: opts.$top,
      skipToken: opts.$skipToken,
      resultFormat: opts.resultFormat,
      allowPartialScopes: opts.allowPartialScopes,
    });
    if (typeof body.query !== 'string' || body.query.trim() === '') return fail(400, 'BadRequest', 'query is required');
    for (const key of Object.keys(opts)) {
      if (!['$top', '$skip', '$skipToken', 'resultFormat', 'allowPartialScopes', 'authorizationScopeFilter'].includes(key)) return fail(400, 'BadRequest', `unknown option ${key}`);
    }
    const top = opts.$top === undefined ? 100 : opts.$top;
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > 1000) return fail(400, 'BadRequest', '$top must be 1..1000');
    const table = body.query.trim().split(/[\s|]/)[0]?.toLowerCase() ?? '';
    record.table = table;
    const rows = tables.get(table as Table);
    if (!rows) return fail(400, 'BadRequest', `unknown table ${table}`);

    let matches: (row: unknown) => boolean;
    try {
      matches = queryFilter(body.query);
    } catch (caught) {
      return fail(400, 'BadRequest', String(caught));
    }
    let scoped: (row: unknown) => boolean;
    if (Array.isArray(body.subscriptions)) {
      const subs = (body.subscriptions as unknown[]).map((id) => String(id).toLowerCase());
      const denied = subs.filter((id) => forbidden.has(id));
      if (denied.length > 0) return fail(403, 'AuthorizationFailed', `The client does not have authorization over subscription(s) ${denied.join(', ')}`);
      const set = new Set(subs);
      scoped = (row) => set.has(subscriptionOf(row) ?? '');
    } else if (Array.isArray(body.managementGroups)) {
      const subs = new Set<string>();
      for (const group of body.managementGroups as unknown[]) {
        const members = groups[String(group)];
        if (!members) return fail(403, 'AuthorizationFailed', `no access to management group ${String(group)}`);
        for (const id of members) if (!forbidden.has(id.toLowerCase())) subs.add(id.toLowerCase());
      }
      scoped = (row) => subs.has(subscriptionOf(row) ?? '');
    } else {
      scoped = (row) => !forbidden.has(subscriptionOf(row) ?? '');
    }
    const inScope = (row: unknown): boolean => scoped(row) && matches(row);

    if (options.stream) {
      const stream = options.stream;
      let cursor: { iterator: Iterator<unknown>; offset: number } | undefined;
      if (opts.$skipToken !== undefined) {
        cursor = cursors.get(String(opts.$skipToken));
        cursors.delete(String(opts.$skipToken));
        if (!cursor) return fail(400, 'BadRequest', 'invalid $skipToken');
      } else cursor = { iterator: stream(table as Table, body.query)[Symbol.iterator](), offset: 0 };
      const page: unknown[] = [];
      const started = performance.now();
      let done = false;
      while (page.length < top) {
        const next = cursor.iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        if (inScope(next.value)) page.push(next.value);
      }
      cursor.offset += page.length;
      options.onPageBuilt?.(performance.now() - started);
      let token: string | undefined;
      if (!done) {
        token = `cursor-${++cursorCount}`;
        cursors.set(token, cursor);
      }
      return reply(200, { totalRecords: cursor.offset, count: page.length, resultTruncated: 'false', ...(token ? { $skipToken: token } : {}), data: page, facets: [] }, quotaHeaders());
    }
    let offset = 0;
    if (opts.$skipToken !== undefined) {
      try {
        const parsed = JSON.parse(Buffer.from(String(opts.$skipToken), 'base64url').toString('utf8')) as { offset: number; query: string };
        if (parsed.query !== body.query) return fail(400, 'BadRequest', '$skipToken belongs to another query');
        offset = parsed.offset;
      } catch {
        return fail(400, 'BadRequest', 'invalid $skipToken');
      }
    }
    const matching = rows.filter(inScope);
    const page = matching.slice(offset, offset + top);
    const next = offset + top < matching.length ? Buffer.from(JSON.stringify({ offset: offset + top, query: body.query })).toString('base64url') : undefined;
    if (fault?.kind === 'malformed') return reply(200, fault.body, quotaHeaders());
    const data =
      opts.resultFormat === 'table'
        ? (() => {
            const columns = [...new Set(page.flatMap((row) => Object.keys(row as object)))];
            return { columns: columns.map((name) => ({ name, type: 'object' })), rows: page.map((row) => columns.map((name) => (row as Record<string, unknown>)[name] ?? null)) };
          })()
        : page;
    reply(200, { totalRecords: matching.length, count: page.length, resultTruncated: 'false', ...(next ? { $skipToken: next } : {}), data, facets: [] }, quotaHeaders());
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((caught: unknown) => {
      if (!res.headersSent) error(res, 500, 'InternalServerError', String(caught));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setRows,
    setForbidden: (ids) => void (forbidden = new Set(ids.map((id) => id.toLowerCase()))),
    failNext: (...list) => void faults.push(...list),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
