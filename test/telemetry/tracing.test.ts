// OpenTelemetry traces against a loopback OTLP/HTTP receiver: the real bot process (src/index.ts, SQLite storage) with
// OTEL_EXPORTER_OTLP_ENDPOINT set exports a server span per turn with its activity type, action and outcome, and
// client spans for its records calls as the turn's children; no user text, ids or tenant in any attribute. Without
// it, tracing is the work itself and no OpenTelemetry module is loaded. (Child processes: the OTLP exporter loads
// node:http with a dynamic import, which jest's module sandbox does not run.)
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig';
import { projectPath } from '../../src/paths';
import { message, TENANT_ID, USER } from '../support/activities';
import { createTempDataDir } from '../support/tempDataDir';

const ROOT = projectPath();
const TS_REQUIRE = join(ROOT, 'test/support/tsRequire.js');

jest.setTimeout(180_000);

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
  status?: { code?: number };
}
interface Received {
  contentType: string;
  path: string;
  resource: Record<string, unknown>;
  spans: OtlpSpan[];
}

/** A collector on loopback speaking OTLP/HTTP JSON, as the exporter sends it (POST /v1/traces). */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
        // Not chained: restify replaces ServerResponse.prototype.writeHead with one that returns nothing.
        res.writeHead(400);
        res.end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
      for (const resourceSpans of body.resourceSpans) {
        received.push({
          contentType: String(req.headers['content-type']),
          path: req.url,
          resource: Object.fromEntries(resourceSpans.resource.attributes.map((a) => [a.key, Object.values(a.value)[0]])),
          spans: resourceSpans.scopeSpans.flatMap((scope) => scope.spans),
        });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const attributes = (span: OtlpSpan) => Object.fromEntries((span.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]));

async function within(ms: number, seen: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!seen()) {
    if (Date.now() > until) throw new Error(`not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OpenTelemetry traces', () => {
  it('are off by default: no setting, the work runs as is, and nothing of OpenTelemetry is loaded', () => {
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0' }, envDir: projectPath('env') });
    expect(config.telemetry).toEqual({ serviceName: 'posture-bot' });
    const loaded = (settings: string) =>
      execFileSync(process.execPath, ['-r', TS_REQUIRE, '-e', `
        const t = require('./src/telemetry/tracing.ts');
        t.startTracing(${settings}, { info() {} })
          .then(() => t.tracing().span('x', {}, async () => 42))
          .then((answer) => t.stopTracing().then(() => console.log(JSON.stringify({ answer, enabled: false, loaded: Object.keys(require.cache).filter((k) => k.includes('@opentelemetry')).length }))));
      `], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(loaded(`{ serviceName: 'posture-bot' }`))).toEqual({ answer: 42, enabled: false, loaded: 0 });
    // The control: with a URL the same script loads the SDK.
    expect(JSON.parse(loaded(`{ serviceName: 'posture-bot', tracesUrl: 'http://127.0.0.1:9/v1/traces' }`)).loaded).toBeGreaterThan(0);
    // And only the telemetry module names an OpenTelemetry package.
    const importers: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && readFileSync(path, 'utf8').includes("from '@opentelemetry/")) importers.push(path.slice(ROOT.length + 1));
      }
    };
    walk(join(ROOT, 'src'));
    expect(importers).toEqual(['src/telemetry/otelTracing.ts']);
  });

  it('trace each turn and its storage calls to an OTLP/HTTP collector, without user text, ids or tenant', async () => {
    const receiver = await startReceiver();
    const temp = createTempDataDir();
    const secret = 'show me the secret-project-zeta findings';
    const child = spawn(process.execPath, ['-r', TS_REQUIRE, join(ROOT, 'src/index.ts')], {
      cwd: ROOT,
      env: { ...process.env, APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir, LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'posture-bot-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await within(100_000, () => out.includes('posture-bot listening'));
      expect(out).toContain('OpenTelemetry traces on');
      const url = /"url":"(http:[^"]+)"[^\n]*posture-bot listening/.exec(out)?.[1];
      const activity = { ...message(secret, { conversationId: 'conv-tracing-1' }), deliveryMode: 'expectReplies' };
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
      child.kill('SIGTERM'); // the drain, then the spans still buffered are sent
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      temp.cleanup();
      await receiver.close();
    }

    const batch = receiver.received[0];
    expect(batch).toMatchObject({ path: '/v1/traces', contentType: expect.stringContaining('application/json'), resource: { 'service.name': 'posture-bot-test' } });
    const spans = receiver.received.flatMap((received) => received.spans);
    const turn = spans.find((span) => span.name === 'turn');
    if (!turn) throw new Error(`no turn span among ${spans.map((span) => span.name).join(', ')}`);
    expect(turn.kind).toBe(2); // SERVER
    expect(attributes(turn)).toEqual({ 'bot.activity.type': 'message', 'bot.outcome': 'ok', 'bot.action': expect.stringMatching(/^[A-Za-z]+$/) });

    // The turn's storage calls are its children, in the same trace: the delivery claim, conversation state, replies.
    const children = spans.filter((span) => span.parentSpanId === turn.spanId);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      expect(child.traceId).toBe(turn.traceId);
      expect(child.name).toMatch(/^records\.(get|put|delete|list|prune)$/);
      expect(child.kind).toBe(3); // CLIENT
      expect(Object.keys(attributes(child)).sort()).toEqual(['db.collection.name', 'db.operation.name']);
    }
    expect(children.map((span) => attributes(span)['db.collection.name'])).toContain('activity-dedup');

    // Nothing the user typed, no conversation, tenant or user id in any attribute of any span.
    const everything = JSON.stringify(spans.map(attributes));
    for (const leak of ['secret-project-zeta', 'conv-tracing-1', TENANT_ID, USER.id, USER.aadObjectId]) expect(everything).not.toContain(leak);
  });
});
