// The turn section's paired schedule. Every target's server is started, checked and warmed once; then each round
// is a few cycles of short measured windows in the order T E C B B C E T (teams-ai echo, bare echo, card floor,
// bot), so the two targets of each ratio are measured in neighbouring windows, seconds apart, under the same
// machine moment. Each pair of neighbouring windows gives one ratio; a round's ratio is the median of its pairs,
// and the run's the median of its rounds (with their range), beside the spread of every pair. The sequential
// figures are paired alike: the bare echo and the card floor alternate, one connection each (E C C E ...).
// The gate, the in-window contention check and the repeats work as in the serial schedule (bench/turnRun.ts).
import type { RoundRecord, RoundTarget, TurnDetail, TurnTargetName } from './benchResults';
import type { BenchOptions } from './benchOptions';
import { judgeRound, waitForQuiet, type RoundConditions } from './contention';
import { PAIRED_ORDER } from './pairedOrder';
import { alternatingOrder, midMedian, pairedOrder, pairRatios, pairSpread, type TimedWindow } from './pairedSchedule';
import { referenceWork } from './referenceWork';
import { diagnosticsLine } from './roundDiagnosticsMarkdown';
import { startServer, type RunningServer } from './serverProcess';
import { round } from './stats';
import { turnFigures, type RoundRatios, type TurnFigures } from './turnFigures';
import { measureTurns, type TurnRun } from './turnLoad';
import type { TurnRunContext } from './turnRun';
import { classifyMix, detailOf, preflight, type Checked, type TurnSettings } from './turnSection';
import { botTarget, durableFloorTarget, turnTargets, type TurnTarget } from './turnTargets';
import { medianCpu, mergeRuns, type WindowPart } from './windowMerge';


/** Sequential windows per target a round: about 1.5 s each, an even number (E C C E), at least 2. */
export function sequentialWindows(sequentialSec: number): number {
  return Math.max(2, 2 * Math.round(sequentialSec / 3));
}

interface UpTarget {
  target: TurnTarget;
  server: RunningServer;
  checked: Checked;
}

interface MeasuredWindow extends WindowPart {
  target: TurnTargetName;
}

/** A window's GC and off-main-thread CPU, so a slow window can be told apart from one that paid for a mark-compact. */
function gcNote(run: TurnRun): string {
  const d = run.window;
  if (!d || run.requests === 0) return '';
  const others = d.threads ? `, other threads ${round(d.threads.othersMs / run.requests, 3)} ms/turn` : '';
  return `; GC ${d.gc.count} (${d.gc.majorCount} major, ${round(d.gc.ms, 1)} ms)${others}`;
}

const timed = (w: MeasuredWindow): TimedWindow<TurnTargetName> => ({ target: w.target, atMs: w.atMs, cpuMsPerTurn: w.run.cpuMsPerTurn });
const median = midMedian;

async function startAll(targets: readonly TurnTarget[], settings: TurnSettings): Promise<UpTarget[]> {
  const up: UpTarget[] = [];
  try {
    for (const target of targets) {
      const server = await startServer(target.spec(settings.workDir));
      up.push({ target, server, checked: { summary: '', textReplies: [], replyBytesMean: 0 } });
      settings.log(`  ${target.name}: started in ${Math.round(server.startupMs)} ms (pid ${server.pid}); preflight`);
      const checked = await preflight(target, server, settings);
      up[up.length - 1] = { target, server, checked };
      settings.log(`  ${target.name}: ${checked.summary}, mean reply ${checked.replyBytesMean} bytes`);
    }
    return up;
  } catch (error) {
    await Promise.all(up.map((u) => u.server.stop()));
    throw error;
  }
}

