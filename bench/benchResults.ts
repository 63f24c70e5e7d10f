// The whole results document: the required fields (checked by resultsShape.ts) plus the details that
// explain them.
import type { ProfileLine } from './cpuProfile';
import type { PairSpread } from './pairedSchedule';
import type { MachineFacts } from './machine';
import type { ReferenceTiming } from './referenceWork';
import type { ScaleEntry, TargetResult, TurnMetricsShape } from './resultsShape';
import type { TurnRun } from './turnLoad';
import type { WindowDiagnostics } from './windowDiagnostics';

/** The targets every turn run measures (the ratios are theirs). */
export type RequiredTurnTarget = 'echoFloor' | 'teamsAiFloor' | 'cardFloor' | 'analyze';
export const TURN_TARGETS: readonly RequiredTurnTarget[] = ['echoFloor', 'teamsAiFloor', 'cardFloor', 'analyze'];
/**
 * The durable floor (bench/servers/durableFloor.ts): the bot answering every prompt with the card floor's card
 * through a fixed plan. It splits the bot / card floor gap in two; no target is judged against it. Measured by the
 * paired schedule for mixes held to the list card floor.
 */
export type TurnTargetName = RequiredTurnTarget | 'durableFloor';
/** Every target a run may have measured, in table order. */
export const ALL_TURN_TARGETS: readonly TurnTargetName[] = [...TURN_TARGETS, 'durableFloor'];

