// Starts one server under test in its own process with the CPU/RSS probe preloaded, and talks to the probe.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { findFreePort } from '../src/cli/start';
import { dirname, join } from 'node:path';
import { isProbeReport, type ProbeReport, type ProbeRequest } from './probeProtocol';

export interface ServerSpec {
  name: string;
  /** Compiled JS entry (absolute). */
  script: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Path polled (GET, 200 = up). */
  healthPath: string;
  /** The server's stdout/stderr go here, so logging costs the parent nothing and failures stay readable. */
  logFile: string;
  startTimeoutMs?: number;
}

export interface RunningServer {
  name: string;
  baseUrl: string;
  pid: number;
  /** Spawn until the health path first answered 200. */
  startupMs: number;
  /** Waits for another path (e.g. /readyz) to answer 200 as the health path was waited for; ms since spawn. */
  msUntilOk(path: string, timeoutMs?: number): Promise<number>;
  resetProbe(): Promise<void>;
  readProbe(): Promise<ProbeReport>;
  /** V8 CPU profiling of the server over a window of our choosing (startup excluded). */
  startProfile(): Promise<void>;
  stopProfile(path: string): Promise<void>;
  stop(): Promise<void>;
}

export function probePath(): string {
  return join(__dirname, 'servers', 'cpuProbe.js');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(url: string, child: ChildProcess, deadline: number, logFile: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it was healthy; see ${logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy at ${url} in time; see ${logFile}`);
    await sleep(10);
  }
}

function ask<T>(child: ChildProcess, request: ProbeRequest, accept: (m: unknown) => T | undefined, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`probe did not answer ${request.bench}: was the server started with the probe preloaded?`)), timeoutMs);
    const onMessage = (message: unknown) => {
      try {
        const value = accept(message);
        if (value !== undefined) done(undefined, value);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onExit = () => done(new Error(`server exited while waiting for ${request.bench}`));
    function done(error?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(request);
  });
}

function profileAnswer(message: unknown): true | undefined {
  const m = message as { bench?: string; error?: string } | null;
  if (m?.bench === 'profile-failed') throw new Error(`profiler: ${m.error ?? 'failed'}`);
  return m?.bench === 'profile-ok' ? true : undefined;
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await findFreePort();
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const logFd = openSync(spec.logFile, 'w');
  const started = performance.now();
  const child = fork(spec.script, spec.args ?? [], {
    execArgv: [...(spec.nodeFlags ?? []), '--require', probePath()],
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ['ignore', logFd, logFd, 'ipc'],
  });
  closeSync(logFd);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl + spec.healthPath, child, Date.now() + (spec.startTimeoutMs ?? 60_000), spec.logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const startupMs = performance.now() - started;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.send({ bench: 'exit' } satisfies ProbeRequest);
    const graceful = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!graceful) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  return {
    name: spec.name,
    baseUrl,
    pid: child.pid ?? -1,
    startupMs,
    msUntilOk: async (path, timeoutMs = 60_000) => {
      await waitHealthy(baseUrl + path, child, Date.now() + timeoutMs, spec.logFile);
      return performance.now() - started;
    },
    resetProbe: () => ask(child, { bench: 'reset' }, (m) => ((m as { bench?: string } | null)?.bench === 'reset-ok' ? true : undefined)).then(() => undefined),
    readProbe: () => ask(child, { bench: 'report' }, (m) => (isProbeReport(m) ? m : undefined)),
    startProfile: () => ask(child, { bench: 'profile-start' }, profileAnswer).then(() => undefined),
    stopProfile: (path) => ask(child, { bench: 'profile-stop', path }, profileAnswer, 60_000).then(() => undefined),
    stop,
  };
}
