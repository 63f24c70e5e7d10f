// A loopback Azure Resource Manager for the scope tests: answers the three public read APIs the scope reader uses
// (list subscriptions, caller permissions, list resource groups) per bearer token, refusing what the real API
// refuses (no token, wrong api-version, unknown token) and counting the calls it served.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeArmGrant {
  subscriptionId: string;
  /** A role on the whole subscription (Reader: "*\/read"), or on these resource groups only. */
  whole?: boolean;
  groups?: string[];
  /** Extra permission entries to return at the subscription (e.g. a role with notActions). */
  permissions?: Array<{ actions: string[]; notActions: string[] }>;
}

export interface FakeArm {
  url: string;
  /** token -> what it may read; a token absent here is answered 401. */
  users: Map<string, FakeArmGrant[]>;
  /** Tokens answered 403 (consent revoked, role removed). */
  forbidden: Set<string>;
  calls: Array<{ path: string; token: string }>;
  close(): Promise<void>;
}

const API_VERSIONS: Array<[RegExp, string]> = [
  [/^\/subscriptions$/, '2022-12-01'],
  [/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/permissions$/, '2022-04-01'],
  [/^\/subscriptions\/[^/]+\/resourcegroups$/, '2021-04-01'],
];

export async function startFakeArm(): Promise<FakeArm> {
  const users = new Map<string, FakeArmGrant[]>();
  const forbidden = new Set<string>();
  const calls: FakeArm['calls'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (req.method !== 'GET' || !auth) return send(401, { error: { code: 'AuthenticationFailed', message: 'no bearer token' } });
    const token = auth[1] as string;
    calls.push({ path: url.pathname, token });
    const route = API_VERSIONS.find(([pattern]) => pattern.test(url.pathname));
    if (!route) return send(404, { error: { code: 'NotFound' } });
    if (url.searchParams.get('api-version') !== route[1]) return send(400, { error: { code: 'InvalidApiVersionParameter' } });
    if (forbidden.has(token)) return send(403, { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization' } });
    const grants = users.get(token);
    if (!grants) return send(401, { error: { code: 'InvalidAuthenticationToken' } });
    const parts = url.pathname.split('/');
    if (parts.length === 2) {
      // Two subscriptions per page, to prove nextLink is followed.
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const page = grants.slice(skip, skip + 2).map((g) => ({ id: `/subscriptions/${g.subscriptionId}`, subscriptionId: g.subscriptionId, displayName: g.subscriptionId, state: 'Enabled' }));
      const next = skip + 2 < grants.length ? { nextLink: `${fake.url}/subscriptions?api-version=${route[1]}&skip=${skip + 2}` } : {};
      return send(200, { value: page, ...next });
    }
    const grant = grants.find((g) => g.subscriptionId.toLowerCase() === decodeURIComponent(parts[2] ?? '').toLowerCase());
    if (!grant) return send(403, { error: { code: 'AuthorizationFailed' } });
    if (parts[3] === 'providers') {
      const whole = grant.whole ? [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }] : [];
      return send(200, { value: [...whole, ...(grant.permissions ?? [])] });
    }
    return send(200, { value: (grant.groups ?? []).map((name) => ({ id: `/subscriptions/${grant.subscriptionId}/resourceGroups/${name}`, name, location: 'westeurope', properties: { provisioningState: 'Succeeded' } })) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeArm = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    users,
    forbidden,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
