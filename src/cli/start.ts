// `npm start`: runs the bot and the Microsoft 365 Agents Playground side by side, so a fresh clone can be tried
// in a browser with no Teams tenant. Also the process toolkit the browser test reuses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../config/loadConfig';
import { projectPath, projectRoot } from '../paths';

export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  name: string;
  child: ChildProcess;
  /** Settles once the process has exited, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where the child's stdout and stderr go; defaults to our stderr so our stdout stays for the user. */
  output?: Writable;
}

function manage(name: string, child: ChildProcess, output: Writable): ManagedChild {
  child.stdout?.pipe(output, { end: false });
  child.stderr?.pipe(output, { end: false });
  const exited = new Promise<ExitInfo>((resolvePromise) => {
    child.once('exit', (code, signal) => resolvePromise({ code, signal }));
    child.once('error', (error) => {
      output.write(`${name} could not be started: ${error.message}\n`);
      resolvePromise({ code: 1, signal: null });
    });
  });
  const stop = async (graceMs = 5000): Promise<ExitInfo> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { name, child, exited, stop };
}

export const defaultBotEntry = (): string => projectPath('dist', 'src', 'index.js');

/** Starts the compiled bot (dist/src/index.js unless `entry` says otherwise) with the environment passed through. */
export function spawnBot(options: SpawnOptions & { port: number; entry?: string }): ManagedChild {
  const child = spawn(process.execPath, [options.entry ?? defaultBotEntry()], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...(options.env ?? process.env), PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return manage('The bot', child, options.output ?? process.stderr);
}

/** The Playground's CLI script, found through its package.json so no shell or .bin shim is involved. */
export function resolvePlaygroundCli(): string {
  const manifestPath = require.resolve('@microsoft/m365agentsplayground/package.json', { paths: [projectRoot()] });
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.agentsplayground;
  if (!bin) throw new Error(`${manifestPath} names no agentsplayground command`);
  return join(dirname(manifestPath), bin);
}

export interface PlaygroundOptions extends SpawnOptions {
  port: number;
  botEndpoint: string;
  /** Lets the Playground get tokens for a bot that has an app id (auth is off without one). */
  auth?: { clientId: string; clientSecret?: string; tenantId?: string };
}

export function spawnPlayground(options: PlaygroundOptions): ManagedChild {
  // The Playground writes devTools/*.log and reads an optional .m365agentsplayground.yml from its cwd.
  const cwd = options.cwd ?? process.cwd();
  mkdirSync(cwd, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    TEAMSAPPTESTER_BROWSER: 'none',
    BOT_ENDPOINT: options.botEndpoint,
    // Makes the Playground send the install conversationUpdate, so the welcome card shows.
    SEND_INSTALLATION_ACTIVITY: 'true',
  };
  // Credentials travel in the environment, not argv, so they never show in `ps`.
  if (options.auth) {
    env.AUTH_CLIENT_ID = options.auth.clientId;
    if (options.auth.clientSecret) env.AUTH_CLIENT_SECRET = options.auth.clientSecret;
    if (options.auth.tenantId) env.AUTH_TENANT_ID = options.auth.tenantId;
  }
  const args = [resolvePlaygroundCli(), '--disable-telemetry', '-p', String(options.port)];
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return manage('The Agents Playground', child, options.output ?? process.stderr);
}

/** Polls `url` until it answers 2xx; fails early if `child` exits first, and after `timeoutMs` otherwise. */
export async function waitForHttp(url: string, options: { timeoutMs: number; child?: ManagedChild }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited: ExitInfo | undefined;
  void options.child?.exited.then((info) => (exited = info));
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.child?.name ?? 'The process'} exited (${describeExit(exited)}) before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastError})`);
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code ?? 'unknown'}`;
}

/** Resolves when nothing listens on `port`; throws a message naming the variable to change otherwise. */
export function assertPortFree(port: number, variable: string, host?: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`;
      reject(new Error(`Port ${port} ${reason}. Stop whatever is using it, or choose another port with ${variable}=<port>.`));
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolvePromise()));
  });
}

/** A port the OS says is free right now (for tests that must not collide with a running `npm start`). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePromise(port) : reject(new Error('the OS gave no free port'))));
    });
  });
}

export function parsePortVariable(value: string | undefined, variable: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number between 1 and 65535 (got "${value.slice(0, 20)}")`);
  }
  return port;
}

