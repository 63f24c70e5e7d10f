// `npm run bench` (full, minutes) and `npm run bench:smoke` (seconds, CI): turn floors vs analyze, scale, targets.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath, projectRoot } from '../src/paths';
import { parseBenchArgs, type BenchOptions } from './benchOptions';
import { REFERENCE_SHIFT_LIMIT } from './contention';
import type { BenchResults } from './benchResults';
import { createCardClassifier } from './cardKind';
import { currentCommit, machineFacts } from './machine';
import { onCpuProfile, perfWorks } from './onCpuProfile';
import { profileTarget } from './profileRun';
import { checkMixes } from './mixChecks';
import { mixNamed, resolveMix } from './mixes';
import { ANALYZE_PROMPTS, LIST_PROMPTS } from './prompts';
import { writeResults } from './resultsFiles';
import { profileLoad, runScaleSize } from './scaleSection';
import { startServer } from './serverProcess';
import { percentile } from './stats';
import { explainTargets, judgeTargets, judgeTurnTargets } from './targets';
import { pairedOrderText } from './pairedOrder';
import { runPairedRounds, sequentialWindows } from './pairedRounds';
import { runTurnRounds } from './turnRun';
import { SEQUENTIAL_WINDOWS } from './turnSection';
import { botSpec, botTarget } from './turnTargets';
import { fixedCard } from './servers/fixedCard';

const log = (line: string) => process.stderr.write(`${line}\n`);

