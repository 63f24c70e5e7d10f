// The shape of bench/results/*.json, checked before anything is written: smoke runs fail on a wrong shape.
import { z } from 'zod';

const ms = z.number().finite().nonnegative();

export const turnMetricsSchema = z
  .object({ reqPerSec: ms, p50Ms: ms, p99Ms: ms, cpuMsPerTurn: ms, peakRssMb: ms })
  .strict();

export const scaleEntrySchema = z
  .object({
    loadMs: ms,
    rssMb: ms,
    engine: z.object({ p50Ms: ms, p95Ms: ms }).strict(),
    turn: z.object({ p50Ms: ms, p95Ms: ms }).strict(),
  })
  .strict();

export const targetSchema = z.object({
  name: z.string().min(1),
  target: z.string().min(1),
  measured: z.string().min(1),
  met: z.boolean(),
  note: z.string().optional(),
});

const count = z.number().int().nonnegative();
const reference = z.object({ aluMs: ms, cacheMs: ms, memMs: ms, wallToCpu: ms }).strict();
const pctOrCores = ms.optional();

/** A measured window's diagnostics (bench/windowDiagnostics.ts): every target of a turn round must carry them. */
export const windowSchema = z
  .object({
    wallMs: ms,
    gc: z.object({ count, ms, majorCount: count, majorMs: ms }).strict(),
    threads: z.object({ mainMs: ms, othersMs: ms }).strict().optional(),
    rusage: z.object({ voluntaryCtx: count, involuntaryCtx: count, minorFaults: count, majorFaults: count, fsWrite: count, fsRead: count }).strict(),
    elu: ms,
    heapUsedMbStart: ms,
    heapUsedMbEnd: ms,
    host: z
      .object({
        busyCores: ms,
        otherCores: pctOrCores,
        benchCores: pctOrCores,
        stealCores: ms,
        iowaitCores: ms,
        cpuSomePct: pctOrCores,
        ioSomePct: pctOrCores,
        ioFullPct: pctOrCores,
        memorySomePct: pctOrCores,
        dirtyMbStart: pctOrCores,
        dirtyMbEnd: pctOrCores,
        refaultMb: pctOrCores,
        hostMajorFaults: count.optional(),
      })
      .strict()
      .optional(),
    subWindows: z.array(z.object({ ms, cpuMs: ms, turns: count, gcMs: ms, atMs: ms.optional() }).strict()).min(1),
  })
  .strict();

const roundTargetSchema = z.object({ cpuMsPerTurn: ms, serverCpuCores: ms, requests: count, window: windowSchema, referenceBefore: reference, referenceAfter: reference }).strict();

export const roundDetailsSchema = z.array(
  z
    .object({
      round: z.number().int().positive(),
      repeated: z.boolean().optional(),
      benchHeapMb: ms,
      targets: z.object({ echoFloor: roundTargetSchema, teamsAiFloor: roundTargetSchema, cardFloor: roundTargetSchema, analyze: roundTargetSchema, durableFloor: roundTargetSchema }).partial().strict(),
    })
    .strict(),
);

const ratio = z.number().finite().positive();
const pairSpreadSchema = z.object({ median: ratio, q1: ratio, q3: ratio, min: ratio, max: ratio, pairs: z.number().int().positive() }).strict();
/** The paired schedule's ratios of neighbouring windows (bench/pairedSchedule.ts), over the kept rounds. */
export const pairsSchema = z
  .object({
    turnToCardFloor: pairSpreadSchema,
    cardFloorToEcho: pairSpreadSchema,
    turnToEcho: pairSpreadSchema,
    cardFloorToEchoSequential: pairSpreadSchema.optional(),
    decomposition: z.object({ turnToDurableFloor: pairSpreadSchema, durableFloorToCardFloor: pairSpreadSchema }).strict().optional(),
  })
  .strict();

const resultsBase = z
  .object({
    machine: z
      .object({ cpuModel: z.string(), cores: z.number().int().positive(), totalMemMb: ms, node: z.string(), os: z.string() })
      .passthrough(),
    commit: z.string().min(1),
    command: z.string().min(1),
    date: z.string().datetime(),
    turn: z
      .object({
        echoFloor: turnMetricsSchema,
        teamsAiFloor: turnMetricsSchema,
        cardFloor: turnMetricsSchema,
        analyze: turnMetricsSchema,
        durableFloor: turnMetricsSchema.optional(),
        cpuRatioToCardFloor: ms,
        cpuRatioToEchoFloor: ms,
      })
      .strict(),
    scale: z.record(z.string().regex(/^rows_\d+$/), scaleEntrySchema),
    targets: z.array(targetSchema),
    roundDetails: roundDetailsSchema.optional(),
    ratios: z.object({ pairs: pairsSchema.optional() }).passthrough().optional(),
  })
  .passthrough();

export type TurnMetricsShape = z.infer<typeof turnMetricsSchema>;
export type ScaleEntry = z.infer<typeof scaleEntrySchema>;
export type TargetResult = z.infer<typeof targetSchema>;
export type BenchResultsShape = z.infer<typeof resultsBase>;

export const scaleKey = (rows: number): string => `rows_${rows}`;

/** Problems with `value` as a results file for the given scale sizes; empty when it is well formed. */
export function checkResultsShape(value: unknown, scaleRows: readonly number[]): string[] {
  const parsed = resultsBase.safeParse(value);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  // A run on the paired schedule must give its pairs: its ratios are theirs.
  const doc = value as { settings?: { paired?: unknown }; turn?: unknown; ratios?: { pairs?: unknown } } | null;
  if (doc?.settings?.paired && doc.turn !== undefined && !doc.ratios?.pairs) problems.push('ratios.pairs: missing (the paired schedule ran)');
  const scale = (value as { scale?: unknown } | null)?.scale;
  for (const rows of scaleRows) {
    if (!scale || typeof scale !== 'object' || !(scaleKey(rows) in scale)) problems.push(`scale.${scaleKey(rows)}: missing`);
  }
  return problems;
}
