// The issue's targets, judged against measured numbers; a target not measured is reported as not met, with why.
import type { BenchResults, ProfileReport } from './benchResults';
import type { TargetResult } from './resultsShape';
import { scaleKey } from './resultsShape';

const MILLION = 1_000_000;

export function judgeTargets(results: Pick<BenchResults, 'turn' | 'scale' | 'startup'>): TargetResult[] {
  const out: TargetResult[] = [];
  const { turn } = results;
  out.push({
    name: 'analyze turn CPU',
    target: '≤ 1.5× card floor CPU per turn',
    measured: `${turn.cpuRatioToCardFloor.toFixed(2)}× card floor (${turn.analyze.cpuMsPerTurn} vs ${turn.cardFloor.cpuMsPerTurn} ms); ${turn.cpuRatioToEchoFloor.toFixed(2)}× bare echo`,
    met: turn.cpuRatioToCardFloor <= 1.5,
  });
  const big = results.scale[scaleKey(MILLION)];
  if (big) {
    out.push({ name: 'engine p95 at 1M rows', target: '< 25 ms', measured: `${big.engine.p95Ms} ms`, met: big.engine.p95Ms < 25 });
    out.push({
      name: 'load 1M rows',
      target: '< 15 s within 2 GB RSS',
      measured: `${(big.loadMs / 1000).toFixed(2)} s, peak RSS ${Math.round(big.rssMb)} MB`,
      met: big.loadMs < 15_000 && big.rssMb <= 2048,
    });
  } else {
    const note = 'not measured in this run (1M rows only in the full run)';
    out.push({ name: 'engine p95 at 1M rows', target: '< 25 ms', measured: 'n/a', met: false, note });
    out.push({ name: 'load 1M rows', target: '< 15 s within 2 GB RSS', measured: 'n/a', met: false, note });
  }
  out.push({
    name: 'startup on the demo tenant',
    target: '< 3 s (spawn to /healthz ok)',
    measured: `${(results.startup.demoTenantMs / 1000).toFixed(2)} s`,
    met: results.startup.demoTenantMs < 3000,
  });
  return out;
}

const areas = (p: ProfileReport | undefined, n = 4): string | undefined =>
  p ? p.byArea.slice(0, n).map((a) => `${a.area} ${a.selfPct}%`).join(', ') : undefined;

/** Adds the measured "why" to each target not met, from the profiles and per-query numbers of the same run. */
export function explainTargets(targets: TargetResult[], results: Pick<BenchResults, 'profile' | 'loadProfile' | 'scaleDetails'>): TargetResult[] {
  const big = results.scaleDetails[scaleKey(MILLION)];
  return targets.map((t) => {
    if (t.met || t.note) return t;
    let why: string | undefined;
    if (t.name === 'analyze turn CPU' && results.profile) why = `bot self time under load: ${areas(results.profile)}`;
    if (t.name === 'load 1M rows' && results.loadProfile) why = `load self time: ${areas(results.loadProfile)}${big ? `; ${big.fileMb} MB of JSON Lines to parse` : ''}`;
    if (t.name === 'engine p95 at 1M rows' && big) {
      const slow = [...big.perQuery].sort((a, b) => b.engineP95Ms - a.engineP95Ms).slice(0, 3);
      why = `slowest queries at 1M (p95): ${slow.map((q) => `${q.name} ${q.engineP95Ms} ms (${q.resultCount} matches)`).join(', ')}`;
    }
    return why ? { ...t, note: why } : t;
  });
}