function requireBuilt(): void {
  for (const file of [projectPath('dist', 'src', 'index.js'), join(__dirname, 'servers', 'cpuProbe.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }
}

/** The turn section's first start, then `count - 1` more, each also timed to /readyz (liveness and readiness differ). */
async function startupSamples(first: number, count: number, workDir: string): Promise<{ samplesMs: number[]; readySamplesMs: number[] }> {
  const samplesMs = [first];
  const readySamplesMs: number[] = [];
  for (let i = 1; i < count; i++) {
    const server = await startServer(botSpec(`startup-${i}`, workDir, { dataDir: join(workDir, `data-startup-${i}`) }));
    samplesMs.push(Math.round(server.startupMs));
    readySamplesMs.push(Math.round(await server.msUntilOk('/readyz')));
    await server.stop();
  }
  return { samplesMs, readySamplesMs };
}

function notesFor(options: BenchOptions, results: Pick<BenchResults, 'machine'>): string[] {
  const card = fixedCard();
  return [
    `Every server runs alone in its own process (node --require dist/bench/servers/cpuProbe.js); CPU is process.cpuUsage() of that process over the measured window (reset after warm-up) divided by completed requests; peak RSS is sampled every 100 ms over the window. Scale peak RSS is getrusage maxRSS of a fresh process that only loaded the export.`,
    `The load generator (autocannon, in the bench process) shares the machine's ${results.machine.cores} cores with the server under test; req/s and latency are therefore lower bounds, CPU per turn is not affected by that.`,
    `Each load connection is its own personal conversation (conversation state is read and written every turn but does not grow with the run); the prompts arrive one after another in that conversation, so the bot may read some as follow-ups of the one before, as it would in a chat.`,
    options.mix === 'analyze' || options.mix === 'list'
      ? `The card floor renders adaptiveCards/${card.template}.json through the bot's own renderer and reply mapping${card.provisional ? ' (PROVISIONAL: the recommendations card had not landed, the help card stands in)' : ''}. Floors use MemoryStorage; the bot uses its own SQLite conversation storage, so the analyze turn also pays for durable state. The durable floor (bench/servers/durableFloor.ts) is the bot itself, on its own SQLite storage, planning one fixed action every turn that sends the card floor's card: it splits the gap, and no target is judged against it.`
      : `The card floor of the ${mixNamed(options.mix).title} mix (bench/servers/mixFloor.ts) answers each prompt with a fixed reply of the kind the bot gave that prompt before the rounds (its details, breakdown, summary, fix or "which one?" card, or a count's sentence), built once at startup by the bot's own view builders from fixed rows and rendered every turn by the bot's own renderer and reply mapping; both are checked to give each prompt that kind again before every load. Floors use MemoryStorage; the bot its own SQLite conversation storage.`,
    `The bot runs as npm start runs it (dist/src/index.js with env/.env.local), except PORT (free port), HOST=127.0.0.1, DATA_DIR (scratch) and POSTURE_SNAPSHOT (empty = embedded demo tenant; the scale export otherwise).`,
    `${options.paired.windowSec > 0
      ? `Ratios are taken from neighbouring windows: every server is started, checked and warmed once (${options.warmupSec} s each, one after another), then each round runs ${options.paired.cycles} cycle(s) of ${options.paired.windowSec} s measured windows, each after ${options.paired.windowWarmupSec} s of unmeasured load on the same server, in the order ${pairedOrderText((name) => name !== 'durableFloor' || mixNamed(options.mix).floor === 'list')}; each window of a ratio's numerator is paired with the nearest window of its denominator, a round's ratio is the median of its pairs, and the run's the median of the rounds with their range (every pair's median, quartiles and range beside it). A target's CPU per turn in a round is all its windows' CPU over all their turns.`
      : `Ratios are taken within a round (the targets run one after another, minutes apart at most) and reported as the median of the rounds with their range.`} Before each round the bench idles for 2 s and measures the cores other processes keep busy; over ${options.gate.maxOtherCores} cores it waits up to ${options.gate.maxWaitSec} s, then runs the round and marks it contended; other work during a measured window, or a reference loop (fixed instructions timed in the bench before and after) moving more than ${REFERENCE_SHIFT_LIMIT}× across the round, makes it contended too. A round found contended is run, set aside and run again, up to ${options.repeatContended} time(s) a run; after that a contended round is kept and marked. ${options.paired.windowSec > 0 ? `The bare echo and the card floor are also measured one request at a time on one kept-alive connection, ${options.sequentialSec} s each a round after the concurrent windows (same processes), in ${sequentialWindows(options.sequentialSec)} alternating windows each (echo, card, card, echo, ...): CPU per turn is the median of a target's windows, the ratio the median of the neighbouring pairs` : `The bare echo and the card floor are also measured one request at a time on one kept-alive connection for ${options.sequentialSec} s after their concurrent load (same process; CPU per turn is the median of ${SEQUENTIAL_WINDOWS} windows of equal length)`}, for the sequential card floor / echo target.`,
    `Load: CPU of the loading process (all threads) from start of load to engine ready, against a parse-only floor (line-by-line JSON.parse of the same file in a fresh process) measured in the same run, in ${options.loadRounds} round(s) per size (each a fresh floor, then a fresh load on two threads as the bot loads a big export, then one on one thread where the file is big enough for two); the ratio is the median of the rounds' ratios with their range. Wall seconds are shown but depend on the machine and what else runs on it.`,
    `Scale turns: ${options.turnReps} rep(s) of each representative prompt sent one at a time, each in a new conversation (a standalone question, like its engine query), after one unmeasured warm turn each; engine: ${options.engineRuns} runs per query after 3 warm runs, governance judged as of the export's generatedAt.`,
  ];
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  requireBuilt();
  const workDir = mkdtempSync(join(tmpdir(), 'posture-bench-'));
  const partial = options.sections.length < 2;
  const mix = await resolveMix(mixNamed(options.mix));
  const prompts = mix.prompts;
  const classifier = createCardClassifier(projectPath('adaptiveCards'));
  const defaultBase = options.mix !== 'analyze' ? (options.mode === 'smoke' ? `${options.mix}-smoke.tmp` : `${options.mix}-latest`) : partial ? 'partial.tmp' : options.mode === 'smoke' ? 'smoke.tmp' : 'latest';
  const base = options.outBase ?? projectPath('bench', 'results', defaultBase);
  log(`posture-bot bench (${options.mode}); logs and scratch data in ${workDir}`);
  const machine = machineFacts();
  const results: BenchResults = {
    machine,
    commit: currentCommit(projectRoot()),
    command: `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString(),
    mode: options.mode,
    settings: { connections: options.connections, warmupSec: options.warmupSec, durationSec: options.durationSec, rounds: options.rounds, prompts: prompts.length, mix: options.mix, sequentialSec: options.sequentialSec, repeatContended: options.repeatContended, ...(options.paired.windowSec > 0 ? { paired: options.paired } : {}), scaleRows: partial && !options.sections.includes('scale') ? [] : options.scaleRows },
    turn: {} as BenchResults['turn'],
    turnDetails: {} as BenchResults['turnDetails'],
    startup: { demoTenantMs: 0, samplesMs: [] },
    scale: {},
    scaleDetails: {},
    cpuRatioToCardFloorByRound: [],
    targets: [],
    notes: notesFor(options, { machine }),
  };

  if (options.sections.includes('turn')) {
    log(`turns (${mix.title} mix):`);
    Object.assign(results, await (options.paired.windowSec > 0 ? runPairedRounds : runTurnRounds)(options, { mix, workDir, classifier, log }));
    const details = results.turnDetails;
    log('startup on the demo tenant:');
    const { samplesMs, readySamplesMs } = await startupSamples(details.analyze.startupMs, options.startupSamples, workDir);
    results.startup = { demoTenantMs: percentile(samplesMs, 50), samplesMs, ...(readySamplesMs.length > 0 ? { readyMs: percentile(readySamplesMs, 50), readySamplesMs } : {}) };
    log(`  ${samplesMs.join(', ')} ms to /healthz${readySamplesMs.length > 0 ? `; ${readySamplesMs.join(', ')} ms to /readyz` : ''}`);
    if (options.mode === 'smoke') {
      log('mixes (each prompt once, the bot and its floor):');
      results.mixChecks = await checkMixes(options.mix, { workDir, classifier, log });
    }
    if (options.profile) {
      log('profile: the bot under load (V8 CPU profiler over the load window)');
      results.profile = await profileTarget(botTarget(), { ...options, prompts: ANALYZE_PROMPTS, workDir, profileDir: projectPath('.data', 'bench', 'profiles') });
      for (const a of results.profile.byArea.slice(0, 6)) log(`  ${a.selfPct}% ${a.area}`);
      if (perfWorks()) {
        log('profile: on CPU (Linux perf), the list-card turn of the bot, the durable floor and the card floor');
        // A diagnosis, not a target: a perf that cannot record here (a kernel setting, a container) is logged, not fatal.
        try {
          results.onCpu = await onCpuProfile({ ...options, prompts: LIST_PROMPTS, mixTitle: mixNamed('list').title, workDir });
          for (const t of results.onCpu.targets) log(`  ${t.name}: ${t.cpuMsPerTurn} ms/turn; ${t.byArea.slice(0, 4).map((a) => `${a.name} ${a.msPerTurn}`).join(', ')}`);
        } catch (error) {
          log(`  on-CPU profile failed, left out: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else log('profile: on-CPU profile skipped (perf is not available or not allowed here)');
    }
  }

  if (options.sections.includes('scale')) {
    log('scale:');
    const scaleSettings = { engineRuns: options.engineRuns, turnReps: options.turnReps, loadRounds: options.loadRounds, workDir, cacheDir: projectPath('.data', 'bench'), log };
    for (const rows of options.scaleRows) {
      const { entry, detail } = await runScaleSize(rows, scaleSettings);
      results.scale[`rows_${rows}`] = entry;
      results.scaleDetails[`rows_${rows}`] = detail;
    }
    // The largest size up to 100k: big enough for the load to dominate, small enough to stay a few seconds.
    const profileRows = Math.max(0, ...options.scaleRows.filter((rows) => rows <= 100_000)) || Math.min(...options.scaleRows);
    if (options.profile) {
      log(`profile: loading ${profileRows} rows`);
      results.loadProfile = await profileLoad(profileRows, scaleSettings, projectPath('.data', 'bench', 'profiles'));
      for (const a of results.loadProfile.byArea.slice(0, 6)) log(`  ${a.selfPct}% ${a.area}`);
    }
  }

  // A turns-only run (a mix, --only turn) judges the turn targets alone; scale-only none.
  if (!partial) results.targets = explainTargets(judgeTargets(results), results);
  else if (options.sections.includes('turn')) results.targets = judgeTurnTargets(results);
  const outcome = writeResults(results, base, { checkShape: !partial });
  for (const t of results.targets) log(`target ${t.met ? 'met    ' : 'NOT MET'} ${t.name}: ${t.measured} (goal ${t.target})${t.note ? `; ${t.note}` : ''}`);
  log(`wrote ${outcome.jsonPath} and ${outcome.mdPath}`);
  if (outcome.problems.length > 0) {
    log(`results have the wrong shape:\n  ${outcome.problems.join('\n  ')}\nscratch kept in ${workDir}`);
    return 1;
  }
  rmSync(workDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
