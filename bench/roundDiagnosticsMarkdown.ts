// The per-round diagnostics table of latest.md: for every round and target, what its measured window looked like
// beside its CPU per turn (see bench/windowDiagnostics.ts and bench/referenceWork.ts), so a round that is off says why.
import { ALL_TURN_TARGETS, type RoundRecord, type RoundTarget } from './benchResults';
import { REFERENCE_SHIFT_LIMIT } from './contention';
import { referenceShift } from './referenceWork';
import { round } from './stats';
import { driftPer10s, subWindowCpuPerTurn } from './windowDiagnostics';

const per = (x: number, turns: number, digits = 2): string => (turns > 0 ? String(round(x / turns, digits)) : '');
const opt = (x: number | undefined, suffix = ''): string => (x === undefined ? '–' : `${x}${suffix}`);

/**
 * Why a window may be off, in words: the server starved of CPU (under 0.8 cores; unstarved servers hold about 1.2
 * under this load), other processes busy during it, CPU per turn drifting inside it, stolen CPU, or the reference
 * loops slower or faster after the target than before it (the machine changed under it: the arithmetic loop by more
 * than 10%, the cache or memory loop by more than REFERENCE_SHIFT_LIMIT). Empty when none applies.
 */
export function windowFlags(t: RoundTarget): string[] {
  const flags: string[] = [];
  const w = t.window;
  if (t.serverCpuCores < 0.8) flags.push('starved');
  if (w?.host?.otherCores !== undefined && w.host.otherCores > 0.3) flags.push('other work');
  const drift = w ? driftPer10s(w.subWindows) : undefined;
  if (drift !== undefined && Math.abs(drift) > 0.2) flags.push(drift > 0 ? 'rising' : 'falling');
  if (w?.host && w.host.stealCores > 0.05) flags.push('steal');
  const change = (a: number, b: number) => (a > 0 ? b / a : 1);
  const alu = change(t.referenceBefore.aluMs, t.referenceAfter.aluMs);
  if (alu > 1.1 || alu < 1 / 1.1) flags.push(alu > 1 ? 'reference slower after' : 'reference faster after');
  // The cache or memory loop past the limit that makes a round contended (the arithmetic one has its own 10% above).
  const shift = referenceShift(t.referenceBefore, t.referenceAfter);
  if (shift.loop !== 'arithmetic' && shift.factor > REFERENCE_SHIFT_LIMIT) flags.push(`${shift.loop} reference ${shift.slower ? 'slower' : 'faster'} after`);
  return flags;
}

/** One row's cells after the round and target. */
export function diagnosticsCells(t: RoundTarget): string[] {
  const w = t.window;
  const n = t.requests;
  const ref = `${t.referenceBefore.aluMs}→${t.referenceAfter.aluMs} / ${t.referenceBefore.cacheMs}→${t.referenceAfter.cacheMs} / ${t.referenceBefore.memMs}→${t.referenceAfter.memMs}`;
  const flags = windowFlags(t).join(', ');
  if (!w) return [String(t.cpuMsPerTurn), String(t.serverCpuCores), '', '', '', '', '', '', '', '', '', '', ref, flags];
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
    flags,
  ];
}

export const DIAGNOSTICS_HEAD = [
  'CPU ms/turn',
  'server cores',
  'per 2 s (paired: per window)',
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
  'flags',
];

/** Rows of the per-round table: every round as run, every target measured in it. */
export function diagnosticsRows(records: readonly RoundRecord[]): string[][] {
  return records.flatMap((rec) =>
    ALL_TURN_TARGETS.flatMap((name) => {
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
