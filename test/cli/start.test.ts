import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { assertPortFree, findFreePort, loopbackFor, parsePortVariable, runStart } from '../../src/cli/start';

// A stand-in for dist/src/index.js: answers /healthz on PORT, and exits on its own when told to.
const FAKE_BOT = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.statusCode = req.url === '/healthz' ? 200 : 404; res.end('ok'); });
server.listen(Number(process.env.PORT), () => {
  if (process.env.FAKE_BOT_DIE_MS) setTimeout(() => process.exit(3), Number(process.env.FAKE_BOT_DIE_MS));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

let dir: string;
let botEntry: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'posture-bot-start-'));
  botEntry = join(dir, 'fakeBot.js');
  writeFileSync(botEntry, FAKE_BOT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function baseEnv(): Promise<NodeJS.ProcessEnv> {
  return { PATH: process.env.PATH, APP_ENV: '', PORT: String(await findFreePort()), PLAYGROUND_PORT: String(await findFreePort()), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
}

describe('runStart', () => {
  it('starts the bot and the Playground, prints where to open it, and stops both on request', async () => {
    const env = await baseEnv();
    const out = capture();
    const err = capture();
    let stop!: () => void;
    const stopSignal = new Promise<void>((r) => (stop = r));
    const running = runStart({ env, stdout: out.stream, stderr: err.stream, stopSignal, botEntry });
    await until(() => out.text().includes('Press Ctrl+C'), 60_000);
    expect(out.text()).toContain(`http://localhost:${env.PLAYGROUND_PORT}`);
    expect(out.text()).toContain('embedded demo tenant');
    const ping = await fetch(`http://127.0.0.1:${env.PLAYGROUND_PORT}/_debug/ping`);
    expect(await ping.text()).toBe('pong');
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`http://127.0.0.1:${env.PORT}/healthz`)).rejects.toThrow();
  }, 90_000);

  it('stops everything and exits non-zero when the bot dies', async () => {
    const env: NodeJS.ProcessEnv = { ...(await baseEnv()), FAKE_BOT_DIE_MS: '1500' };
    const err = capture();
    const code = await runStart({ env, stdout: capture().stream, stderr: err.stream, stopSignal: new Promise(() => undefined), botEntry });
    expect(code).toBe(1);
    expect(err.text()).toContain('The bot stopped unexpectedly (exit code 3)');
    await expect(fetch(`http://127.0.0.1:${env.PLAYGROUND_PORT}/_debug/ping`)).rejects.toThrow();
  }, 90_000);

  it('says clearly which port is busy and how to change it, starting nothing', async () => {
    const env = await baseEnv();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(Number(env.PLAYGROUND_PORT), () => r()));
    try {
      const err = capture();
      const code = await runStart({ env, stdout: capture().stream, stderr: err.stream, stopSignal: new Promise(() => undefined), botEntry });
      expect(code).toBe(1);
      expect(err.text()).toContain(`Port ${env.PLAYGROUND_PORT} is already in use`);
      expect(err.text()).toContain('PLAYGROUND_PORT=<port>');
      await expect(fetch(`http://127.0.0.1:${env.PORT}/healthz`)).rejects.toThrow();
    } finally {
      blocker.close();
    }
  });

  it('reports a missing build instead of a stack trace', async () => {
    const err = capture();
    const code = await runStart({ env: await baseEnv(), stdout: capture().stream, stderr: err.stream, botEntry: join(dir, 'missing.js') });
    expect(code).toBe(1);
    expect(err.text()).toContain('npm run build');
  });

  it('reports invalid configuration from the bot config before starting anything', async () => {
    const err = capture();
    const env: NodeJS.ProcessEnv = { ...(await baseEnv()), BOT_ID: 'not-a-guid' };
    const code = await runStart({ env, stdout: capture().stream, stderr: err.stream, botEntry });
    expect(code).toBe(1);
    expect(err.text()).toContain('BOT_ID');
  });
});

describe('port helpers', () => {
  it('parses port variables and rejects nonsense with the variable name', () => {
    expect(parsePortVariable(undefined, 'PLAYGROUND_PORT', 56150)).toBe(56150);
    expect(parsePortVariable(' 4000 ', 'PLAYGROUND_PORT', 56150)).toBe(4000);
    expect(() => parsePortVariable('80; rm -rf /', 'PLAYGROUND_PORT', 1)).toThrow(/PLAYGROUND_PORT must be a port number/);
    expect(() => parsePortVariable('70000', 'PORT', 1)).toThrow(/PORT/);
  });

  it('reaches all-interface listeners over IPv4 loopback and brackets IPv6 hosts', () => {
    expect(loopbackFor(undefined)).toBe('127.0.0.1');
    expect(loopbackFor('0.0.0.0')).toBe('127.0.0.1');
    expect(loopbackFor('::1')).toBe('[::1]');
  });

  it('assertPortFree passes on a free port', async () => {
    await expect(assertPortFree(await findFreePort(), 'PORT')).resolves.toBeUndefined();
  });
});
