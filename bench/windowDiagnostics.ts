// What a measured window looked like besides its CPU per turn, so a round that is off says why: the machine
// (steal, iowait, pressure stalls, dirty pages, other processes' CPU), the server (GC, its threads, context
// switches, page faults, file writes) and the CPU per turn in short sub-windows, so drift inside a window shows.
// The probe in the server collects it (bench/servers/windowProbe.ts) between the bench's reset and report.
import { busyTicks, TICKS_PER_SEC, type HostSnapshot } from './procStats';
import { round } from './stats';

/** One sub-window of the measured window (2 s by default; the last one is whatever was left). */
export interface SubWindow {
  ms: number;
  cpuMs: number;
  /** HTTP responses the server finished in it. */
  turns: number;
  /** Main-thread GC pause time in it. */
  gcMs: number;
  /**
   * When it began, ms since the run's first window: set when the sub-windows are whole windows of the paired
   * schedule (bench/windowMerge.ts), which are not back to back; unset, they follow one another from the start.
   */
  atMs?: number;
}

/** The host over the window, in cores' worth (1 = one core for the whole window) or percent of the wall time. */
export interface HostWindow {
  /** Cores this guest kept busy (steal not included). */
  busyCores: number;
  /** Busy cores left after this server and its parent (the bench, with autocannon) are taken out. */
  otherCores?: number;
  /** The bench process (autocannon driving the load) alone. */
  benchCores?: number;
  stealCores: number;
  iowaitCores: number;
  /** Share of the wall time at least one runnable task waited for a CPU (PSI cpu some). */
  cpuSomePct?: number;
  /** Share of the wall time at least one task waited on I/O (PSI io some), and all did (io full). */
  ioSomePct?: number;
  ioFullPct?: number;
  memorySomePct?: number;
  /** Dirty page cache when the window started and ended, and the most under writeback at either end. */
  dirtyMbStart?: number;
  dirtyMbEnd?: number;
  /**
   * File pages the machine read back after the kernel had dropped them (MB), and major faults, machine-wide: page
   * cache reclaimed under a process that still uses it (on the bench VM a DAMON pageout scheme drops cold page cache).
   */
  refaultMb?: number;
  hostMajorFaults?: number;
}

export interface WindowDiagnostics {
  wallMs: number;
  /** Main-thread GC pauses (perf_hooks 'gc' entries): all, and the mark-compact ones among them. */
  gc: { count: number; ms: number; majorCount: number; majorMs: number };
  /** CPU of the main thread and of every other thread (V8's GC and compiler helpers, libuv's pool), from /proc. */
  threads?: { mainMs: number; othersMs: number };
  /** process.resourceUsage() deltas. */
  rusage: { voluntaryCtx: number; involuntaryCtx: number; minorFaults: number; majorFaults: number; fsWrite: number; fsRead: number };
  /** Event loop utilization over the window (0..1). */
  elu: number;
  heapUsedMbStart: number;
  heapUsedMbEnd: number;
  host?: HostWindow;
  subWindows: SubWindow[];
}

const pct = (us: number, wallMs: number) => round((us / 1000 / wallMs) * 100, 1);

/**
 * The host between two snapshots. `ownTicks` and `parentTicks` are the CPU ticks this server and its parent used
 * over the same span; busy cores less both is what other processes used.
 */
export function hostWindow(a: HostSnapshot, b: HostSnapshot, own?: { ownTicks: number; parentTicks?: number }): HostWindow | undefined {
  if (!a.cpu || !b.cpu) return undefined;
  const wallMs = Math.max(1, b.atMs - a.atMs);
  const cores = (ticks: number) => round(ticks / TICKS_PER_SEC / (wallMs / 1000), 2);
  const busy = busyTicks(b.cpu) - busyTicks(a.cpu);
  const host: HostWindow = {
    busyCores: cores(busy),
    stealCores: cores(b.cpu.steal - a.cpu.steal),
    iowaitCores: cores(b.cpu.iowait - a.cpu.iowait),
  };
  if (own && own.parentTicks !== undefined) {
    host.benchCores = cores(own.parentTicks);
    host.otherCores = Math.max(0, cores(busy - own.ownTicks - own.parentTicks));
  }
  if (a.cpuPressure && b.cpuPressure) host.cpuSomePct = pct(b.cpuPressure.someUs - a.cpuPressure.someUs, wallMs);
  if (a.ioPressure && b.ioPressure) {
    host.ioSomePct = pct(b.ioPressure.someUs - a.ioPressure.someUs, wallMs);
    if (a.ioPressure.fullUs !== undefined && b.ioPressure.fullUs !== undefined) host.ioFullPct = pct(b.ioPressure.fullUs - a.ioPressure.fullUs, wallMs);
  }
  if (a.memoryPressure && b.memoryPressure) host.memorySomePct = pct(b.memoryPressure.someUs - a.memoryPressure.someUs, wallMs);
  if (a.dirty && b.dirty) {
    host.dirtyMbStart = round(a.dirty.dirtyKb / 1024, 1);
    host.dirtyMbEnd = round(b.dirty.dirtyKb / 1024, 1);
  }
  if (a.vm && b.vm) {
    host.refaultMb = round(((b.vm.refaultFilePages - a.vm.refaultFilePages) * 4096) / 2 ** 20, 1);
    host.hostMajorFaults = b.vm.majorFaults - a.vm.majorFaults;
  }
  return host;
}

/** CPU ms per turn of each sub-window with at least one turn. */
export const subWindowCpuPerTurn = (subs: readonly SubWindow[], digits = 2): number[] =>
  subs.filter((s) => s.turns > 0).map((s) => round(s.cpuMs / s.turns, digits));

/**
 * Drift inside a window: the least-squares slope of CPU per turn over the sub-windows, as a share of their mean per
 * 10 s (0.2 = CPU per turn rose 20% over 10 s). Undefined with fewer than three sub-windows.
 */
export function driftPer10s(subs: readonly SubWindow[]): number | undefined {
  const points: Array<[number, number]> = [];
  let t = 0;
  for (const s of subs) {
    const start = s.atMs ?? t;
    if (s.turns > 0) points.push([(start + s.ms / 2) / 1000, s.cpuMs / s.turns]);
    t = start + s.ms;
  }
  if (points.length < 3) return undefined;
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  return sxx > 0 && my > 0 ? round(((sxy / sxx) * 10) / my, 2) : undefined;
}
