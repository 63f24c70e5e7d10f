// Several measured windows of one server, summed into one: the paired schedule measures each target in several
// short windows a round, and the round's figures and diagnostics are those of all of them together.
import type { TurnRun } from './turnLoad';
import { percentile, round } from './stats';
import type { HostWindow, SubWindow, WindowDiagnostics } from './windowDiagnostics';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Wall-time-weighted mean of a host figure over the windows that have it. */
function weighted(windows: readonly WindowDiagnostics[], pick: (h: HostWindow) => number | undefined): number | undefined {
  let total = 0;
  let wall = 0;
  for (const w of windows) {
    const x = w.host ? pick(w.host) : undefined;
    if (x === undefined) continue;
    total += x * w.wallMs;
    wall += w.wallMs;
  }
  return wall > 0 ? round(total / wall, 2) : undefined;
}

function mergeHost(windows: readonly WindowDiagnostics[]): HostWindow | undefined {
  const hosts = windows.flatMap((w) => (w.host ? [w.host] : []));
  const first = hosts[0];
  const last = hosts[hosts.length - 1];
  if (!first || !last) return undefined;
  const host: HostWindow = {
    busyCores: weighted(windows, (h) => h.busyCores) ?? 0,
    stealCores: weighted(windows, (h) => h.stealCores) ?? 0,
    iowaitCores: weighted(windows, (h) => h.iowaitCores) ?? 0,
  };
  const optional = { otherCores: (h: HostWindow) => h.otherCores, benchCores: (h: HostWindow) => h.benchCores, cpuSomePct: (h: HostWindow) => h.cpuSomePct, ioSomePct: (h: HostWindow) => h.ioSomePct, ioFullPct: (h: HostWindow) => h.ioFullPct, memorySomePct: (h: HostWindow) => h.memorySomePct };
  for (const [key, pick] of Object.entries(optional)) {
    const x = weighted(windows, pick);
    if (x !== undefined) host[key as keyof typeof optional] = x;
  }
  if (first.dirtyMbStart !== undefined) host.dirtyMbStart = first.dirtyMbStart;
  if (last.dirtyMbEnd !== undefined) host.dirtyMbEnd = last.dirtyMbEnd;
  if (hosts.every((h) => h.refaultMb !== undefined)) host.refaultMb = round(sum(hosts.map((h) => h.refaultMb ?? 0)), 1);
  if (hosts.every((h) => h.hostMajorFaults !== undefined)) host.hostMajorFaults = sum(hosts.map((h) => h.hostMajorFaults ?? 0));
  return host;
}

/** One measured window as it shows in a merged window's sub-windows: its whole CPU, turns and GC, and when it began. */
export interface WindowPart {
  run: TurnRun;
  /** Start of its measured part, ms since the run's first window. */
  atMs: number;
}

/**
 * The windows' diagnostics summed (counts, CPU, GC, faults), host figures averaged over wall time (dirty pages:
 * first start, last end); the merged sub-windows are the windows themselves, each with its start time, so the
 * "per sub-window" column lists every window's CPU per turn and the drift runs over the round.
 */
