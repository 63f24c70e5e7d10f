// The turn section's rounds: each round measures the four targets one after another; a round found contended
// before it starts is run again (its figures set aside) while repeats are left, then kept and marked. CPU per turn
// and every ratio are the median of the kept rounds, with their range.
import type { RoundRecord, TurnDetail, TurnTargetName } from './benchResults';
import type { BenchOptions } from './benchOptions';
import type { CardClassifier } from './cardKind';
import { judgeRound, waitForQuiet, type RoundConditions } from './contention';
import type { Mix } from './mixes';
import { referenceWork } from './referenceWork';
import { diagnosticsLine } from './roundDiagnosticsMarkdown';
import { turnFigures, type RoundRatios, type TurnFigures } from './turnFigures';
import { roundOrder } from './turnRounds';
import { classifyMix, runTurnTarget } from './turnSection';
import { botTarget, turnTargets } from './turnTargets';

export interface TurnRunContext {
  mix: Mix;
  workDir: string;
  classifier: CardClassifier;
  log: (line: string) => void;
}


export async function runTurnRounds(options: BenchOptions, context: TurnRunContext): Promise<TurnFigures> {
  const { mix, log } = context;
  const kinds = mix.floor === 'matched' ? await classifyMix(botTarget(), context) : undefined;
  const targets = turnTargets(kinds);
  const settings = { ...options, mix, workDir: context.workDir, log, requireCards: options.mode === 'full', classifier: context.classifier, ...(kinds ? { kinds } : {}) };
  const kept = new Map<TurnTargetName, TurnDetail[]>();
  const conditions: RoundConditions[] = [];
  const records: RoundRecord[] = [];
  let repeats = 0;
  for (let r = 1; r <= options.rounds; ) {
    const gate = await waitForQuiet(r, { ...options.gate, sampleMs: options.mode === 'smoke' ? 300 : 2000, log });
    log(` round ${r} of ${options.rounds}: load average ${gate.loadAvg1m}, other work ${gate.otherBusyCores} cores${gate.contended ? ' (CONTENDED before the round)' : ''}`);
    const round: Array<[TurnTargetName, TurnDetail]> = [];
    const record: RoundRecord = { round: r, benchHeapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), targets: {} };
    for (const target of roundOrder(targets, r)) {
      // The same fixed loops right before the server starts and right after it stops: a slower machine moment moves them too.
      const referenceBefore = referenceWork();
      const detail = await runTurnTarget(target, settings);
      const referenceAfter = referenceWork();
      round.push([target.name, detail]);
      const measured = { cpuMsPerTurn: detail.cpuMsPerTurn, serverCpuCores: detail.serverCpuCores, requests: detail.requests, ...(detail.window ? { window: detail.window } : {}), referenceBefore, referenceAfter };
      record.targets[target.name] = measured;
      log(diagnosticsLine(target.name, measured));
    }
    // Other work that came during the round's windows makes it contended too (the gate only looked before it), and so
    // does a machine that changed under a target (its reference loops before and after it).
    const { repeat, condition } = judgeRound(gate, Object.values(record.targets).map((t) => t.window?.host?.otherCores), Object.values(record.targets).map((t) => ({ before: t.referenceBefore, after: t.referenceAfter })), { maxOtherCores: options.gate.maxOtherCores, repeatsUsed: repeats, repeatLimit: options.repeatContended }, log, r);
    conditions.push(condition);
    records.push(repeat ? { ...record, repeated: true } : record);
    if (repeat) {
      repeats++;
      continue;
    }
    for (const [name, run] of round) kept.set(name, [...(kept.get(name) ?? []), run]);
    r++;
  }
  const perRound = (name: TurnTargetName) => (kept.get(name) ?? []).map((d) => d.cpuMsPerTurn);
  const sequential = (name: TurnTargetName) => (kept.get(name) ?? []).flatMap((d) => (d.sequential ? [d.sequential.cpuMsPerTurn] : []));
  const bot = perRound('analyze');
  const card = perRound('cardFloor');
  const echo = perRound('echoFloor');
  const seqCard = sequential('cardFloor');
  const seqEcho = sequential('echoFloor');
  // Each round's ratios: its targets ran minutes apart at most, under the same conditions.
  const ratios: RoundRatios[] = bot.map((b, i) => ({
    turnToCardFloor: b / (card[i] ?? Number.NaN),
    cardFloorToEcho: (card[i] ?? Number.NaN) / (echo[i] ?? Number.NaN),
    turnToEcho: b / (echo[i] ?? Number.NaN),
    ...(seqCard[i] !== undefined ? { cardFloorToEchoSequential: seqCard[i] / (seqEcho[i] ?? Number.NaN) } : {}),
  }));
  const figures = turnFigures(kept, ratios, conditions, records);
  if (figures.ratios?.cardFloorToEchoSequential) log(`  card floor / bare echo: ${figures.ratios.cardFloorToEcho.median}× concurrent, ${figures.ratios.cardFloorToEchoSequential.median}× sequential`);
  return figures;
}
