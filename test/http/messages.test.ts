// POST /api/messages and GET /healthz on a real in-process server (SQLite state in a temp DATA_DIR).
import { request } from 'node:http';
import type { Activity } from 'botbuilder';
import { OTHER_TENANT_ID, TENANT_ID, message } from '../support/activities';
import { startTestServer, type TestServer } from '../support/inProcessServer';

const expectReplies = (activity: Partial<Activity>) => ({ ...activity, deliveryMode: 'expectReplies' });
const activitiesOf = (json: unknown) => (json as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];

describe('HTTP endpoint', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { allowedTenantIds: [TENANT_ID] }, maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => server.stop());

  it('answers GET /healthz', async () => {
    const res = await server.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok' });
  });

  it('returns replies in the body for expectReplies', async () => {
    const res = await server.post(expectReplies(message('help')));
    expect(res.status).toBe(200);
    const replies = activitiesOf(res.json);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('answers malformed JSON with 400 and a JSON error', async () => {
    const res = await server.post('{"type": "message", ');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
  });

  it.each([
    ['no type', { text: 'hi' }, 'type'],
    ['an array', [1, 2], '(activity)'],
    ['a message without conversation', { ...message('help'), conversation: undefined }, 'conversation'],
    ['a message without from', { ...message('help'), from: undefined }, 'from'],
    ['a message without recipient', { ...message('help'), recipient: undefined }, 'recipient'],
    ['a message with a bad serviceUrl', { ...message('help'), serviceUrl: 'file:///etc/passwd' }, 'serviceUrl'],
    ['an invoke without a name', { ...message('x'), type: 'invoke' }, 'name'],
  ])('answers %s with 400 naming the problem', async (_label, body, field) => {
    const res = await server.post(body);
    expect(res.status).toBe(400);
    const error = (res.json as { error: { code: string; problems: string[] } }).error;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.problems.join('\n')).toContain(field);
  });

  it('accepts null for optional fields, as some clients send them', async () => {
    const base = message('help');
    const res = await server.post({ ...base, deliveryMode: 'expectReplies', name: null, conversation: { ...base.conversation, conversationType: null } });
    expect(res.status).toBe(200);
  });

  it('acknowledges unknown activity types with 200 and no body', async () => {
    for (const type of ['typing', 'event', 'messageReaction', 'somethingNew']) {
      const res = await server.post({ type, id: `u-${type}` });
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
  });

  it('refuses a body over the limit with 413 and says the limit', async () => {
    const res = await server.post(expectReplies(message('z'.repeat(70 * 1024))));
    expect(res.status).toBe(413);
    const error = (res.json as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(String(64 * 1024));
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 80; i += 1) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('processes a redelivered activity once (SQLite deduper)', async () => {
    const activity = expectReplies(message('help', { id: 'http-dup-1' }));
    expect(activitiesOf((await server.post(activity)).json)).toHaveLength(1);
    const again = await server.post(activity);
    expect(again.status).toBe(200);
    expect(activitiesOf(again.json)).toEqual([]);
  });

  it('refuses a foreign tenant with a message and no card', async () => {
    const res = await server.post(expectReplies(message('help', { tenantId: OTHER_TENANT_ID })));
    expect(res.status).toBe(200);
    expect(activitiesOf(res.json).map((a) => a.text)).toEqual(['This bot does not serve your organization.']);
  });

  it('answers an over-long message without planning', async () => {
    const res = await server.post(expectReplies(message('q'.repeat(5000))));
    expect(activitiesOf(res.json)[0]?.text).toMatch(/5,000 characters.*4,000/);
  });
});
