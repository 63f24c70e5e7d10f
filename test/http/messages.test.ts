// POST /api/messages and GET /healthz on a real in-process server (SQLite state in a temp DATA_DIR).
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  it('answers POST /api/messages directly as the router does for the same route (a query string takes the router)', async () => {
    const send = async (path: string, id: string) => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(expectReplies(message('help', { id }))) });
      const text = await res.text();
      const headers = [...res.headers.entries()].filter(([name]) => name !== 'date');
      return { status: res.status, headers, body: text.replace(/pb-[0-9a-f-]{36}/g, 'pb-id').replace(id, 'the-id') };
    };
    const direct = await send('/api/messages', 'route-direct');
    const routed = await send('/api/messages?via=router', 'route-router');
    expect(direct.status).toBe(200);
    expect(direct.headers).toContainEqual(['server', 'posture-bot']);
    expect(direct).toEqual(routed);
    // Other methods on the path are still restify's (405 with the methods it allows).
    const get = await fetch(`${server.url}/api/messages`);
    expect(get.status).toBe(405);
    await get.text();
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

  describe('media type and ids (issue 9 item 5)', () => {
    const rowCount = () => {
      const db = new Database(join(server.dataDir, 'posture-bot.sqlite'), { readonly: true });
      try {
        const records = (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
        const state = (db.prepare('SELECT COUNT(*) AS n FROM conversation_items').get() as { n: number }).n;
        return records + state;
      } finally {
        db.close();
      }
    };
    const rawPost = (body: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });

    it.each([
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['a JSON look-alike', 'application/jsonp'],
    ])('refuses a body sent as %s with 415', async (_label, type) => {
      const res = await server.post(expectReplies(message('help', { id: `mt-${type}` })), { 'Content-Type': type });
      expect(res.status).toBe(415);
      expect(res.json).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    });

    it('refuses a body without a Content-Type with 415', async () => {
      expect(await rawPost(JSON.stringify(expectReplies(message('help', { id: 'mt-none' }))), {})).toBe(415);
    });

    it('accepts application/json with parameters, in any case', async () => {
      const res = await server.post(expectReplies(message('help', { id: 'mt-charset' })), { 'Content-Type': 'Application/JSON; charset=utf-8' });
      expect(res.status).toBe(200);
    });

    it('checks the size before the media type (413 before 415)', async () => {
      const res = await server.post(expectReplies(message('z'.repeat(70 * 1024))), { 'Content-Type': 'text/plain' });
      expect(res.status).toBe(413);
    });

    it.each([
      ['a lone high surrogate in conversation.id', (m: Record<string, any>) => ({ ...m, conversation: { ...m.conversation, id: 'conv-\uD800' } })],
      ['a lone low surrogate in from.id', (m: Record<string, any>) => ({ ...m, from: { ...m.from, id: 'user-\uDC00-x' } })],
      ['a control character in from.id', (m: Record<string, any>) => ({ ...m, from: { ...m.from, id: 'user-\u0007' } })],
      ['a NUL in the activity id', (m: Record<string, any>) => ({ ...m, id: 'act-\u0000' })],
    ])('refuses %s with 400 and writes nothing', async (_label, change) => {
      const before = rowCount();
      // JSON.stringify escapes a lone surrogate as \ud800, which JSON.parse turns back into one: what a client can send.
      const res = await server.post(JSON.stringify(expectReplies(change(message('help', { id: `bad-id-${_label}` })))));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      expect(rowCount()).toBe(before);
    });
  });
});