export function mergeWindows(parts: readonly WindowPart[]): WindowDiagnostics | undefined {
  const windows = parts.flatMap((p) => (p.run.window ? [p.run.window] : []));
  const first = windows[0];
  const last = windows[windows.length - 1];
  if (!first || !last || windows.length !== parts.length) return undefined;
  const wallMs = sum(windows.map((w) => w.wallMs));
  const subWindows: SubWindow[] = parts.map((p) => ({ ms: p.run.window?.wallMs ?? 0, cpuMs: round(p.run.cpuMsPerTurn * p.run.requests, 2), turns: p.run.requests, gcMs: p.run.window?.gc.ms ?? 0, atMs: Math.round(p.atMs) }));
  const threads = windows.every((w) => w.threads) ? { mainMs: sum(windows.map((w) => w.threads?.mainMs ?? 0)), othersMs: sum(windows.map((w) => w.threads?.othersMs ?? 0)) } : undefined;
  const rusageSum = (pick: (r: WindowDiagnostics['rusage']) => number) => sum(windows.map((w) => pick(w.rusage)));
  const host = mergeHost(windows);
  return {
    wallMs: round(wallMs, 2),
    gc: { count: sum(windows.map((w) => w.gc.count)), ms: round(sum(windows.map((w) => w.gc.ms)), 2), majorCount: sum(windows.map((w) => w.gc.majorCount)), majorMs: round(sum(windows.map((w) => w.gc.majorMs)), 2) },
    ...(threads ? { threads } : {}),
    rusage: {
      voluntaryCtx: rusageSum((r) => r.voluntaryCtx),
      involuntaryCtx: rusageSum((r) => r.involuntaryCtx),
      minorFaults: rusageSum((r) => r.minorFaults),
      majorFaults: rusageSum((r) => r.majorFaults),
      fsWrite: rusageSum((r) => r.fsWrite),
      fsRead: rusageSum((r) => r.fsRead),
    },
    elu: round(sum(windows.map((w) => w.elu * w.wallMs)) / Math.max(1, wallMs), 2),
    heapUsedMbStart: first.heapUsedMbStart,
    heapUsedMbEnd: last.heapUsedMbEnd,
    ...(host ? { host } : {}),
    subWindows,
  };
}

/**
 * The windows' load figures as one run: CPU per turn is all their CPU over all their turns, the rate all turns over
 * all measured seconds, latencies the windows' means (each window's percentiles are of its own responses), memory
 * the highest, SQLite per turn weighted by turns.
 */
export function mergeRuns(parts: readonly WindowPart[]): TurnRun {
  const runs = parts.map((p) => p.run);
  if (runs.length === 0) throw new Error('no windows to merge');
  const requests = sum(runs.map((r) => r.requests));
  const cpuMs = sum(runs.map((r) => r.cpuMsPerTurn * r.requests));
  const durationSec = sum(runs.map((r) => r.durationSec));
  const wallMs = sum(runs.map((r) => (r.serverCpuCores > 0 ? (r.cpuMsPerTurn * r.requests) / r.serverCpuCores : r.durationSec * 1000)));
  const mean = (pick: (r: TurnRun) => number, digits: number) => round(sum(runs.map(pick)) / runs.length, digits);
  const sqliteRuns = runs.filter((r) => r.sqlitePerTurn);
  const perTurn = (pick: (q: NonNullable<TurnRun['sqlitePerTurn']>) => number) => round(sum(sqliteRuns.map((r) => (r.sqlitePerTurn ? pick(r.sqlitePerTurn) * r.requests : 0))) / Math.max(1, sum(sqliteRuns.map((r) => r.requests))), 2);
  const window = mergeWindows(parts);
  return {
    reqPerSec: round(requests / Math.max(0.001, durationSec), 1),
    p50Ms: mean((r) => r.p50Ms, 2),
    p99Ms: mean((r) => r.p99Ms, 2),
    cpuMsPerTurn: round(requests > 0 ? cpuMs / requests : Number.NaN, 3),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    requests,
    errors: sum(runs.map((r) => r.errors)),
    non2xx: sum(runs.map((r) => r.non2xx)),
    badBodies: sum(runs.map((r) => r.badBodies)),
    durationSec: round(durationSec, 2),
    serverCpuCores: round(cpuMs / Math.max(1, wallMs), 2),
    lifetimeMaxRssMb: Math.max(...runs.map((r) => r.lifetimeMaxRssMb)),
    ...(sqliteRuns.length > 0 ? { sqlitePerTurn: { statements: perTurn((q) => q.statements), writes: perTurn((q) => q.writes), commits: perTurn((q) => q.commits) } } : {}),
    ...(window ? { window } : {}),
  };
}

/** Median CPU per turn of some windows (the sequential figure: each window short, one may catch a stray collection). */
export const medianCpu = (runs: readonly TurnRun[]): number => round(percentile(runs.map((r) => r.cpuMsPerTurn), 50), 3);