/** bot / durable floor (planning, query, view, the skill's state) and durable floor / card floor (the durable, gated turn). */
export interface Decomposition<T> {
  turnToDurableFloor: T;
  durableFloorToCardFloor: T;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface TurnDetail extends TurnRun {
  what: string;
  storage: string;
  /** How the target answered the prompts before load (e.g. "24/24 replied with an adaptive card"). */
  preflight: string;
  /** Prompts a card target answered with text instead (counts, refusals), with the start of each answer. */
  textReplies: string[];
  startupMs: number;
  /** CPU ms per turn of each round, when there were several. */
  cpuMsPerTurnByRound?: number[];
  /** Mean size of the reply bodies to the mix's prompts (preflight): what the target sent, to compare with its floor. */
  replyBytesMean?: number;
  /** The same server one request at a time on one kept-alive connection (the floors only). */
  sequential?: { cpuMsPerTurn: number; reqPerSec: number; p50Ms: number; requests: number; cpuMsPerTurnByRound?: number[] };
}

/** One target in one round: its CPU per turn, what its window looked like, and the reference loops around it. */
export interface RoundTarget {
  cpuMsPerTurn: number;
  /**
   * The server's CPU over the window's wall time. A server that keeps its core(s) busy shows a steady figure (about
   * 1.2 here: the main thread plus V8's helpers), and its CPU per turn then moves only with what a CPU second gets
   * done; a server starved by other work shows much less, and its CPU per turn rises with the starving.
   */
  serverCpuCores: number;
  requests: number;
  window?: WindowDiagnostics;
  /** The bench's fixed reference workload right before the server started and right after it stopped. */
  referenceBefore: ReferenceTiming;
  referenceAfter: ReferenceTiming;
}

/** Every round as run (set aside or kept), target by target, for the per-round diagnostics table. */
export interface RoundRecord {
  round: number;
  repeated?: boolean;
  /** The bench process's own heap when the round started (autocannon and the results so far live there). */
  benchHeapMb: number;
  targets: Partial<Record<TurnTargetName, RoundTarget>>;
}

/** Smoke: how the bot and the mix's floor answered a mix's prompts (kinds must agree), without a load. */
export interface MixCheck {
  mix: string;
  bot: string;
  botReplyBytesMean: number;
  floor: string;
  floorReplyBytesMean: number;
}

/** One round of the load-CPU ratio: a fresh parse-only floor and a fresh load of the same file (and one on one thread). */
export interface LoadRound {
  floorCpuMs: number;
  loadCpuMs: number;
  loadMs: number;
  peakRssMb: number;
  ratio: number;
  oneThread?: { loadCpuMs: number; loadMs: number; peakRssMb: number; ratio: number };
}

export interface ScaleDetail {
  generateMs?: number;
  fileMb: number;
  assessmentRows: number;
  heapUsedMb: number;
  engineRunsPerQuery: number;
  turnRepsPerPrompt: number;
  botStartupMs: number;
  botPeakRssMb: number;
  /** Load CPU (all threads) against a parse-only floor (line-by-line JSON.parse of the same file) in the same run. */
  loadCpuMs?: number;
  /** Threads the probe's load ran on (two unless BENCH_LOAD_THREADS says otherwise, and the file is big enough). */
  loadThreads?: number;
  parseFloorCpuMs?: number;
  parseFloorWallMs?: number;
  /** Median of the rounds' ratios (loadRounds), with their range. */
  loadCpuRatio?: number;
  loadCpuRatioRange?: [number, number];
  /** The least load CPU over the least floor CPU of the rounds: a floor slowed by the machine cannot lower it. */
  loadCpuRatioOfLeast?: number;
  /** The same file loaded on one thread, beside each round's two-thread load: medians and the ratio's range. */
  oneThread?: { loadCpuMs: number; loadMs: number; peakRssMb: number; ratio: number; ratioRange: [number, number] };
  loadRounds?: LoadRound[];
  /** Engine-only queries whose parameters come from the data (owner, governance, due range, CVE, groupings). */
  engineOnly?: Array<import('./servers/scaleProbe').QueryTiming>;
  /** Every query again for a viewer scoped to one subscription (answers are scoped to who asks). */
  scoped?: import('./servers/scaleProbe').ScopedTimings;
  perQuery: Array<{ name: string; prompt: string; resultCount: number; engineP50Ms: number; engineP95Ms: number; turnP50Ms: number; turnP95Ms: number; turnReply: string }>;
}

export interface ProfileReport {
  how: string;
  samples: number;
  top: ProfileLine[];
  byArea: Array<{ area: string; selfPct: number }>;
}

/** One server's on-CPU profile (bench/onCpuProfile.ts): shares of its samples, priced in CPU ms per turn. */
export interface OnCpuTarget {
  name: string;
  cpuMsPerTurn: number;
  requests: number;
  samples: number;
  byArea: Array<{ name: string; pct: number; msPerTurn: number }>;
  byLeaf: Array<{ name: string; pct: number; msPerTurn: number }>;
}

export interface OnCpuReport {
  how: string;
  mix: string;
  targets: OnCpuTarget[];
}

export interface BenchResults {
  machine: MachineFacts;
  commit: string;
  command: string;
  date: string;
  mode: 'full' | 'smoke';
  settings: {
    connections: number;
    warmupSec: number;
    durationSec: number;
    rounds: number;
    prompts: number;
    mix?: import('./mixes').MixName;
    sequentialSec?: number;
    repeatContended?: number;
    scaleRows: number[];
    /** The paired schedule's windows (bench/pairedRounds.ts); absent: the serial schedule (durationSec per target a round). */
    paired?: { windowSec: number; cycles: number; windowWarmupSec: number };
  };
  turn: Record<RequiredTurnTarget, TurnMetricsShape> & { durableFloor?: TurnMetricsShape; cpuRatioToCardFloor: number; cpuRatioToEchoFloor: number };
  /** analyze / card floor CPU of each round, to show how steady the ratio is. */
  cpuRatioToCardFloorByRound: number[];
  turnDetails: Record<RequiredTurnTarget, TurnDetail> & { durableFloor?: TurnDetail };
  /** Machine conditions before each turn round (other work on the cores, load average), and whether it was contended. */
  rounds?: Array<import('./contention').RoundConditions>;
  /** Each round's targets with their window diagnostics and reference timings (why a round may be off). */
  roundDetails?: RoundRecord[];
  /** Same-run CPU ratios: median of the per-round ratios, with their range. */
  ratios?: {
    turnToCardFloor: Spread;
    cardFloorToEcho: Spread;
    turnToEcho: Spread;
    /** The card floor / bare echo, each one request at a time on one kept-alive connection. */
    cardFloorToEchoSequential?: Spread;
    /** The bot / card floor gap split at the durable floor (paired schedule, list card mixes only). */
    decomposition?: Decomposition<Spread>;
    quietRounds: number;
    /**
     * The paired schedule: every ratio of neighbouring windows (bench/pairedSchedule.ts) over the kept rounds, with
     * its median, quartiles and range; each round's figure above is the median of its own pairs.
     */
    pairs?: {
      turnToCardFloor: PairSpread;
      cardFloorToEcho: PairSpread;
      turnToEcho: PairSpread;
      cardFloorToEchoSequential?: PairSpread;
      decomposition?: Decomposition<PairSpread>;
    };
  };
  /** Smoke only: every mix asked once of the bot and of its floor. */
  mixChecks?: MixCheck[];
  /** Spawn to /healthz (liveness: the target); and to /readyz where measured (every start after the turn section's). */
  startup: { demoTenantMs: number; samplesMs: number[]; readyMs?: number; readySamplesMs?: number[] };
  scale: Record<string, ScaleEntry>;
  scaleDetails: Record<string, ScaleDetail>;
  targets: TargetResult[];
  profile?: ProfileReport;
  /** The list turn's CPU by area for the bot and its floors, on CPU only (Linux perf; absent where perf is not). */
  onCpu?: OnCpuReport;
  /** Where loading an export spends its time (the load target's "why"). */
  loadProfile?: ProfileReport;
  notes: string[];
}
