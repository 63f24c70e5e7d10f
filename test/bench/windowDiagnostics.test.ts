import { parseMeminfo, parsePressure, parseProcStat, parseTaskTicks, parseVmstat, type HostSnapshot } from '../../bench/procStats';
import { DIAGNOSTICS_HEAD, diagnosticsRows, windowFlags } from '../../bench/roundDiagnosticsMarkdown';
import { referenceWork } from '../../bench/referenceWork';
import { driftPer10s, hostWindow, subWindowCpuPerTurn, type SubWindow, type WindowDiagnostics } from '../../bench/windowDiagnostics';

describe('/proc parsers', () => {
  it('reads the aggregate cpu line of /proc/stat, steal and iowait included', () => {
    const text = 'cpu  100 2 30 400 5 6 7 8 0 0\ncpu0 50 1 15 200 2 3 3 4 0 0\nintr 1\n';
    expect(parseProcStat(text)).toEqual({ user: 100, nice: 2, system: 30, idle: 400, iowait: 5, irq: 6, softirq: 7, steal: 8 });
    expect(parseProcStat('intr 1\n')).toBeUndefined();
  });

  it('reads PSI totals, with and without a full line', () => {
    expect(parsePressure('some avg10=1.00 avg60=0.50 avg300=0.10 total=1234\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=56\n')).toEqual({ someUs: 1234, fullUs: 56 });
    expect(parsePressure('some avg10=1.00 avg60=0.50 avg300=0.10 total=99\n')).toEqual({ someUs: 99 });
    expect(parsePressure('nonsense')).toBeUndefined();
  });

  it('reads Dirty and Writeback from /proc/meminfo', () => {
    expect(parseMeminfo('MemTotal: 100 kB\nDirty:             17920 kB\nWriteback:             12 kB\n')).toEqual({ dirtyKb: 17920, writebackKb: 12 });
    expect(parseMeminfo('MemTotal: 100 kB\n')).toBeUndefined();
  });

  it('reads file refaults and major faults from /proc/vmstat', () => {
    expect(parseVmstat('pgfault 10\npgmajfault 7\nworkingset_refault_anon 0\nworkingset_refault_file 1234\n')).toEqual({ refaultFilePages: 1234, majorFaults: 7 });
    expect(parseVmstat('pgfault 10\n')).toBeUndefined();
  });

  it('reads utime + stime of a task, even when its name holds spaces and parentheses', () => {
    const fields = (name: string) => `4242 (${name}) S 1 4242 4242 0 -1 4194304 97 0 0 0 11 22 0 0 20 0 1 0 1199635 3133440 358`;
    expect(parseTaskTicks(fields('node'))).toBe(33);
    expect(parseTaskTicks(fields('V8 (Default) Worker'))).toBe(33);
    expect(parseTaskTicks('garbage')).toBeUndefined();
  });
});

const snapshot = (atMs: number, ticks: Partial<NonNullable<HostSnapshot['cpu']>>, extra: Partial<HostSnapshot> = {}): HostSnapshot => ({
  atMs,
  cpu: { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, ...ticks },
  ...extra,
});

describe('host window', () => {
  it('turns tick deltas into cores and takes the server and the bench out of the busy cores', () => {
    // 10 s; 1400 busy ticks = 1.4 cores (the 100 stolen are not this guest's work); the server used 800 ticks, the bench 300: others 0.3 cores.
    const a = snapshot(0, { user: 1000, steal: 10, iowait: 5 }, { cpuPressure: { someUs: 0 }, ioPressure: { someUs: 0, fullUs: 0 }, dirty: { dirtyKb: 1024, writebackKb: 0 }, vm: { refaultFilePages: 100, majorFaults: 3 } });
    const b = snapshot(10_000, { user: 2400, steal: 110, iowait: 25 }, { cpuPressure: { someUs: 2_500_000 }, ioPressure: { someUs: 100_000, fullUs: 50_000 }, dirty: { dirtyKb: 3072, writebackKb: 0 }, vm: { refaultFilePages: 612, majorFaults: 5 } });
    expect(hostWindow(a, b, { ownTicks: 800, parentTicks: 300 })).toEqual({
      busyCores: 1.4, stealCores: 0.1, iowaitCores: 0.02, benchCores: 0.3, otherCores: 0.3, cpuSomePct: 25, ioSomePct: 1, ioFullPct: 0.5, dirtyMbStart: 1, dirtyMbEnd: 3, refaultMb: 2, hostMajorFaults: 2,
    });
  });

  it('gives no other-work figure without the parent, and nothing without /proc/stat', () => {
    const w = hostWindow(snapshot(0, {}), snapshot(1000, { user: 100 }), { ownTicks: 50 });
    expect(w).toEqual({ busyCores: 1, stealCores: 0, iowaitCores: 0 });
    expect(hostWindow({ atMs: 0 }, { atMs: 1000 })).toBeUndefined();
  });
});

const sub = (cpuMs: number, turns: number, ms = 2000): SubWindow => ({ ms, cpuMs, turns, gcMs: 0 });

