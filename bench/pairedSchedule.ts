// The paired turn schedule: every target's server is up at once, and short measured windows take turns in a
// palindrome (T E C B B C E T), so each ratio's two targets are measured in neighbouring windows, seconds apart,
// under the same machine moment; a drift during the cycle weighs on both sides of every pair alike.
import { percentile, round } from './stats';

/** One measured window of one target: when it started (ms since the run's first window) and its CPU per turn. */
export interface TimedWindow<Name extends string = string> {
  target: Name;
  /** Start of the measured part of the window, ms since the first window of the run. */
  atMs: number;
  cpuMsPerTurn: number;
}

/**
 * One cycle's order: the targets as given, then reversed (A B C D D C B A). Put the targets of each ratio next to
 * each other in `targets` (e.g. teamsAi, echo, card, bot: echo-card and card-bot are neighbours).
 */
export function cycleOrder<T>(targets: readonly T[]): T[] {
  return [...targets, ...[...targets].reverse()];
}

/** The windows of a run of `cycles` cycles, in order. */
export function pairedOrder<T>(targets: readonly T[], cycles: number): T[] {
  return Array.from({ length: cycles }, () => cycleOrder(targets)).flat();
}

/** The sequential windows' order for two targets: A B B A A B ..., `perTarget` windows of each. */
export function alternatingOrder<T>(a: T, b: T, perTarget: number): T[] {
  return Array.from({ length: perTarget }, (_, i) => (i % 2 === 0 ? [a, b] : [b, a])).flat();
}

/**
 * num / den from neighbouring windows: each window of `num` is paired with the nearest window of `den` in the run's
 * order (the earlier one on a tie), and each pair's ratio is its CPU per turn over the other's. Indexes, not clock
 * times, decide "nearest": every window is the same length.
 */
export function pairRatios<Name extends string>(windows: ReadonlyArray<TimedWindow<Name>>, num: Name, den: Name): number[] {
  const ratios: number[] = [];
  windows.forEach((w, i) => {
    if (w.target !== num) return;
    let best = -1;
    for (let j = 0; j < windows.length; j++) {
      if (windows[j]?.target !== den) continue;
      if (best < 0 || Math.abs(j - i) < Math.abs(best - i)) best = j;
    }
    const other = windows[best];
    if (other && other.cpuMsPerTurn > 0 && Number.isFinite(w.cpuMsPerTurn)) ratios.push(w.cpuMsPerTurn / other.cpuMsPerTurn);
  });
  return ratios;
}

/**
 * The median of pair ratios: the middle one, or the mean of the two middle ones (a round has an even number of
 * pairs, two a cycle, and the lower middle one of four would lean low every time).
 */
export function midMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** Median (midMedian), quartiles (nearest-rank) and range of the pair ratios, and how many pairs. */
export interface PairSpread {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  pairs: number;
}

export function pairSpread(values: readonly number[], digits = 2): PairSpread {
  return {
    median: round(midMedian(values), digits),
    q1: round(percentile(values, 25), digits),
    q3: round(percentile(values, 75), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
    pairs: values.length,
  };
}
