// A well-formed results document for the shape, targets and markdown tests.
import type { BenchResults, TurnDetail } from '../../bench/benchResults';

const metrics = (cpu: number) => ({ reqPerSec: 1000, p50Ms: 2, p99Ms: 10, cpuMsPerTurn: cpu, peakRssMb: 150 });
const detail = (cpu: number): TurnDetail => ({
  ...metrics(cpu), requests: 10000, errors: 0, non2xx: 0, badBodies: 0, durationSec: 10, serverCpuCores: 0.9,
  lifetimeMaxRssMb: 160, what: 'x', storage: 'none', preflight: '24/24', textReplies: [], startupMs: 500,
});
const scaleEntry = (loadMs: number, p95: number) => ({ loadMs, rssMb: 900, engine: { p50Ms: 1, p95Ms: p95 }, turn: { p50Ms: 5, p95Ms: 9 } });

const query = (name: string, p95: number) => ({ name, prompt: name, resultCount: 5, engineP50Ms: 1, engineP95Ms: p95, turnP50Ms: 1, turnP95Ms: 1, turnReply: 'card' });

export function sampleResults(
  overrides: { analyzeCpu?: number; loadMs1M?: number; engineP95_1M?: number; startupMs?: number; loadRatio1M?: number; botRss1M?: number; ownerP95_1M?: number; floorToEcho?: number; floorToEchoSequential?: number } = {},
): BenchResults {
  const analyzeCpu = overrides.analyzeCpu ?? 1.1;
  const p95 = overrides.engineP95_1M ?? 15;
  const spread = (median: number) => ({ median, min: median, max: median });
  return {
    machine: { cpuModel: 'Test CPU', cores: 2, totalMemMb: 4096, node: 'v20.0.0', os: 'linux', loadAvg1mAtStart: 0.1 },
    commit: 'abc123',
    command: 'node dist/bench/run.js',
    date: '2026-11-21T21:00:00.000Z',
    mode: 'full',
    settings: { connections: 10, warmupSec: 2, durationSec: 10, rounds: 2, prompts: 24, scaleRows: [10_000, 100_000, 1_000_000] },
    turn: {
      echoFloor: metrics(0.3), teamsAiFloor: metrics(0.4), cardFloor: metrics(1), analyze: metrics(analyzeCpu),
      cpuRatioToCardFloor: analyzeCpu / 1, cpuRatioToEchoFloor: analyzeCpu / 0.3,
    },
    turnDetails: { echoFloor: detail(0.3), teamsAiFloor: detail(0.4), cardFloor: detail(1), analyze: detail(analyzeCpu) },
    startup: { demoTenantMs: overrides.startupMs ?? 1200, samplesMs: [1200] },
    scale: { rows_10000: scaleEntry(200, 1), rows_100000: scaleEntry(1500, 4), rows_1000000: scaleEntry(overrides.loadMs1M ?? 9000, p95) },
    scaleDetails: {
      rows_1000000: {
        fileMb: 1800, assessmentRows: 1_000_000, heapUsedMb: 500, engineRunsPerQuery: 50, turnRepsPerPrompt: 5, botStartupMs: 1, botPeakRssMb: overrides.botRss1M ?? 1400,
        loadCpuMs: 20_000, parseFloorCpuMs: 10_000, parseFloorWallMs: 10_000, loadCpuRatio: overrides.loadRatio1M ?? 2,
        perQuery: [query('critical risk', p95)],
        engineOnly: [{ name: 'owner', resultCount: 3, p50Ms: 1, p95Ms: overrides.ownerP95_1M ?? 5 }],
      },
    },
    ratios: { turnToCardFloor: spread(analyzeCpu), cardFloorToEcho: spread(overrides.floorToEcho ?? 2), cardFloorToEchoSequential: spread(overrides.floorToEchoSequential ?? 1.4), turnToEcho: spread(analyzeCpu / 0.3), quietRounds: 2 },
    cpuRatioToCardFloorByRound: [analyzeCpu, analyzeCpu],
    targets: [],
    notes: ['a note | with a pipe'],
  };
}
