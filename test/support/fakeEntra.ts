// A loopback Entra token endpoint over HTTPS (MSAL refuses a plain-http authority), with a self-signed certificate
// made by openssl for 127.0.0.1. It answers the OpenID metadata and the on-behalf-of grant the public protocol
// defines, checking the grant type, the client credentials, the assertion and the requested scope.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FakeEntra {
  authorityHost: string;
  caPem: string;
  /** SSO assertion -> the ARM token to issue; an assertion absent here is refused as invalid_grant. */
  exchanges: Map<string, string>;
  /** Assertions whose user withdrew consent (AADSTS65001). */
  consentRevoked: Set<string>;
  grants: Array<Record<string, string>>;
  close(): Promise<void>;
}

export async function startFakeEntra(client: { tenantId: string; clientId: string; clientSecret: string }): Promise<FakeEntra> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-entra-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const caPem = readFileSync(cert, 'utf8');
  const exchanges = new Map<string, string>();
  const consentRevoked = new Set<string>();
  const grants: FakeEntra['grants'] = [];
  let base = '';
  const server = https.createServer({ key: readFileSync(key), cert: caPem }, (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const tenant = `/${client.tenantId}`;
    if (req.method === 'GET' && url.pathname === `${tenant}/v2.0/.well-known/openid-configuration`) {
      return send(200, {
        issuer: `${base}${tenant}/v2.0`,
        authorization_endpoint: `${base}${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${base}${tenant}/discovery/v2.0/keys`,
      });
    }
    if (req.method === 'POST' && url.pathname === `${tenant}/oauth2/v2.0/token`) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        grants.push(form);
        if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || form.requested_token_use !== 'on_behalf_of') return send(400, { error: 'unsupported_grant_type' });
        if (form.client_id !== client.clientId || form.client_secret !== client.clientSecret) return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        if (!(form.scope ?? '').split(' ').includes('https://management.azure.com/.default')) return send(400, { error: 'invalid_scope' });
        const assertion = form.assertion ?? '';
        if (consentRevoked.has(assertion)) return send(400, { error: 'invalid_grant', error_description: 'AADSTS65001: The user or administrator has not consented to use the application.', suberror: 'consent_required' });
        const token = exchanges.get(assertion);
        if (!token) return send(400, { error: 'invalid_grant', error_description: 'AADSTS50013: Assertion failed signature validation.' });
        return send(200, { token_type: 'Bearer', scope: 'https://management.azure.com/user_impersonation', expires_in: 3599, ext_expires_in: 3599, access_token: token });
      });
      return;
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: base,
    caPem,
    exchanges,
    consentRevoked,
    grants,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}

/** A token shaped like Entra's (header.payload.signature) for a user: MSAL reads claims from assertions. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.c2lnbmF0dXJl`;
}
