// The per-round diagnostics table of latest.md: for every round and target, what its measured window looked like
// beside its CPU per turn (see bench/windowDiagnostics.ts and bench/referenceWork.ts), so a round that is off says why.
import { TURN_TARGETS, type RoundRecord, type RoundTarget } from './benchResults';
import { round } from './stats';
import { driftPer10s, subWindowCpuPerTurn } from './windowDiagnostics';

const per = (x: number, turns: number, digits = 2): string => (turns > 0 ? String(round(x / turns, digits)) : '');
const opt = (x: number | undefined, suffix = ''): string => (x === undefined ? '–' : `${x}${suffix}`);

/** One row's cells after the round and target. */
export function diagnosticsCells(t: RoundTarget): string[] {
  const w = t.window;
  const n = t.requests;
  const ref = `${t.referenceBefore.aluMs}→${t.referenceAfter.aluMs} / ${t.referenceBefore.cacheMs}→${t.referenceAfter.cacheMs} / ${t.referenceBefore.memMs}→${t.referenceAfter.memMs}`;
  if (!w) return [String(t.cpuMsPerTurn), String(t.serverCpuCores), '', '', '', '', '', '', '', '', '', '', ref];
  const drift = driftPer10s(w.subWindows);
  const h = w.host;
  return [
    String(t.cpuMsPerTurn),
    String(t.serverCpuCores),
    subWindowCpuPerTurn(w.subWindows).join(' '),
    drift === undefined ? '' : `${drift > 0 ? '+' : ''}${Math.round(drift * 100)}%`,
    w.threads ? `${per(w.threads.mainMs, n)} / ${per(w.threads.othersMs, n)}` : '',
    `${per(w.gc.ms, n, 3)} (${per(w.gc.count, n)}; ${w.gc.majorCount} major)`,
    `${per(w.rusage.voluntaryCtx, n)} / ${per(w.rusage.involuntaryCtx, n)}`,
    `${per(w.rusage.minorFaults, n)}${w.rusage.majorFaults > 0 ? ` (+${w.rusage.majorFaults} major)` : ''}`,
    per(w.rusage.fsWrite, n),
    h ? `${opt(h.otherCores)} / ${opt(h.benchCores)} / ${h.stealCores} / ${h.iowaitCores}` : '',
    h ? `${opt(h.cpuSomePct)} / ${opt(h.ioSomePct)}` : '',
    h ? `${opt(h.dirtyMbStart)}→${opt(h.dirtyMbEnd)} / ${opt(h.refaultMb)}` : '',
    ref,
  ];
}

export const DIAGNOSTICS_HEAD = [
  'CPU ms/turn',
  'server cores',
  'per 2 s',
  'drift /10 s',
  'main / other threads ms/turn',
  'GC ms/turn (GCs/turn; major)',
  'ctx switches/turn vol / invol',
  'page faults/turn',
  'fs writes/turn',
  'host cores: other / bench / steal / iowait',
  'PSI cpu / io some %',
  'dirty MB start→end / refaulted MB',
  'reference ms alu / 2 MB / 32 MB (before→after)',
];

/** Rows of the per-round table: every round as run, every target measured in it. */
export function diagnosticsRows(records: readonly RoundRecord[]): string[][] {
  return records.flatMap((rec) =>
    TURN_TARGETS.flatMap((name) => {
      const t = rec.targets[name];
      return t ? [[`${rec.round}${rec.repeated ? ' (set aside)' : ''}`, name, ...diagnosticsCells(t)]] : [];
    }),
  );
}

/** One log line for a target's window, as the run goes (the same figures as its table row). */
export function diagnosticsLine(name: string, t: RoundTarget): string {
  const cells = diagnosticsCells(t);
  return `  ${name} window: ${DIAGNOSTICS_HEAD.slice(1).map((head, i) => `${head} ${cells[i + 1] || '–'}`).join('; ')}`;
}
