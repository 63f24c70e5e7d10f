// With a bot identity, the SDK's own JWT validation guards /api/messages (no network needed to refuse these).
import { message } from '../support/activities';
import { startTestServer, type TestServer } from '../support/inProcessServer';

const BOT_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const TENANT = '11111111-2222-4333-8444-555555555555';

describe('authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      config: { bot: { id: BOT_ID, password: 'not-a-real-secret', tenantId: TENANT, type: 'SingleTenant' }, allowedTenantIds: [TENANT] },
    });
  });
  afterAll(async () => server.stop());

  it('refuses a request without a token with 401 and a JSON body', async () => {
    const res = await server.post({ ...message('help'), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a request with a token that is not a JWT', async () => {
    const res = await server.post({ ...message('help'), deliveryMode: 'expectReplies' }, { Authorization: 'Bearer not-a-jwt' });
    expect(res.status).toBe(401);
  });

  it('authenticates before ignoring unknown activity types', async () => {
    const res = await server.post({ type: 'typing', id: 't1' });
    expect(res.status).toBe(401);
  });

  it('still answers /healthz without a token', async () => {
    expect((await server.get('/healthz')).status).toBe(200);
  });
});

describe('without a bot identity (local use)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.stop());

  it('accepts requests without a token', async () => {
    const res = await server.post({ ...message('help'), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
  });
});
