// The probe's window diagnostics (see bench/windowDiagnostics.ts): started at the bench's reset, read at its report.
// Counts GC pauses (perf_hooks), finished HTTP responses (the http.server.response.finish diagnostics channel, so
// no product code is touched), and samples CPU every sub-window; reads the host's /proc counters at both ends.
import { subscribe } from 'node:diagnostics_channel';
import { constants, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import { hostSnapshot, ownThreadTicks, processTicks, TICKS_PER_SEC, type HostSnapshot } from '../procStats';
import { hostWindow, type SubWindow, type WindowDiagnostics } from '../windowDiagnostics';

export const SUB_WINDOW_MS = 2000;

export interface WindowProbe {
  start(): void;
  /** Undefined before the first start. */
  finish(): WindowDiagnostics | undefined;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
const r2 = (x: number) => Math.round(x * 100) / 100;

export function createWindowProbe(subWindowMs = SUB_WINDOW_MS): WindowProbe {
  const gc = { count: 0, ms: 0, majorCount: 0, majorMs: 0 };
  let turns = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.ms += entry.duration;
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majorCount++;
        gc.majorMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  subscribe('http.server.response.finish', () => {
    turns++;
  });

  interface Mark {
    at: number;
    cpu: NodeJS.CpuUsage;
    turns: number;
    gcMs: number;
  }
  const mark = (): Mark => ({ at: performance.now(), cpu: process.cpuUsage(), turns, gcMs: gc.ms });
  let begin: { mark: Mark; gc: typeof gc; host: HostSnapshot; parentTicks?: number; threads?: { main: number; others: number }; rusage: NodeJS.ResourceUsage; elu: EventLoopUtilization; heapMb: number } | undefined;
  let last: Mark | undefined;
  let subs: SubWindow[] = [];
  let timer: NodeJS.Timeout | undefined;

  const closeSub = (): void => {
    if (!last) return;
    const now = mark();
    subs.push({ ms: r2(now.at - last.at), cpuMs: r2(cpuMs(process.cpuUsage(last.cpu))), turns: now.turns - last.turns, gcMs: r2(now.gcMs - last.gcMs) });
    last = now;
  };

  return {
    start() {
      if (timer) clearInterval(timer);
      const parentTicks = processTicks(process.ppid);
      const threads = ownThreadTicks();
      begin = {
        mark: mark(),
        gc: { ...gc },
        host: hostSnapshot(),
        ...(parentTicks !== undefined ? { parentTicks } : {}),
        ...(threads ? { threads } : {}),
        rusage: process.resourceUsage(),
        elu: performance.eventLoopUtilization(),
        heapMb: heapMb(),
      };
      last = begin.mark;
      subs = [];
      timer = setInterval(closeSub, subWindowMs);
      timer.unref();
    },
    finish() {
      if (!begin) return undefined;
      if (timer) clearInterval(timer);
      timer = undefined;
      // The tail: kept when it holds a turn and lasts half a sub-window. A shorter tail holds the last few turns the
      // load left in flight, whose CPU per turn says nothing about the window (one read 13.7 ms against 3 ms).
      const tail = mark();
      if (last && tail.turns > last.turns && tail.at - last.at >= subWindowMs / 2) closeSub();
      const end = mark();
      const host = hostSnapshot();
      const parentTicks = processTicks(process.ppid);
      const threads = ownThreadTicks();
      const ru = process.resourceUsage();
      const b = begin;
      const wallMs = end.at - b.mark.at;
      const ownMs = cpuMs(process.cpuUsage(b.mark.cpu));
      const parent = parentTicks !== undefined && b.parentTicks !== undefined ? parentTicks - b.parentTicks : undefined;
      const hostFigures = hostWindow(b.host, host, { ownTicks: (ownMs / 1000) * TICKS_PER_SEC, ...(parent !== undefined ? { parentTicks: parent } : {}) });
      const tickMs = 1000 / TICKS_PER_SEC;
      return {
        wallMs: r2(wallMs),
        gc: { count: gc.count - b.gc.count, ms: r2(gc.ms - b.gc.ms), majorCount: gc.majorCount - b.gc.majorCount, majorMs: r2(gc.majorMs - b.gc.majorMs) },
        ...(threads && b.threads ? { threads: { mainMs: (threads.main - b.threads.main) * tickMs, othersMs: (threads.others - b.threads.others) * tickMs } } : {}),
        rusage: {
          voluntaryCtx: ru.voluntaryContextSwitches - b.rusage.voluntaryContextSwitches,
          involuntaryCtx: ru.involuntaryContextSwitches - b.rusage.involuntaryContextSwitches,
          minorFaults: ru.minorPageFault - b.rusage.minorPageFault,
          majorFaults: ru.majorPageFault - b.rusage.majorPageFault,
          fsWrite: ru.fsWrite - b.rusage.fsWrite,
          fsRead: ru.fsRead - b.rusage.fsRead,
        },
        elu: r2(performance.eventLoopUtilization(b.elu).utilization),
        heapUsedMbStart: r2(b.heapMb),
        heapUsedMbEnd: r2(heapMb()),
        ...(hostFigures ? { host: hostFigures } : {}),
        subWindows: subs,
      };
    },
  };
}
