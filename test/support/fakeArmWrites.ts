// A loopback Azure Resource Manager for writes: accepts PUT/PATCH/DELETE on the paths a test expects, checks the
// api-version Azure wants for each, the bearer token and that a body is JSON, and answers 403 for tokens without
// the role (AuthorizationFailed, as ARM does). It records what it served, so tests can check the request's shape.
// Policy exemptions are PUT at a resource's scope; which assignment to exempt is read first from Azure Policy's
// compliance records (POST .../policyStates/latest/queryResults, answered from `policyStates`, filtered as asked).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeArmWriteCall {
  method: string;
  path: string;
  apiVersion: string | null;
  token: string;
  contentType?: string;
  body: unknown;
}

export interface FakeArmWrites {
  url: string;
  /** Tokens allowed to write; any other bearer is answered 403. */
  allowed: Set<string>;
  calls: FakeArmWriteCall[];
  /** Lower-case resource id -> its latest policy states (policyAssignmentId, policyDefinitionId, policyDefinitionReferenceId). */
  policyStates: Map<string, Array<Record<string, string>>>;
  close(): Promise<void>;
}

/** Where Azure takes writes, with the api-version each wants. */
const ROUTES: Array<[RegExp, string]> = [
  [/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.[A-Za-z]+\/.+\/providers\/Microsoft\.Security\/assessments\/[^/]+\/governanceAssignments\/[0-9a-f-]{36}$/i, '2022-01-01-preview'],
  [/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i, '2023-01-01'],
  [/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Sql\/servers\/[^/]+(\/.*)?$/i, '2021-11-01'],
  [/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Web\/sites\/[^/]+(\/.*)?$/i, '2022-03-01'],
  [/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+\/providers\/.+)?\/providers\/Microsoft\.Authorization\/policyExemptions\/[A-Za-z0-9_.-]{1,64}$/i, '2022-07-01-preview'],
];
const POLICY_STATES = /^(\/subscriptions\/.+)\/providers\/Microsoft\.PolicyInsights\/policyStates\/latest\/queryResults$/i;
/** The one filter the bot sends: policyDefinitionId eq '<id>'. */
const DEFINITION_FILTER = /^policyDefinitionId eq '([^']+)'$/;

/** What Azure Policy requires of an exemption: the assignment, a known category, and an ISO expiry if any. */
function isExemptionBody(body: unknown): boolean {
  const p = (body as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!p || typeof p.policyAssignmentId !== 'string' || !/^\/.+\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i.test(p.policyAssignmentId)) return false;
  if (p.exemptionCategory !== 'Waiver' && p.exemptionCategory !== 'Mitigated') return false;
  if (p.expiresOn !== undefined && (typeof p.expiresOn !== 'string' || Number.isNaN(Date.parse(p.expiresOn)))) return false;
  const refs = p.policyDefinitionReferenceIds;
  return refs === undefined || (Array.isArray(refs) && refs.every((r) => typeof r === 'string' && r !== ''));
}

export async function startFakeArmWrites(): Promise<FakeArmWrites> {
  const allowed = new Set<string>();
  const calls: FakeArmWriteCall[] = [];
  const policyStates = new Map<string, Array<Record<string, string>>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (!auth) return send(401, { error: { code: 'AuthenticationFailed' } });
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        return send(400, { error: { code: 'InvalidRequestContent' } });
      }
      const path = decodeURIComponent(url.pathname);
      calls.push({ method: req.method ?? '', path, apiVersion: url.searchParams.get('api-version'), token: auth[1] as string, ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}), body });
      const states = POLICY_STATES.exec(path);
      if (states) {
        if (req.method !== 'POST') return send(405, { error: { code: 'MethodNotAllowed' } });
        if (url.searchParams.get('api-version') !== '2019-10-01') return send(400, { error: { code: 'InvalidApiVersionParameter' } });
        const filter = DEFINITION_FILTER.exec(url.searchParams.get('$filter') ?? '');
        if (!filter) return send(400, { error: { code: 'InvalidFilterInQueryString' } });
        const rows = (policyStates.get((states[1] as string).toLowerCase()) ?? []).filter((row) => row.policyDefinitionId?.toLowerCase() === (filter[1] as string).toLowerCase());
        return send(200, { '@odata.context': 'fake', '@odata.count': rows.length, value: rows });
      }
      if (!['PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) return send(405, { error: { code: 'MethodNotAllowed' } });
      const route = ROUTES.find(([pattern]) => pattern.test(path));
      if (!route) return send(404, { error: { code: 'ResourceNotFound' } });
      if (url.searchParams.get('api-version') !== route[1]) return send(400, { error: { code: 'InvalidApiVersionParameter' } });
      if (!allowed.has(auth[1] as string)) return send(403, { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action' } });
      if (req.method !== 'DELETE' && (typeof body !== 'object' || body === null)) return send(400, { error: { code: 'InvalidRequestContent' } });
      if (/\/policyExemptions\//i.test(path) && !isExemptionBody(body)) return send(400, { error: { code: 'InvalidPolicyExemption' } });
      return send(req.method === 'PUT' ? 201 : 200, { id: path, properties: (body as { properties?: unknown } | undefined)?.properties ?? {} });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    allowed,
    calls,
    policyStates,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
