// Several rounds of the turn section, combined: one round of 10 s can be skewed by whatever else the machine did.
// CPU per turn is the median of the rounds (one skewed round moves a mean, not a median), with its spread.
import type { TurnDetail } from './benchResults';
import { percentile, round } from './stats';

/**
 * The order a round measures its targets in: as listed in odd rounds, reversed in even ones (ABBA), so a machine
 * that changes during a round (other work arriving, a slower host moment) weighs on the bot and its floors alike
 * over the rounds instead of always on the target measured last.
 */
export function roundOrder<T>(targets: readonly T[], roundNumber: number): T[] {
  return roundNumber % 2 === 1 ? [...targets] : [...targets].reverse();
}

/** Median and range of per-round figures. */
export function spreadOf(values: readonly number[], digits = 3): { median: number; min: number; max: number } {
  return { median: round(percentile(values, 50), digits), min: round(Math.min(...values), digits), max: round(Math.max(...values), digits) };
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function combineSequential(rounds: readonly TurnDetail[]): NonNullable<TurnDetail['sequential']> {
  const runs = rounds.flatMap((d) => (d.sequential ? [d.sequential] : []));
  const cpu = runs.map((s) => s.cpuMsPerTurn);
  return {
    cpuMsPerTurn: spreadOf(cpu).median,
    reqPerSec: round(mean(runs.map((s) => s.reqPerSec)), 1),
    p50Ms: round(mean(runs.map((s) => s.p50Ms)), 2),
    requests: runs.reduce((total, s) => total + s.requests, 0),
    cpuMsPerTurnByRound: cpu,
  };
}

/** Medians of CPU per turn, means of the rates and latencies, sums of the counts, the highest memory; preflight and labels from round one. */
export function combineRounds(rounds: readonly TurnDetail[]): TurnDetail {
  const head = rounds[0];
  if (!head) throw new Error('no rounds to combine');
  // Window diagnostics belong to one round each (results.roundDetails), not to the combined figures.
  const { window: _window, ...first } = head;
  const avg = (pick: (d: TurnDetail) => number, digits = 2) => round(mean(rounds.map(pick)), digits);
  const sum = (pick: (d: TurnDetail) => number) => rounds.reduce((total, d) => total + pick(d), 0);
  return {
    ...first,
    reqPerSec: avg((d) => d.reqPerSec, 1),
    p50Ms: avg((d) => d.p50Ms),
    p99Ms: avg((d) => d.p99Ms),
    // Nearest-rank: with an even number of rounds, the lower middle one.
    cpuMsPerTurn: spreadOf(rounds.map((d) => d.cpuMsPerTurn)).median,
    peakRssMb: Math.max(...rounds.map((d) => d.peakRssMb)),
    lifetimeMaxRssMb: Math.max(...rounds.map((d) => d.lifetimeMaxRssMb)),
    serverCpuCores: avg((d) => d.serverCpuCores),
    requests: sum((d) => d.requests),
    errors: sum((d) => d.errors),
    non2xx: sum((d) => d.non2xx),
    badBodies: sum((d) => d.badBodies),
    durationSec: round(sum((d) => d.durationSec), 2),
    cpuMsPerTurnByRound: rounds.map((d) => d.cpuMsPerTurn),
    ...(first.sequential ? { sequential: combineSequential(rounds) } : {}),
  };
}