export async function runPairedRounds(options: BenchOptions, context: TurnRunContext): Promise<TurnFigures> {
  const { mix, log } = context;
  const p = options.paired;
  const kinds = mix.floor === 'matched' ? await classifyMix(botTarget(), context) : undefined;
  // The durable floor sends the list card: it splits the gap only where the bot is held to the list card floor.
  const byName = new Map([...turnTargets(kinds), ...(mix.floor === 'list' ? [durableFloorTarget()] : [])].map((t) => [t.name, t]));
  const targets = PAIRED_ORDER.flatMap((name) => byName.get(name) ?? []);
  const settings: TurnSettings = { ...options, mix, workDir: context.workDir, log, requireCards: options.mode === 'full', classifier: context.classifier, ...(kinds ? { kinds } : {}) };
  const up = await startAll(targets, settings);
  try {
    const serverOf = new Map(up.map((u) => [u.target.name, u]));
    const t0 = performance.now();
    const measure = async (name: TurnTargetName, load: { connections: number; durationSec: number; runTag: string; setup?: readonly string[] }): Promise<MeasuredWindow> => {
      const u = serverOf.get(name);
      if (!u) throw new Error(`${name} is not running`);
      const run = await measureTurns(u.server, { prompts: mix.prompts, warmupSec: p.windowWarmupSec, ...load });
      return { target: name, run, atMs: performance.now() - t0 - run.durationSec * 1000 };
    };
    // Warmed once, one after another, as long as the serial schedule warms each target every round.
    for (const u of up) {
      const warm = await measureTurns(u.server, { prompts: mix.prompts, setup: mix.setup, connections: options.connections, warmupSec: 0, durationSec: options.warmupSec, runTag: u.target.name });
      log(`  ${u.target.name}: warmed ${options.warmupSec} s at ${options.connections} connections (${warm.reqPerSec} req/s, ${warm.cpuMsPerTurn} CPU ms/turn)`);
    }
    const seqTargets = up.filter((u) => u.target.sequential).map((u) => u.target.name);
    const seqPerTarget = sequentialWindows(options.sequentialSec);
    // A mix's setup prompts go once into each sequential conversation, before its first window.
    const seqSetupSent = new Set<TurnTargetName>();

    const kept = new Map<TurnTargetName, TurnDetail[]>();
    const keptWindows: MeasuredWindow[][] = [];
    const keptSeqWindows: MeasuredWindow[][] = [];
    const perRound: RoundRatios[] = [];
    const conditions: RoundConditions[] = [];
    const records: RoundRecord[] = [];
    let repeats = 0;
    for (let r = 1; r <= options.rounds; ) {
      const gate = await waitForQuiet(r, { ...options.gate, sampleMs: options.mode === 'smoke' ? 300 : 2000, log });
      log(` round ${r} of ${options.rounds}: load average ${gate.loadAvg1m}, other work ${gate.otherBusyCores} cores${gate.contended ? ' (CONTENDED before the round)' : ''}; ${p.cycles} cycle(s) of ${p.windowSec} s windows`);
      const record: RoundRecord = { round: r, benchHeapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), targets: {} };
      const referenceBefore = referenceWork();
      const windows: MeasuredWindow[] = [];
      for (const name of pairedOrder(up.map((u) => u.target.name), p.cycles)) {
        const w = await measure(name, { connections: options.connections, durationSec: p.windowSec, runTag: name });
        windows.push(w);
        log(`    ${name}: ${w.run.cpuMsPerTurn} CPU ms/turn, ${w.run.reqPerSec} req/s, ${w.run.serverCpuCores} server cores, other work ${w.run.window?.host?.otherCores ?? '–'} cores${gcNote(w.run)}`);
      }
      const seqWindows: MeasuredWindow[] = [];
      if (options.sequentialSec > 0 && seqTargets.length === 2) {
        const [a, b] = seqTargets as [TurnTargetName, TurnTargetName];
        for (const name of alternatingOrder(a, b, seqPerTarget)) {
          const setup = seqSetupSent.has(name) ? [] : mix.setup;
          seqSetupSent.add(name);
          seqWindows.push(await measure(name, { connections: 1, durationSec: options.sequentialSec / seqPerTarget, runTag: `${name}-seq`, setup }));
        }
        log(`    sequential: ${seqWindows.map((w) => `${w.target} ${w.run.cpuMsPerTurn}`).join(', ')} CPU ms/turn`);
      }
      const referenceAfter = referenceWork();

      const round_: Array<[TurnTargetName, TurnDetail]> = [];
      for (const u of up) {
        const name = u.target.name;
        const mine = windows.filter((w) => w.target === name);
        const merged = mergeRuns(mine);
        const seq = seqWindows.filter((w) => w.target === name).map((w) => w.run);
        const detail: TurnDetail = {
          ...detailOf(u.target, u.checked, u.server.startupMs, merged),
          ...(seq.length > 0 ? { sequential: { cpuMsPerTurn: medianCpu(seq), reqPerSec: round(seq.reduce((s, x) => s + x.reqPerSec, 0) / seq.length, 1), p50Ms: round(seq.reduce((s, x) => s + x.p50Ms, 0) / seq.length, 2), requests: seq.reduce((s, x) => s + x.requests, 0) } } : {}),
        };
        round_.push([name, detail]);
        const measured: RoundTarget = { cpuMsPerTurn: merged.cpuMsPerTurn, serverCpuCores: merged.serverCpuCores, requests: merged.requests, ...(merged.window ? { window: merged.window } : {}), referenceBefore, referenceAfter };
        record.targets[name] = measured;
        log(diagnosticsLine(name, measured));
      }
      const pairsOf = (list: MeasuredWindow[], num: TurnTargetName, den: TurnTargetName) => pairRatios(list.map(timed), num, den);
      const ratios: RoundRatios = {
        turnToCardFloor: median(pairsOf(windows, 'analyze', 'cardFloor')),
        cardFloorToEcho: median(pairsOf(windows, 'cardFloor', 'echoFloor')),
        turnToEcho: median(pairsOf(windows, 'analyze', 'echoFloor')),
        ...(seqWindows.length > 0 ? { cardFloorToEchoSequential: median(pairsOf(seqWindows, 'cardFloor', 'echoFloor')) } : {}),
        ...(serverOf.has('durableFloor') ? { decomposition: { turnToDurableFloor: median(pairsOf(windows, 'analyze', 'durableFloor')), durableFloorToCardFloor: median(pairsOf(windows, 'durableFloor', 'cardFloor')) } } : {}),
      };
      log(`  round ${r}: bot / card floor ${round(ratios.turnToCardFloor, 2)}× (pairs ${pairsOf(windows, 'analyze', 'cardFloor').map((x) => round(x, 2)).join(', ')}); card floor / echo ${round(ratios.cardFloorToEcho, 2)}×; bot / echo ${round(ratios.turnToEcho, 2)}×${ratios.cardFloorToEchoSequential !== undefined ? `; sequential card floor / echo ${round(ratios.cardFloorToEchoSequential, 2)}×` : ''}${ratios.decomposition ? `; bot / durable floor ${round(ratios.decomposition.turnToDurableFloor, 2)}×, durable floor / card floor ${round(ratios.decomposition.durableFloorToCardFloor, 2)}×` : ''}`);

      // Every window's other work counts, as every target's window does in the serial schedule; so does a machine that
      // changed under the round (its reference loops, timed before the first window and after the last).
      const { repeat, condition } = judgeRound(gate, [...windows, ...seqWindows].map((w) => w.run.window?.host?.otherCores), [{ before: referenceBefore, after: referenceAfter }], { maxOtherCores: options.gate.maxOtherCores, repeatsUsed: repeats, repeatLimit: options.repeatContended }, log, r);
      conditions.push(condition);
      records.push(repeat ? { ...record, repeated: true } : record);
      if (repeat) {
        repeats++;
        continue;
      }
      for (const [name, detail] of round_) kept.set(name, [...(kept.get(name) ?? []), detail]);
      keptWindows.push(windows);
      keptSeqWindows.push(seqWindows);
      perRound.push(ratios);
      r++;
    }
    const allPairs = (lists: MeasuredWindow[][], num: TurnTargetName, den: TurnTargetName) => pairSpread(lists.flatMap((list) => pairRatios(list.map(timed), num, den)));
    const seqPairs = keptSeqWindows.some((l) => l.length > 0);
    const pairs = {
      turnToCardFloor: allPairs(keptWindows, 'analyze', 'cardFloor'),
      cardFloorToEcho: allPairs(keptWindows, 'cardFloor', 'echoFloor'),
      turnToEcho: allPairs(keptWindows, 'analyze', 'echoFloor'),
      ...(seqPairs ? { cardFloorToEchoSequential: allPairs(keptSeqWindows, 'cardFloor', 'echoFloor') } : {}),
      ...(serverOf.has('durableFloor') ? { decomposition: { turnToDurableFloor: allPairs(keptWindows, 'analyze', 'durableFloor'), durableFloorToCardFloor: allPairs(keptWindows, 'durableFloor', 'cardFloor') } } : {}),
    };
    const figures = turnFigures(kept, perRound, conditions, records, pairs);
    log(`  pairs over the kept rounds: bot / card floor ${pairs.turnToCardFloor.median}× (IQR ${pairs.turnToCardFloor.q1}–${pairs.turnToCardFloor.q3}, range ${pairs.turnToCardFloor.min}–${pairs.turnToCardFloor.max}, ${pairs.turnToCardFloor.pairs} pairs)`);
    return figures;
  } finally {
    await Promise.all(up.map((u) => u.server.stop()));
  }
}
