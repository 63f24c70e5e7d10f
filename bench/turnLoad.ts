// Drives one server with autocannon (fixed duration and connections) and reads the server's own CPU and RSS
// over the measured window only (the probe is reset after warm-up).
import autocannon from 'autocannon';
import { connectionBodies, ID_PLACEHOLDER, summarizeReply, type ReplySummary } from './activities';
import type { RunningServer } from './serverProcess';
import { percentile, round } from './stats';
import type { WindowDiagnostics } from './windowDiagnostics';

export interface TurnMetrics {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerTurn: number;
  peakRssMb: number;
}

export interface TurnRun extends TurnMetrics {
  requests: number;
  errors: number;
  non2xx: number;
  /** Responses without an activities array. */
  badBodies: number;
  durationSec: number;
  /** Server CPU / wall time during the window (1 = one core busy). */
  serverCpuCores: number;
  lifetimeMaxRssMb: number;
  /** SQLite statements, writes and commits per completed turn (the server's own, counted by the probe). */
  sqlitePerTurn?: { statements: number; writes: number; commits: number };
  /** The server's GC, threads, faults and writes, the host's counters, and CPU per sub-window (bench/windowDiagnostics.ts). */
  window?: WindowDiagnostics;
}

export interface LoadOptions {
  prompts: readonly string[];
  /** Sent once in each connection's conversation before the warm-up, in order; not measured. */
  setup?: readonly string[];
  connections: number;
  warmupSec: number;
  durationSec: number;
  runTag: string;
}

let sent = 0;
/** A body whose activity id no earlier request of this process used. */
const fresh = (body: string): string => body.split(ID_PLACEHOLDER).join(`${process.pid}-${++sent}`);

function cannon(url: string, connections: number, durationSec: number, bodies: (i: number) => string[], latencies?: number[]) {
  let next = 0;
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: `${url}/api/messages`,
        connections,
        duration: durationSec,
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupClient: (client) => {
          // setupRequest rather than autocannon's idReplacement, whose Content-Length guess can leave a body short.
          client.setRequests(bodies(next++).map((body) => ({ method: 'POST', path: '/api/messages', body, setupRequest: (req) => ({ ...req, body: fresh(body) }) })));
          if (latencies) client.on('response', (status, _bytes, ms) => (status >= 200 && status < 300 ? latencies.push(ms) : undefined));
        },
        verifyBody: (body) => body.includes('"activities"'),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function measureTurns(server: RunningServer, options: LoadOptions): Promise<TurnRun> {
  const bodies = (i: number) => connectionBodies(options.prompts, i, options.runTag);
  for (let i = 0; i < options.connections && (options.setup?.length ?? 0) > 0; i++) {
    for (const body of connectionBodies(options.setup ?? [], i, options.runTag, { rotate: false })) {
      const answer = await sendOne(server, body);
      if (answer.status !== 200) throw new Error(`setup prompt on connection ${i}: HTTP ${answer.status} ${answer.error ?? ''}`);
    }
  }
  if (options.warmupSec > 0) await cannon(server.baseUrl, options.connections, options.warmupSec, bodies);
  const latencies: number[] = [];
  await server.resetProbe();
  const result = await cannon(server.baseUrl, options.connections, options.durationSec, bodies, latencies);
  const probe = await server.readProbe();
  const completed = result.requests.total ?? latencies.length;
  const cpuMs = probe.cpuUserMs + probe.cpuSystemMs;
  return {
    reqPerSec: round(completed / result.duration, 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    cpuMsPerTurn: round(completed > 0 ? cpuMs / completed : Number.NaN, 3),
    peakRssMb: round(probe.peakRssMb, 1),
    requests: completed,
    errors: result.errors,
    non2xx: result.non2xx,
    badBodies: result.mismatches,
    durationSec: result.duration,
    serverCpuCores: round(cpuMs / probe.wallMs, 2),
    lifetimeMaxRssMb: round(probe.lifetimeMaxRssMb, 1),
    ...(probe.sqlite && probe.sqlite.statements > 0 && completed > 0
      ? { sqlitePerTurn: { statements: round(probe.sqlite.statements / completed, 2), writes: round(probe.sqlite.writes / completed, 2), commits: round(probe.sqlite.commits / completed, 2) } }
      : {}),
    ...(probe.window ? { window: probe.window } : {}),
  };
}

/** Sends one request and returns its status and reply summary (used to check answers before measuring). */
export async function sendOne(server: RunningServer, body: string): Promise<{ status: number; ms: number; reply?: ReplySummary; error?: string }> {
  const unique = fresh(body);
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: unique, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  const ms = performance.now() - started;
  try {
    return { status: res.status, ms, reply: summarizeReply(text) };
  } catch (error) {
    return { status: res.status, ms, error: `${(error as Error).message}: ${text.slice(0, 200)}` };
  }
}