/** Loopback address to reach a server listening on `host` (all interfaces when absent). */
export function loopbackFor(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  stdout?: Writable;
  stderr?: Writable;
  /** Resolves when the user asks to stop (Ctrl+C / SIGTERM by default). */
  stopSignal?: Promise<void>;
  /** The bot's script; tests point it at a stand-in. */
  botEntry?: string;
}

function signalPromise(): Promise<void> {
  return new Promise((resolvePromise) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolvePromise());
  });
}

/** Runs until stopped or until a child dies; returns the exit code for the process. */
export async function runStart(options: StartOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stopSignal = options.stopSignal ?? signalPromise();
  const children: ManagedChild[] = [];
  const stopAll = () => Promise.all(children.map((c) => c.stop()));
  try {
    const botEntry = options.botEntry ?? defaultBotEntry();
    if (!existsSync(botEntry)) throw new Error(`${botEntry} does not exist: build the bot first with npm run build`);
    const config = loadConfig({ env, envDir: projectPath('env') });
    const playgroundPort = parsePortVariable(env.PLAYGROUND_PORT, 'PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT);
    if (playgroundPort === config.port) throw new Error(`PORT and PLAYGROUND_PORT are both ${config.port}: choose two different ports`);
    await assertPortFree(config.port, 'PORT', config.host);
    await assertPortFree(playgroundPort, 'PLAYGROUND_PORT');

    const botBase = `http://${loopbackFor(config.host)}:${config.port}`;
    const bot = spawnBot({ env, port: config.port, entry: botEntry, output: stderr });
    children.push(bot);
    await waitForHttp(`${botBase}/healthz`, { timeoutMs: 60_000, child: bot });

    const playground = spawnPlayground({
      env,
      port: playgroundPort,
      botEndpoint: `${botBase}/api/messages`,
      cwd: join(config.dataDir, 'playground'),
      output: stderr,
      ...(config.bot ? { auth: { clientId: config.bot.id, clientSecret: config.bot.password, tenantId: config.bot.tenantId } } : {}),
    });
    children.push(playground);
    await waitForHttp(`http://127.0.0.1:${playgroundPort}/_debug/ping`, { timeoutMs: 60_000, child: playground });

    const data = config.postureSnapshot ? `the posture export ${config.postureSnapshot}` : 'the embedded demo tenant (no Azure connection needed)';
    stdout.write(
      `\nposture-bot is running on ${data}.\n` +
        `  Open the Agents Playground:  http://localhost:${playgroundPort}\n` +
        `  Bot endpoint:                ${botBase}/api/messages\n` +
        'Press Ctrl+C to stop.\n\n',
    );

    let stopRequested = false;
    void stopSignal.then(() => (stopRequested = true));
    const firstExit = Promise.race(children.map((c) => c.exited.then((info) => ({ child: c, info }))));
    const outcome = await Promise.race([stopSignal.then(() => undefined), firstExit]);
    // Ctrl+C reaches the children too, and one may exit a moment before our own handler runs.
    if (outcome) await new Promise((r) => setTimeout(r, 300));
    if (outcome && !stopRequested) {
      stderr.write(`${outcome.child.name} stopped unexpectedly (${describeExit(outcome.info)}); stopping the rest.\n`);
      await stopAll();
      return 1;
    }
    stderr.write('Stopping...\n');
    const exits = await stopAll();
    const failed = exits.filter((info) => info.code !== null && info.code !== 0);
    return failed.length > 0 ? 1 : 0;
  } catch (error) {
    const message = error instanceof ConfigError ? error.userMessage : error instanceof Error ? error.message : String(error);
    stderr.write(`npm start failed: ${message}\n`);
    await stopAll();
    return 1;
  }
}

if (require.main === module) {
  void runStart().then((code) => process.exit(code));
}
