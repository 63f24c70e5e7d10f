import type { TurnRun } from '../../bench/turnLoad';
import { driftPer10s, type WindowDiagnostics } from '../../bench/windowDiagnostics';
import { medianCpu, mergeRuns, mergeWindows } from '../../bench/windowMerge';

const diag = (wallMs: number, other: number, extra: Partial<WindowDiagnostics> = {}): WindowDiagnostics => ({
  wallMs,
  gc: { count: 2, ms: 3, majorCount: 1, majorMs: 2 },
  threads: { mainMs: 100, othersMs: 20 },
  rusage: { voluntaryCtx: 10, involuntaryCtx: 5, minorFaults: 7, majorFaults: 0, fsWrite: 8, fsRead: 0 },
  elu: 0.5,
  heapUsedMbStart: 40,
  heapUsedMbEnd: 50,
  host: { busyCores: 1.5, otherCores: other, benchCores: 0.2, stealCores: 0, iowaitCores: 0, dirtyMbStart: 1, dirtyMbEnd: 2, refaultMb: 0.5, hostMajorFaults: 1 },
  subWindows: [{ ms: wallMs, cpuMs: 1, turns: 1, gcMs: 0 }],
  ...extra,
});

const run = (cpu: number, requests: number, window: WindowDiagnostics, more: Partial<TurnRun> = {}): TurnRun => ({
  reqPerSec: requests / 2, p50Ms: 4, p99Ms: 20, cpuMsPerTurn: cpu, peakRssMb: 300, requests, errors: 0, non2xx: 0, badBodies: 0,
  durationSec: 2, serverCpuCores: (cpu * requests) / window.wallMs, lifetimeMaxRssMb: 320, window, ...more,
});

describe('merging a target\'s windows of a round', () => {
  it('takes all their CPU over all their turns, not the mean of the windows\' CPU per turn', () => {
    const merged = mergeRuns([
      { run: run(1, 1000, diag(2000, 0)), atMs: 0 },
      { run: run(2, 500, diag(2000, 0), { peakRssMb: 350, errors: 1, p50Ms: 6 }), atMs: 10_000 },
    ]);
    expect(merged).toMatchObject({ cpuMsPerTurn: 1.333, requests: 1500, reqPerSec: 375, peakRssMb: 350, errors: 1, p50Ms: 5, durationSec: 4, serverCpuCores: 0.5 });
  });

  it('sums the counters, averages the host over wall time and lists every window as a sub-window with its start', () => {
    const merged = mergeWindows([
      { run: run(1, 1000, diag(2000, 0.1)), atMs: 0 },
      { run: run(2, 500, diag(6000, 0.5, { heapUsedMbEnd: 70, host: { busyCores: 1.5, otherCores: 0.5, stealCores: 0, iowaitCores: 0, dirtyMbStart: 3, dirtyMbEnd: 9, refaultMb: 1, hostMajorFaults: 2 } })), atMs: 20_000 },
    ]);
    expect(merged).toMatchObject({
      wallMs: 8000,
      gc: { count: 4, ms: 6, majorCount: 2, majorMs: 4 },
      threads: { mainMs: 200, othersMs: 40 },
      rusage: { voluntaryCtx: 20, involuntaryCtx: 10, fsWrite: 16 },
      heapUsedMbStart: 40,
      heapUsedMbEnd: 70,
      host: { otherCores: 0.4, benchCores: 0.2, dirtyMbStart: 1, dirtyMbEnd: 9, refaultMb: 1.5, hostMajorFaults: 3 },
      subWindows: [
        { ms: 2000, cpuMs: 1000, turns: 1000, gcMs: 3, atMs: 0 },
        { ms: 6000, cpuMs: 1000, turns: 500, gcMs: 3, atMs: 20_000 },
      ],
    });
  });

  it('gives no diagnostics when a window has none, and the median CPU of sequential windows', () => {
    expect(mergeWindows([{ run: run(1, 10, diag(1000, 0)), atMs: 0 }, { run: { ...run(1, 10, diag(1000, 0)), window: undefined }, atMs: 5 }])).toBeUndefined();
    expect(medianCpu([run(3, 1, diag(1, 0)), run(1, 1, diag(1, 0)), run(2, 1, diag(1, 0))])).toBe(2);
  });
});

describe('drift over windows that are not back to back', () => {
  it('places each sub-window at its start time when it has one', () => {
    const at = (atMs: number, cpu: number) => ({ ms: 1000, cpuMs: cpu, turns: 1, gcMs: 0, atMs });
    // CPU per turn 1 → 2 over 20 s of clock (not 3 s of measured time): +0.5 per 10 s, a third of the mean 1.5.
    expect(driftPer10s([at(0, 1), at(10_000, 1.5), at(20_000, 2)])).toBeCloseTo(0.33, 2);
    expect(driftPer10s([{ ms: 1000, cpuMs: 1, turns: 1, gcMs: 0 }, { ms: 1000, cpuMs: 1.5, turns: 1, gcMs: 0 }, { ms: 1000, cpuMs: 2, turns: 1, gcMs: 0 }])).toBeCloseTo(3.33, 2);
  });
});
