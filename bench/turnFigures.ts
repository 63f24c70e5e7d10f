// The turn section's figures from its kept rounds, whichever schedule measured them: each target's rounds combined
// (medians of CPU per turn), and every ratio the median of its per-round values with their range.
import { TURN_TARGETS, type BenchResults, type Decomposition, type RoundRecord, type TurnDetail, type TurnTargetName } from './benchResults';
import type { RoundConditions } from './contention';
import { round } from './stats';
import { combineRounds, spreadOf } from './turnRounds';

export type TurnFigures = Pick<BenchResults, 'turn' | 'turnDetails' | 'cpuRatioToCardFloorByRound' | 'rounds' | 'ratios' | 'roundDetails'>;

/** One kept round's ratios (the serial schedule: its CPU per turn over its floor's; the paired one: its pairs' median). */
export interface RoundRatios {
  turnToCardFloor: number;
  cardFloorToEcho: number;
  turnToEcho: number;
  cardFloorToEchoSequential?: number;
  /** Rounds with the durable floor (bench/servers/durableFloor.ts). */
  decomposition?: Decomposition<number>;
}

export function turnFigures(kept: ReadonlyMap<TurnTargetName, TurnDetail[]>, perRound: readonly RoundRatios[], conditions: RoundConditions[], records: RoundRecord[], pairs?: NonNullable<BenchResults['ratios']>['pairs']): TurnFigures {
  const details = Object.fromEntries(TURN_TARGETS.map((name) => [name, combineRounds(kept.get(name) ?? [])])) as TurnFigures['turnDetails'];
  const durable = kept.get('durableFloor');
  if (durable && durable.length > 0) details.durableFloor = combineRounds(durable);
  const split = perRound.flatMap((r) => (r.decomposition ? [r.decomposition] : []));
  const byRound = perRound.map((r) => round(r.turnToCardFloor, 2));
  const sequential = perRound.flatMap((r) => (r.cardFloorToEchoSequential !== undefined ? [r.cardFloorToEchoSequential] : []));
  const turnToEcho = spreadOf(perRound.map((r) => r.turnToEcho), 2);
  const figures: TurnFigures = {
    turnDetails: details,
    cpuRatioToCardFloorByRound: byRound,
    rounds: conditions,
    roundDetails: records,
    ratios: {
      turnToCardFloor: spreadOf(byRound, 2),
      cardFloorToEcho: spreadOf(perRound.map((r) => r.cardFloorToEcho), 2),
      turnToEcho,
      ...(sequential.length > 0 ? { cardFloorToEchoSequential: spreadOf(sequential, 2) } : {}),
      ...(split.length > 0 ? { decomposition: { turnToDurableFloor: spreadOf(split.map((d) => d.turnToDurableFloor), 2), durableFloorToCardFloor: spreadOf(split.map((d) => d.durableFloorToCardFloor), 2) } } : {}),
      quietRounds: conditions.filter((c) => !c.repeated && !c.contended).length,
      ...(pairs ? { pairs } : {}),
    },
    turn: {} as BenchResults['turn'],
  };
  const metrics = ({ reqPerSec, p50Ms, p99Ms, cpuMsPerTurn, peakRssMb }: TurnDetail) => ({ reqPerSec, p50Ms, p99Ms, cpuMsPerTurn, peakRssMb });
  for (const name of TURN_TARGETS) figures.turn[name] = metrics(details[name]);
  if (details.durableFloor) figures.turn.durableFloor = metrics(details.durableFloor);
  figures.turn.cpuRatioToCardFloor = figures.ratios?.turnToCardFloor.median ?? Number.NaN;
  figures.turn.cpuRatioToEchoFloor = turnToEcho.median;
  return figures;
}
