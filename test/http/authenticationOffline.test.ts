// Authentication proven offline (issue 9 item 7): the SDK reads its signing keys from a loopback OpenID server that
// publishes our own RSA key; tokens are issued as the Bot Framework channel issues them.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { message } from '../support/activities';
import { startTestServer, type TestServer } from '../support/inProcessServer';
import { CHANNEL_ISSUER, startOpenIdServer, type OpenIdServer } from '../support/openIdServer';

const BOT_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const TENANT = '11111111-2222-4333-8444-555555555555';
const identity = { id: BOT_ID, password: 'not-a-real-secret', tenantId: TENANT, type: 'SingleTenant' as const };
const expectReplies = (activity: Partial<Activity>) => ({ ...activity, deliveryMode: 'expectReplies' });
const seconds = () => Math.floor(Date.now() / 1000);

function rowCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'posture-bot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM conversation_items) AS n').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('authentication against a loopback OpenID server', () => {
  let keys: OpenIdServer;
  let server: TestServer;
  beforeAll(async () => {
    keys = await startOpenIdServer();
    server = await startTestServer({ config: { bot: { ...identity, openIdMetadataUrl: keys.metadataUrl }, allowedTenantIds: [TENANT] } });
  });
  afterAll(async () => {
    await server.stop();
    await keys.close();
  });

  const activityFor = (id: string) => expectReplies(message('help', { id }));
  const claimsFor = (activity: Partial<Activity>, overrides: Record<string, unknown> = {}) => ({
    iss: CHANNEL_ISSUER,
    aud: BOT_ID,
    iat: seconds() - 10,
    nbf: seconds() - 10,
    exp: seconds() + 600,
    serviceurl: activity.serviceUrl,
    ...overrides,
  });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('lets a valid channel token through, reading the keys from the loopback server', async () => {
    const activity = activityFor('auth-ok');
    const res = await server.post(activity, bearer(keys.sign(claimsFor(activity))));
    expect(res.status).toBe(200);
    expect((res.json as { activities: unknown[] }).activities).toHaveLength(1);
    expect(keys.hits['/openid']).toBeGreaterThanOrEqual(1);
    expect(keys.hits['/keys']).toBeGreaterThanOrEqual(1);
  });

  it.each<[string, (a: Partial<Activity>) => string]>([
    ['a wrong audience', (a) => keys.sign(claimsFor(a, { aud: '99999999-1111-4222-8333-444444444444' }))],
    ['a wrong issuer', (a) => keys.sign(claimsFor(a, { iss: 'https://sts.evil.example/' }))],
    ['an expired token', (a) => keys.sign(claimsFor(a, { exp: seconds() - 3600, iat: seconds() - 7200, nbf: seconds() - 7200 }))],
    ['a token not valid yet', (a) => keys.sign(claimsFor(a, { nbf: seconds() + 3600 }))],
    ['a bad signature', (a) => keys.sign(claimsFor(a), { key: keys.strangerKey })],
    ['alg none', (a) => keys.sign(claimsFor(a), { alg: 'none' })],
    ['HS256 keyed with the public key', (a) => keys.sign(claimsFor(a), { alg: 'HS256' })],
    ['an unknown key id', (a) => keys.sign(claimsFor(a), { kid: 'not-published' })],
    ['a serviceUrl other than the token names', (a) => keys.sign(claimsFor(a, { serviceurl: 'https://smba.evil.example/' }))],
  ])('refuses %s with 401 and writes nothing', async (label, tokenFor) => {
    const activity = activityFor(`auth-refused-${label}`);
    const before = rowCount(server.dataDir);
    const res = await server.post(activity, bearer(tokenFor(activity)));
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(rowCount(server.dataDir)).toBe(before);
  });

  it('checks in order: size (413), media type (415), authentication (401), then the activity (400)', async () => {
    const big = expectReplies(message('z'.repeat(300 * 1024)));
    expect((await server.post(big, { 'Content-Type': 'text/plain' })).status).toBe(413);
    expect((await server.post(activityFor('order-1'), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await server.post('{"type": "message", ')).status).toBe(401);
    expect((await server.post({ ...activityFor('order-2'), from: undefined })).status).toBe(401);
    const valid = activityFor('order-3');
    const token = keys.sign(claimsFor(valid));
    expect((await server.post('{"type": "message", ', bearer(token))).status).toBe(400);
    expect((await server.post({ ...valid, from: undefined }, bearer(token))).status).toBe(400);
  });
});

describe('authentication when the signing keys cannot be fetched', () => {
  let server: TestServer;
  let keys: OpenIdServer;
  beforeAll(async () => {
    keys = await startOpenIdServer();
    // A port nobody listens on: the metadata endpoint is unreachable.
    const closed = await startOpenIdServer();
    const unreachable = closed.metadataUrl.replace('/openid', '/gone-openid');
    await closed.close();
    server = await startTestServer({ config: { bot: { ...identity, openIdMetadataUrl: unreachable }, allowedTenantIds: [TENANT] } });
  });
  afterAll(async () => {
    await server.stop();
    await keys.close();
  });

  it('answers 503 with Retry-After (never 500) and writes nothing, for good and forged tokens alike', async () => {
    const before = rowCount(server.dataDir);
    const activity = expectReplies(message('help', { id: 'auth-503' }));
    const claims = { iss: CHANNEL_ISSUER, aud: BOT_ID, nbf: seconds() - 10, exp: seconds() + 600, serviceurl: activity.serviceUrl };
    for (const token of [keys.sign(claims), keys.sign(claims, { key: keys.strangerKey })]) {
      const res = await server.post(activity, { Authorization: `Bearer ${token}` });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: { code: 'AUTH_UNAVAILABLE' } });
    }
    const raw = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${keys.sign(claims)}` }, body: JSON.stringify(activity) });
    expect(raw.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(rowCount(server.dataDir)).toBe(before);
  });
});
