// A fixed CPU-bound workload timed in the bench process right before and after each target, while nothing of the
// bench runs: the same instructions every time, so a slower machine moment (a throttled or shared core, a neighbour
// thrashing the caches or the memory bus) shows as a change in the reference itself, not only in the server's CPU.
// Three loops: one in registers (arithmetic; moves with clock speed and core sharing), one reading a 2 MB table at
// random (past the 1 MB L2, inside the shared L3: moves when other work evicts the caches) and one reading a 32 MB
// table at random (memory bound; moves with memory latency and bandwidth contention).
import { round } from './stats';

export interface ReferenceTiming {
  /** CPU ms of the arithmetic loop (median of the repetitions). */
  aluMs: number;
  /** CPU ms of the random reads over 2 MB (L3-sized). */
  cacheMs: number;
  /** CPU ms of the random reads over 32 MB (memory). */
  memMs: number;
  /** Wall / CPU of the whole measurement: above 1 the bench was waiting for a core (other work, steal). */
  wallToCpu: number;
}

const ALU_ITERATIONS = 20_000_000;
const MEM_READS = 150_000;
const CACHE_READS = 600_000;
const TABLE_WORDS = 8 * 2 ** 20; // 32 MB of Int32
const CACHE_TABLE_WORDS = 2 ** 19; // 2 MB of Int32
const REPETITIONS = 3;

const tables = new Map<number, Int32Array>();
/** A random-read table, filled once: a random cyclic permutation, so each read depends on the one before. */
function readTable(words: number): Int32Array {
  const kept = tables.get(words);
  if (kept) return kept;
  const t = new Int32Array(words);
  for (let i = 0; i < t.length; i++) t[i] = i;
  let seed = 0x9e3779b9;
  for (let i = t.length - 1; i > 0; i--) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const j = (seed >>> 0) % i; // Sattolo: one cycle through every slot, so the reads never settle in a short loop
    const a = t[i]!;
    t[i] = t[j]!;
    t[j] = a;
  }
  tables.set(words, t);
  return t;
}

/** xorshift rounds: no memory traffic, a fixed instruction count. Returns the state so it is not optimised away. */
function aluLoop(n: number): number {
  let x = 0x12345678;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    acc = (acc + (x & 0xff)) | 0;
  }
  return acc;
}

/** Dependent reads through the permutation: one cache miss after another once the table is out of cache. */
function memLoop(t: Int32Array, n: number): number {
  let p = 0;
  for (let i = 0; i < n; i++) p = t[p]!;
  return p;
}

const cpuMsOf = (work: () => number): number => {
  const before = process.cpuUsage();
  sink ^= work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
let sink = 0;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Times the reference loops (median of a few repetitions each). About 100-200 ms on the bench machine. */
export function referenceWork(): ReferenceTiming {
  const big = readTable(TABLE_WORDS);
  const mid = readTable(CACHE_TABLE_WORDS);
  aluLoop(1000); // compiled before it is timed
  memLoop(big, 1000);
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const alu: number[] = [];
  const cache: number[] = [];
  const mem: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    alu.push(cpuMsOf(() => aluLoop(ALU_ITERATIONS)));
    cache.push(cpuMsOf(() => memLoop(mid, CACHE_READS)));
    mem.push(cpuMsOf(() => memLoop(big, MEM_READS)));
  }
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  return { aluMs: round(median(alu), 2), cacheMs: round(median(cache), 2), memMs: round(median(mem), 2), wallToCpu: round(wallMs / Math.max(0.001, (cpu.user + cpu.system) / 1000), 2) };
}

export type ReferenceLoop = 'arithmetic' | '2 MB' | '32 MB';

/** How far one loop moved across a target or a round: `factor` ≥ 1, `slower` when it took longer after. */
export interface ReferenceShift {
  loop: ReferenceLoop;
  factor: number;
  slower: boolean;
}

/**
 * The loop that moved most between two timings (the same instructions both times): how much the machine itself
 * changed meanwhile. A cache or memory loop several times slower is a neighbour on the caches or the memory bus that
 * the load average and /proc/stat do not show.
 */
export function referenceShift(before: ReferenceTiming, after: ReferenceTiming): ReferenceShift {
  const loops: Array<[ReferenceLoop, number, number]> = [
    ['arithmetic', before.aluMs, after.aluMs],
    ['2 MB', before.cacheMs, after.cacheMs],
    ['32 MB', before.memMs, after.memMs],
  ];
  let most: ReferenceShift = { loop: 'arithmetic', factor: 1, slower: false };
  for (const [loop, a, b] of loops) {
    if (!(a > 0 && b > 0)) continue;
    const factor = Math.max(a / b, b / a);
    if (factor > most.factor) most = { loop, factor: round(factor, 2), slower: b > a };
  }
  return most;
}

/** Keeps the loops' results observable (never read for anything else). */
export const referenceSink = (): number => sink;
