// Whether other work is sharing the machine right before a round: the busy share of every core, sampled from
// os.cpus() over a short window while the bench itself sits idle, plus the 1-minute load average (which also
// remembers the bench's own previous round, so it is recorded but not gated on). A contended round is waited
// out for a while, then run and marked; other work seen during the round's measured windows marks it too.
import { cpus, loadavg } from 'node:os';
import { referenceShift, type ReferenceShift, type ReferenceTiming } from './referenceWork';
import { round } from './stats';

export interface RoundConditions {
  round: number;
  /** 1-minute load average when the round started. */
  loadAvg1m: number;
  /** Cores' worth of CPU other processes used over the sample window just before the round (0 = quiet). */
  otherBusyCores: number;
  /** Seconds waited for the machine to quieten. */
  waitedSec: number;
  /** Still busier than the limit when the round ran: its figures are marked. */
  contended: boolean;
  /** A contended round run again (its figures left out of the medians), while repeats were left. */
  repeated?: boolean;
  /**
   * The most cores' worth of other work during any of the round's measured windows (host busy cores less the server
   * and the bench, read in the server's probe): the gate only looks before the round, and the bot's window comes last.
   */
  windowOtherCoresMax?: number;
  /** Quiet before the round, but other work came during one of its windows: contended all the same. */
  contendedDuring?: boolean;
  /**
   * The reference loop that moved most across the round's targets (bench/referenceWork.ts), when it moved more than
   * REFERENCE_SHIFT_LIMIT: the machine changed under the round (caches, memory bus, clock) where no busy-core count
   * shows it, and the round is contended.
   */
  referenceShift?: ReferenceShift;
}

/**
 * How far a reference loop may move across a round before the round counts as contended. On a quiet machine the
 * three loops stay within about 10% of themselves; a neighbour thrashing the shared caches made the 2 MB loop 4× slower.
 */
export const REFERENCE_SHIFT_LIMIT = 1.5;

function busyTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    busy += all - t.idle;
    total += all;
  }
  return { busy, total };
}

/** Cores' worth of busy CPU over windowMs (the caller is idle meanwhile, so it is other work). */
export async function otherBusyCores(windowMs: number): Promise<number> {
  const before = busyTimes();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = busyTimes();
  const total = after.total - before.total;
  return total > 0 ? round(((after.busy - before.busy) / total) * cpus().length, 2) : 0;
}

export interface GateSettings {
  /** Most cores' worth of other work tolerated. */
  maxOtherCores: number;
  /** How long to wait for a quiet machine before running anyway (marked). */
  maxWaitSec: number;
  sampleMs: number;
  log: (line: string) => void;
}

export async function waitForQuiet(roundNumber: number, settings: GateSettings): Promise<RoundConditions> {
  const started = Date.now();
  let busy = await otherBusyCores(settings.sampleMs);
  while (busy > settings.maxOtherCores && (Date.now() - started) / 1000 < settings.maxWaitSec) {
    settings.log(`  round ${roundNumber}: ${busy} cores busy with other work (limit ${settings.maxOtherCores}); waiting`);
    busy = await otherBusyCores(settings.sampleMs * 2);
  }
  return {
    round: roundNumber,
    loadAvg1m: round(loadavg()[0] ?? 0, 2),
    otherBusyCores: busy,
    waitedSec: Math.round((Date.now() - started) / 1000),
    contended: busy > settings.maxOtherCores,
  };
}

/** The gate's verdict, revised by the other work seen during the round's measured windows (undefined: not read). */
export function withWindowContention(before: RoundConditions, windowOtherCores: ReadonlyArray<number | undefined>, maxOtherCores: number): RoundConditions {
  const seen = windowOtherCores.filter((x): x is number => x !== undefined);
  if (seen.length === 0) return before;
  const most = Math.max(...seen);
  const during = most > maxOtherCores;
  return { ...before, windowOtherCoresMax: most, contended: before.contended || during, ...(during && !before.contended ? { contendedDuring: true } : {}) };
}

/** The gate's verdict, revised by how far the reference loops moved across the round's targets (before → after each). */
export function withReferenceShift(before: RoundConditions, references: ReadonlyArray<{ before: ReferenceTiming; after: ReferenceTiming }>): RoundConditions {
  let most: ReferenceShift | undefined;
  for (const r of references) {
    const shift = referenceShift(r.before, r.after);
    if (!most || shift.factor > most.factor) most = shift;
  }
  if (!most || most.factor <= REFERENCE_SHIFT_LIMIT) return before;
  return { ...before, contended: true, referenceShift: most };
}

/** Whether a round found contended is set aside and run again: only while the run has repeats left. */
export function repeatsRound(conditions: Pick<RoundConditions, 'contended'>, repeatsUsed: number, limit: number): boolean {
  return conditions.contended && repeatsUsed < limit;
}

/**
 * A round's verdict once its windows ran: contended by what came before or during them, and whether it is set aside
 * and repeated (logged either way). `condition` is what the results keep for the round.
 */
export function judgeRound(
  before: RoundConditions,
  windowOtherCores: ReadonlyArray<number | undefined>,
  references: ReadonlyArray<{ before: ReferenceTiming; after: ReferenceTiming }>,
  limits: { maxOtherCores: number; repeatsUsed: number; repeatLimit: number },
  log: (line: string) => void,
  round: number,
): { repeat: boolean; condition: RoundConditions } {
  const busy = withWindowContention(before, windowOtherCores, limits.maxOtherCores);
  const quiet = withReferenceShift(busy, references);
  const repeat = repeatsRound(quiet, limits.repeatsUsed, limits.repeatLimit);
  if (quiet.contended) {
    const why: string[] = [];
    if (busy.contended) why.push(busy.contendedDuring ? `quiet before, ${busy.windowOtherCoresMax} cores of other work during a window` : `other work ${busy.otherBusyCores} cores before`);
    const shift = quiet.referenceShift;
    if (shift) why.push(`the ${shift.loop} reference loop ${shift.factor}× ${shift.slower ? 'slower' : 'faster'} after than before`);
    log(`  round ${round}: CONTENDED (${why.join('; ')}): ${repeat ? 'set aside and repeated' : 'figures kept and marked'}`);
  }
  return { repeat, condition: repeat ? { ...quiet, repeated: true } : quiet };
}