describe('sub-windows', () => {
  it('gives CPU per turn of each sub-window that had turns', () => {
    expect(subWindowCpuPerTurn([sub(100, 50), sub(0, 0), sub(90, 30)])).toEqual([2, 3]);
  });

  it('measures drift as the slope over 10 s relative to the mean: flat is 0, a rise is positive', () => {
    expect(driftPer10s([sub(100, 50), sub(100, 50), sub(100, 50), sub(100, 50)])).toBe(0);
    // 1, 2, 3 ms/turn at 1, 3, 5 s: slope 0.5 ms/s = 5 ms per 10 s over a mean of 2 ms.
    expect(driftPer10s([sub(10, 10), sub(20, 10), sub(30, 10)])).toBe(2.5);
    expect(driftPer10s([sub(30, 10), sub(20, 10), sub(10, 10)])).toBe(-2.5);
    expect(driftPer10s([sub(10, 10), sub(20, 10)])).toBeUndefined();
  });
});

describe('reference workload', () => {
  it('times both loops in CPU ms and says how long the wall took against the CPU', () => {
    const r = referenceWork();
    expect(r.aluMs).toBeGreaterThan(0);
    expect(r.cacheMs).toBeGreaterThan(0);
    expect(r.memMs).toBeGreaterThan(0);
    expect(r.wallToCpu).toBeGreaterThan(0.5);
  });
});

describe('per-round diagnostics table', () => {
  const window: WindowDiagnostics = {
    wallMs: 10_000,
    gc: { count: 40, ms: 200, majorCount: 1, majorMs: 20 },
    threads: { mainMs: 3000, othersMs: 1000 },
    rusage: { voluntaryCtx: 1000, involuntaryCtx: 500, minorFaults: 2000, majorFaults: 0, fsWrite: 4000, fsRead: 0 },
    elu: 0.9,
    heapUsedMbStart: 50,
    heapUsedMbEnd: 60,
    host: { busyCores: 1.9, otherCores: 0.1, benchCores: 0.7, stealCores: 0, iowaitCores: 0.01, cpuSomePct: 40, ioSomePct: 2, dirtyMbStart: 5, dirtyMbEnd: 9 },
    subWindows: [sub(800, 200), sub(800, 200), sub(1200, 200), sub(1200, 200), sub(1000, 200)],
  };
  const ref = { aluMs: 36, cacheMs: 20, memMs: 30, wallToCpu: 1 };

  it('writes one row per target and round, per-turn figures divided by the completed requests', () => {
    const rows = diagnosticsRows([
      { round: 1, benchHeapMb: 20, targets: { cardFloor: { cpuMsPerTurn: 1.3, serverCpuCores: 1.2, requests: 1000, window, referenceBefore: ref, referenceAfter: { ...ref, memMs: 45 } } } },
      { round: 2, repeated: true, benchHeapMb: 22, targets: { analyze: { cpuMsPerTurn: 4, serverCpuCores: 0.2, requests: 1000, referenceBefore: ref, referenceAfter: ref } } },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(2 + DIAGNOSTICS_HEAD.length);
    expect(rows[0]).toEqual([
      '1', 'cardFloor', '1.3', '1.2', '4 4 6 6 5', '+40%', '3 / 1', '0.2 (0.04; 1 major)', '1 / 0.5', '2', '4', '0.1 / 0.7 / 0 / 0.01', '40 / 2', '5→9 / –', '36→36 / 20→20 / 30→45', 'rising',
    ]);
    expect(rows[1]?.[0]).toBe('2 (set aside)');
    expect(rows[1]?.[3]).toBe('0.2');
    expect(rows[1]?.[15]).toBe('starved');
    expect(rows[1]?.[14]).toBe('36→36 / 20→20 / 30→30');
  });
});

describe('window flags', () => {
  const ref = { aluMs: 36, cacheMs: 20, memMs: 30, wallToCpu: 1 };
  const window = (other: number, steal: number, subs: SubWindow[]): WindowDiagnostics => ({
    wallMs: 10_000, gc: { count: 0, ms: 0, majorCount: 0, majorMs: 0 },
    rusage: { voluntaryCtx: 0, involuntaryCtx: 0, minorFaults: 0, majorFaults: 0, fsWrite: 0, fsRead: 0 },
    elu: 1, heapUsedMbStart: 1, heapUsedMbEnd: 1, host: { busyCores: 2, otherCores: other, stealCores: steal, iowaitCores: 0 }, subWindows: subs,
  });
  const flat = [sub(100, 50), sub(100, 50), sub(100, 50)];

  it('says nothing about a window with its cores, no other work, no drift and steady references', () => {
    expect(windowFlags({ cpuMsPerTurn: 2, serverCpuCores: 1.2, requests: 500, window: window(0.05, 0, flat), referenceBefore: ref, referenceAfter: { ...ref, aluMs: 38 } })).toEqual([]);
  });

  it('names every reason a window may be off', () => {
    const falling = [sub(300, 50), sub(200, 50), sub(100, 50)];
    expect(windowFlags({ cpuMsPerTurn: 2, serverCpuCores: 0.3, requests: 500, window: window(1.5, 0.2, falling), referenceBefore: ref, referenceAfter: { ...ref, aluMs: 45 } }))
      .toEqual(['starved', 'other work', 'falling', 'steal', 'reference slower after']);
  });

  it('names a cache or memory loop that moved past the round limit, not one within it', () => {
    const at = (cacheMs: number, memMs: number) => windowFlags({ cpuMsPerTurn: 2, serverCpuCores: 1.2, requests: 500, window: window(0.05, 0, flat), referenceBefore: ref, referenceAfter: { ...ref, cacheMs, memMs } });
    expect(at(29, 30)).toEqual([]);
    expect(at(80, 30)).toEqual(['2 MB reference slower after']);
    expect(at(20, 12)).toEqual(['32 MB reference faster after']);
  });
});
