// Renders a results document as the tables in bench/results/latest.md.
import { REFERENCE_SHIFT_LIMIT, type RoundConditions } from './contention';
import { ALL_TURN_TARGETS, TURN_TARGETS, type BenchResults, type OnCpuReport, type ProfileReport, type ScaleDetail } from './benchResults';
import { mixNamed } from './mixes';
import { pairedOrderText } from './pairedOrder';
import type { PairSpread } from './pairedSchedule';
import { DIAGNOSTICS_HEAD, diagnosticsRows } from './roundDiagnosticsMarkdown';

const cell = (v: unknown): string => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: unknown[]): string => `| ${cells.map(cell).join(' | ')} |`;
function table(head: string[], rows: unknown[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

/** The targets this run measured, in table order (the durable floor only where it ran). */
const measuredTargets = (r: BenchResults) => ALL_TURN_TARGETS.filter((name) => r.turnDetails[name] !== undefined);

/** Partial runs (--only scale) have no turn section. */
function renderTurns(r: BenchResults, out: string[]): void {
  const mix = mixNamed(r.settings.mix ?? 'analyze');
  out.push(`## Turns: floors and the bot (mix: ${mix.title})`, '');
  out.push(
    table(
      ['target', 'what', 'storage', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'server CPU (cores)', 'peak RSS MB', 'errors / non-2xx / bad bodies', 'reply bytes (mean)', 'preflight'],
      measuredTargets(r).map((name) => {
        const t = r.turn[name];
        const d = r.turnDetails[name];
        if (!t || !d) return [];
        return [name, d.what, d.storage, t.reqPerSec, t.p50Ms, t.p99Ms, t.cpuMsPerTurn, d.serverCpuCores, t.peakRssMb, `${d.errors} / ${d.non2xx} / ${d.badBodies}`, d.replyBytesMean ?? '', d.preflight];
      }),
    ),
    '',
  );
  const sqlite = measuredTargets(r).flatMap((name) => {
    const q = r.turnDetails[name]?.sqlitePerTurn;
    return q ? [`${name} ${q.statements} statements, ${q.writes} writes, ${q.commits} commits`] : [];
  });
  if (sqlite.length > 0) out.push(`SQLite per turn (counted in the server): ${sqlite.join('; ')}.`, '');
  const texts = r.turnDetails.analyze.textReplies ?? [];
  if (texts.length > 0) out.push('Prompts the bot answered with text rather than a card (before the load, in one conversation):', '', ...texts.map((t) => `- ${t}`), '');
  const rounds = r.cpuRatioToCardFloorByRound ?? [];
  const byRound = rounds.length > 1 ? ` (per round: ${rounds.map((x) => `${x.toFixed(2)}×`).join(', ')})` : '';
  const seq = measuredTargets(r).flatMap((name) => {
    const q = r.turnDetails[name]?.sequential;
    return q ? [`${name} ${q.cpuMsPerTurn} CPU ms/turn, ${q.reqPerSec} req/s, p50 ${q.p50Ms} ms`] : [];
  });
  if (seq.length > 0) out.push(`Sequential (one request at a time on one kept-alive connection, ${r.settings.sequentialSec ?? ''} s after the concurrent load, same process): ${seq.join('; ')}.`, '');
  out.push(`CPU per ${mix.title} turn: **${r.turn.cpuRatioToCardFloor.toFixed(2)}×** the ${mix.floor === 'matched' ? 'mix floor (fixed replies of the same kinds)' : 'card floor'}${byRound}, **${r.turn.cpuRatioToEchoFloor.toFixed(2)}×** the bare echo floor.`, '');
  if (r.ratios) {
    const f = (x: { median: number; min: number; max: number }) => `${x.median.toFixed(2)}× (rounds ${x.min.toFixed(2)}–${x.max.toFixed(2)}×)`;
    out.push(`Same-run CPU ratios, median of ${r.rounds?.filter((c) => !c.repeated).length ?? 0} kept rounds (${r.ratios.quietRounds} quiet)${r.ratios.pairs ? ', each round the median of its pairs of neighbouring windows' : ''}: turn / card floor ${f(r.ratios.turnToCardFloor)}; card floor / bare echo ${f(r.ratios.cardFloorToEcho)} concurrent${r.ratios.cardFloorToEchoSequential ? `, ${f(r.ratios.cardFloorToEchoSequential)} sequential` : ''}; turn / bare echo ${f(r.ratios.turnToEcho)}.`, '');
    const pr = r.ratios.pairs;
    const g2 = (x: PairSpread) => `${x.median.toFixed(2)}× (IQR ${x.q1.toFixed(2)}–${x.q3.toFixed(2)}×, ${x.pairs} pairs)`;
    if (pr) {
      const g = (x: PairSpread) => `${x.median.toFixed(2)}× (IQR ${x.q1.toFixed(2)}–${x.q3.toFixed(2)}×, range ${x.min.toFixed(2)}–${x.max.toFixed(2)}×, ${x.pairs} pairs)`;
      out.push(`Every pair of neighbouring windows over the kept rounds: turn / card floor ${g(pr.turnToCardFloor)}; card floor / bare echo ${g(pr.cardFloorToEcho)} concurrent${pr.cardFloorToEchoSequential ? `, ${g(pr.cardFloorToEchoSequential)} sequential` : ''}; turn / bare echo ${g(pr.turnToEcho)}.`, '');
    }
    const split = r.ratios.decomposition;
    if (split) {
      const paired = pr?.decomposition;
      out.push(
        `The gap split at the durable floor (the bot's own composition, gates and SQLite state answering every prompt with the card floor's card through a fixed plan; no target is judged against it): turn / durable floor ${f(split.turnToDurableFloor)}${paired ? `, pairs ${g2(paired.turnToDurableFloor)}` : ''} (planning, the query, the skill's view and state); durable floor / card floor ${f(split.durableFloorToCardFloor)}${paired ? `, pairs ${g2(paired.durableFloorToCardFloor)}` : ''} (the bot's durable, gated turn around a card).`,
        '',
      );
    }
  }
  if (r.rounds && r.rounds.length > 0) {
    out.push(
      `Machine before each round (other work: cores busy outside the bench over a 2 s idle sample; a round over the limit is waited for, then run) and during it (the most other work in any of its measured windows; over the limit, the round is contended too; so is a round across which a reference loop moved more than ${REFERENCE_SHIFT_LIMIT}×: the machine changed under it); a contended round is set aside and run again up to ${r.settings.repeatContended ?? 0} time(s), after that kept and marked:`,
      '',
    );
    let kept = 0;
    const rows = r.rounds.map((c) => [c.round, c.loadAvg1m, c.otherBusyCores, c.windowOtherCoresMax ?? '', c.waitedSec, c.contended ? `**yes**${contentionReason(c)}` : 'no', c.repeated ? 'set aside, repeated' : 'kept', c.repeated ? '' : (r.cpuRatioToCardFloorByRound[kept++] ?? '')]);
    out.push(table(['round', 'load avg 1m', 'other work before (cores)', 'other work during, most (cores)', 'waited s', 'contended', 'figures', 'bot / card floor CPU'], rows), '');
  }
  if (r.roundDetails && r.roundDetails.length > 0) {
    out.push(
      `Each measured window, round by round (bench/README.md, "Why a round is off")${r.settings.paired ? ` (paired schedule: a row sums a target's ${2 * r.settings.paired.cycles} windows of the round, lists each window's CPU per turn in place of the 2 s sub-windows and takes the drift over the round's clock; the reference loops ran before the round's first window and after its last)` : ''}: CPU per turn over the whole window and per 2 s sub-window, its drift, the server\'s threads, GC pauses, context switches, page faults and file writes per turn; the host over the same window (cores used by other processes, by the bench itself, stolen, in iowait; PSI stall shares; dirty page cache at start→end); and the fixed reference loops timed in the bench right before and after the target.`,
      '',
    );
    out.push(table(['round', 'target', ...DIAGNOSTICS_HEAD], diagnosticsRows(r.roundDetails)), '');
  }
  const ready = r.startup.readySamplesMs?.length ? ` Spawn to /readyz ok (posture, storage and card templates ready): median ${r.startup.readyMs} ms of ${r.startup.readySamplesMs.length} (${r.startup.readySamplesMs.join(', ')} ms).` : '';
  out.push(`Startup on the demo tenant (spawn to /healthz ok): median ${r.startup.demoTenantMs} ms of ${r.startup.samplesMs.length} (${r.startup.samplesMs.join(', ')} ms).${ready}`, '');
}

function renderProfile(title: string, p: ProfileReport, out: string[]): void {
  out.push(`## ${title}`, '', p.how, '');
  out.push(`Self time by area (${p.samples} busy samples, idle left out; native code is charged to the script that called it, and a sample taken while the thread waits inside a native call, on an fsync or a lock, counts as busy there: the profiler samples wall time on the main thread, so this shows where the thread was, not only what used the CPU):`, '');
  out.push(table(['self %', 'area'], p.byArea.map((a) => [a.selfPct, a.area])), '');
  out.push('Hottest functions (self time):', '');
  out.push(table(['self %', 'function', 'where'], p.top.map((f) => [f.selfPct, f.fn, f.where])), '');
}

/** The on-CPU profile: one row per area (or leaf kind), CPU ms per turn of each server, largest bot-minus-durable first. */
function renderOnCpu(p: OnCpuReport, out: string[]): void {
  out.push(`## On-CPU profile of the ${p.mix} turn: the bot against its floors`, '', p.how, '');
  const [bot, ...floors] = p.targets;
  if (!bot) return;
  const durable = floors.find((t) => t.name === 'durableFloor');
  const head = ['', ...p.targets.map((t) => `${t.name} ms/turn`), ...(durable ? ['bot − durable floor'] : [])];
  const totals = ['all (probe CPU per turn)', ...p.targets.map((t) => t.cpuMsPerTurn), ...(durable ? [Math.round((bot.cpuMsPerTurn - durable.cpuMsPerTurn) * 1000) / 1000] : [])];
  const rows = (pick: (t: OnCpuReport['targets'][number]) => Array<{ name: string; msPerTurn: number }>, limit: number) => {
    const names = [...new Set(p.targets.flatMap((t) => pick(t).map((e) => e.name)))];
    const ms = (t: OnCpuReport['targets'][number], name: string) => pick(t).find((e) => e.name === name)?.msPerTurn ?? 0;
    const gap = (name: string) => (durable ? ms(bot, name) - ms(durable, name) : ms(bot, name));
    return names
      .sort((a, b) => gap(b) - gap(a))
      .slice(0, limit)
      .map((name) => [name, ...p.targets.map((t) => ms(t, name)), ...(durable ? [Math.round(gap(name) * 1000) / 1000] : [])]);
  };
  out.push(`By area (${p.targets.map((t) => `${t.name} ${t.samples} samples over ${t.requests} turns`).join('; ')}):`, '');
  out.push(table(head, [totals, ...rows((t) => t.byArea, 20)]), '');
  out.push('By the kind of code the sample was in (its leaf frame):', '');
  out.push(table(head, [totals, ...rows((t) => t.byLeaf, 10)]), '');
}

/** Why a contended round was: during its windows, and/or its reference loops moved (before the round otherwise). */
const contentionReason = (c: RoundConditions): string => {
  const why: string[] = [];
  if (c.contendedDuring) why.push('during');
  if (c.referenceShift) why.push(`${c.referenceShift.loop} reference ${c.referenceShift.factor}× ${c.referenceShift.slower ? 'slower' : 'faster'}`);
  return why.length > 0 ? ` (${why.join('; ')})` : '';
};

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# posture-bot benchmarks (${r.mode})`, '');
  out.push(`- Date: ${r.date}; commit \`${r.commit}\`; command \`${r.command}\``);
  out.push(`- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemMb} MB RAM, Node ${m.node}, ${m.os}; 1-min load average at start ${m.loadAvg1mAtStart}`);
  const s = r.settings;
  const schedule = s.paired
    ? `every target's server up at once and warmed once for ${s.warmupSec} s, then in each of ${s.rounds} round(s) ${s.paired.cycles} cycle(s) of ${s.paired.windowSec} s measured windows (each after ${s.paired.windowWarmupSec} s of unmeasured load) in the order ${pairedOrderText((name) => r.turnDetails[name] !== undefined)} (CPU per turn per round: all of a target's windows; ratios: median of the pairs of neighbouring windows, then of the rounds; rates and latencies means; peak RSS the highest)`
    : `${s.warmupSec} s warm-up then ${s.durationSec} s measured per target${(s.rounds ?? 1) > 1 ? ` in each of ${s.rounds} rounds (CPU per turn and ratios are medians of the rounds, rates and latencies means; peak RSS the highest)` : ''}`;
  out.push(`- Turn load: autocannon on loopback, ${s.connections} connections, ${schedule}, ${s.prompts} ${mixNamed(s.mix ?? 'analyze').title} prompts rotating, expectReplies; one conversation per connection`, '');

  if (TURN_TARGETS.every((name) => r.turnDetails[name])) renderTurns(r, out);

  if (r.mixChecks && r.mixChecks.length > 0) {
    out.push('## Mixes asked once (smoke)', '', 'Each prompt of the other mixes sent once to one bot and to that mix\'s floor: the kinds of answer must agree.', '');
    out.push(table(['mix', 'bot', 'bot reply bytes (mean)', 'floor', 'floor reply bytes (mean)'], r.mixChecks.map((c) => [c.mix, c.bot, c.botReplyBytesMean, c.floor, c.floorReplyBytesMean])), '');
  }
  out.push('## Scale', '');
  out.push('Load, peak RSS and engine: a fresh process that only loads the export and runs the queries. Turn: the whole bot started on the export, one prompt at a time (bot startup includes the load).', '');
  const sizes = Object.keys(r.scale);
  out.push(
    table(
      ['rows', 'file MB', 'load ms', 'peak RSS MB', 'heap MB', 'engine p50 ms', 'engine p95 ms', 'turn p50 ms', 'turn p95 ms', 'bot startup ms', 'bot peak RSS MB'],
      sizes.map((k) => {
        const e = r.scale[k];
        const d = r.scaleDetails[k];
        const bot = d ? [d.botStartupMs, d.botPeakRssMb] : ['', ''];
        return e ? [k.replace('rows_', ''), d?.fileMb ?? '', e.loadMs, e.rssMb, d?.heapUsedMb ?? '', e.engine.p50Ms, e.engine.p95Ms, e.turn.p50Ms, e.turn.p95Ms, ...bot] : [k];
      }),
    ),
    '',
  );
  for (const k of sizes) {
    const d = r.scaleDetails[k];
    if (!d) continue;
    out.push(`### ${k.replace('rows_', '')} rows: per query (engine ${d.engineRunsPerQuery} runs, turn ${d.turnRepsPerPrompt} reps each)`, '');
    out.push(
      table(
        ['query', 'prompt', 'matches', 'engine p50', 'engine p95', 'turn p50', 'turn p95', 'bot reply'],
        d.perQuery.map((q) => [q.name, q.prompt, q.resultCount, q.engineP50Ms, q.engineP95Ms, q.turnP50Ms, q.turnP95Ms, q.turnReply]),
      ),
      '',
    );
    if (d.loadCpuRatio !== undefined) out.push(loadLine(d), '');
    if (d.engineOnly && d.engineOnly.length > 0) {
      out.push('Engine-only queries, parameters read from the data (each its own figures, not pooled):', '');
      out.push(table(['query', 'matches', 'engine p50', 'engine p95', 'CPU p50', 'CPU p95'], d.engineOnly.map((q) => [q.name, q.resultCount, q.p50Ms, q.p95Ms, q.cpuP50Ms ?? '', q.cpuP95Ms ?? ''])), '');
    }
    if (d.scoped && d.scoped.queries.length > 0) {
      out.push(`The same queries for a viewer whose access scope is ${d.scoped.scope}: ${d.scoped.visibleRows} of the rows visible (the scope's rows are one more candidate set, intersected with each query's):`, '');
      out.push(table(['query', 'matches', 'engine p50', 'engine p95', 'CPU p50', 'CPU p95'], d.scoped.queries.map((q) => [q.name, q.resultCount, q.p50Ms, q.p95Ms, q.cpuP50Ms ?? '', q.cpuP95Ms ?? ''])), '');
    }
  }

  out.push('## Targets', '');
  out.push(table(['target', 'goal', 'measured', 'met', 'note'], r.targets.map((t) => [t.name, t.target, t.measured, t.met ? 'yes' : '**no**', t.note ?? ''])), '');
  if (r.profile) renderProfile('CPU profile of the bot under load', r.profile, out);
  if (r.onCpu) renderOnCpu(r.onCpu, out);
  if (r.loadProfile) renderProfile('CPU profile of loading an export', r.loadProfile, out);
  if (r.notes.length > 0) out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

/** The load-CPU ratio of one size: the median of its rounds with their range, and the one-thread load beside it. */
function loadLine(d: ScaleDetail): string {
  const threads = d.loadThreads ? `, loaded on ${d.loadThreads} thread${d.loadThreads === 1 ? '' : 's'}` : '';
  const rounds = d.loadRounds ?? [];
  const least = d.loadCpuRatioOfLeast !== undefined ? `; the least load over the least floor: ${d.loadCpuRatioOfLeast}×` : '';
  const spread = rounds.length > 1 ? ` (median of ${rounds.length} rounds, each a fresh floor and a fresh load: ${rounds.map((r) => `${r.ratio}×`).join(', ')}; floors ${rounds.map((r) => r.floorCpuMs).join(', ')} ms${least})` : '';
  const floorWall = d.parseFloorWallMs !== undefined ? `, ${d.parseFloorWallMs} ms wall` : '';
  const main = `Load CPU (all threads${threads}, start of load to engine ready): ${d.loadCpuMs} ms = **${d.loadCpuRatio}×** the parse-only floor${spread} (line-by-line JSON.parse of the same file in a fresh process: ${d.parseFloorCpuMs} ms CPU${floorWall}).`;
  const one = d.oneThread;
  if (!one) return main;
  const oneSpread = rounds.length > 1 ? ` (${rounds.map((r) => (r.oneThread ? `${r.oneThread.ratio}×` : 'n/a')).join(', ')})` : '';
  return `${main} Loaded on one thread in the same rounds: ${one.loadCpuMs} ms CPU = ${one.ratio}×${oneSpread}, ${(one.loadMs / 1000).toFixed(2)} s wall, peak RSS ${Math.round(one.peakRssMb)} MB.`;
}
