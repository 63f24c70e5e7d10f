// Scale: per size, the engine alone in a fresh process, then a whole bot turn on the same export.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../src/paths';
import { promisify } from 'node:util';
import { messageActivity } from './activities';
import type { BenchResults, LoadRound, ScaleDetail } from './benchResults';
import { summarizeProfile } from './cpuProfile';
import { ensureDemoExport } from './demoExports';
import { REPRESENTATIVE_QUERIES } from './prompts';
import type { ScaleEntry } from './resultsShape';
import { startServer } from './serverProcess';
import type { ParseFloorResult } from './servers/parseFloor';
import type { ScaleProbeResult } from './servers/scaleProbe';
import { percentile, round } from './stats';
import { sendOne } from './turnLoad';
import { botSpec } from './turnTargets';

const run = promisify(execFile);

export interface ScaleSettings {
  engineRuns: number;
  turnReps: number;
  loadRounds: number;
  workDir: string;
  cacheDir: string;
  log: (line: string) => void;
}

async function probeEngine(path: string, runs: number, threads?: 1 | 2): Promise<ScaleProbeResult> {
  const env = threads === undefined ? process.env : { ...process.env, BENCH_LOAD_THREADS: String(threads) };
  const { stdout } = await run(process.execPath, [join(__dirname, 'servers', 'scaleProbe.js'), path, String(runs)], { maxBuffer: 4 * 2 ** 20, env });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ScaleProbeResult;
}

/** The parse-only floor of the same file, in its own fresh process: the loader's CPU is judged against it. */
async function parseFloor(path: string): Promise<ParseFloorResult> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'servers', 'parseFloor.js'), path], { maxBuffer: 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ParseFloorResult;
}

const median = (values: readonly number[]): number => percentile([...values], 50);
const ratioOf = (load: ScaleProbeResult, floor: ParseFloorResult): number => round(load.loadCpuMs / Math.max(1, floor.cpuMs), 2);

/**
 * The load-CPU ratio over rounds: round 1 is the engine probe's own load beside its floor; every further round a fresh
 * floor, then a fresh load (the probe's query runs kept to one). Where the file loaded on two threads, each round also
 * loads it on one, so both figures stand side by side: two threads buy wall time with CPU.
 */
async function loadRounds(path: string, first: ScaleProbeResult, firstFloor: ParseFloorResult, settings: ScaleSettings, rows: number): Promise<LoadRound[]> {
  const rounds: LoadRound[] = [];
  for (let i = 0; i < Math.max(1, settings.loadRounds); i++) {
    const floor = i === 0 ? firstFloor : await parseFloor(path);
    const load = i === 0 ? first : await probeEngine(path, 1);
    const one = first.loadThreads === 2 ? await probeEngine(path, 1, 1) : undefined;
    const round: LoadRound = { floorCpuMs: floor.cpuMs, loadCpuMs: load.loadCpuMs, loadMs: load.loadMs, peakRssMb: load.peakRssMb, ratio: ratioOf(load, floor) };
    if (one) round.oneThread = { loadCpuMs: one.loadCpuMs, loadMs: one.loadMs, peakRssMb: one.peakRssMb, ratio: ratioOf(one, floor) };
    settings.log(`  ${rows} rows: load round ${i + 1}: ${round.ratio}x the floor (${round.loadCpuMs} vs ${round.floorCpuMs} ms CPU, ${round.loadMs} ms wall)${round.oneThread ? `; one thread ${round.oneThread.ratio}x (${round.oneThread.loadCpuMs} ms CPU, ${round.oneThread.loadMs} ms wall)` : ''}`);
    rounds.push(round);
  }
  return rounds;
}

/** The rounds' medians and ranges, as the results keep them. */
function loadFigures(rounds: readonly LoadRound[]): Pick<ScaleDetail, 'loadCpuMs' | 'parseFloorCpuMs' | 'loadCpuRatio' | 'loadCpuRatioRange' | 'loadCpuRatioOfLeast' | 'oneThread'> & { loadRounds: LoadRound[] } {
  const ratios = rounds.map((r) => r.ratio);
  // Interference only ever adds CPU, and the floor's own spread can be wide (1M: 7.5-10.3 s in one run): the least load
  // over the least floor is the ratio no slow floor can flatter.
  const ones = rounds.flatMap((r) => (r.oneThread ? [r.oneThread] : []));
  return {
    loadCpuMs: Math.round(median(rounds.map((r) => r.loadCpuMs))),
    parseFloorCpuMs: Math.round(median(rounds.map((r) => r.floorCpuMs))),
    loadCpuRatio: round(median(ratios), 2),
    loadCpuRatioRange: [Math.min(...ratios), Math.max(...ratios)],
    loadCpuRatioOfLeast: round(Math.min(...rounds.map((r) => r.loadCpuMs)) / Math.max(1, Math.min(...rounds.map((r) => r.floorCpuMs))), 2),
    ...(ones.length > 0
      ? {
          oneThread: {
            loadCpuMs: Math.round(median(ones.map((o) => o.loadCpuMs))),
            loadMs: Math.round(median(ones.map((o) => o.loadMs))),
            peakRssMb: Math.max(...ones.map((o) => o.peakRssMb)),
            ratio: round(median(ones.map((o) => o.ratio)), 2),
            ratioRange: [Math.min(...ones.map((o) => o.ratio)), Math.max(...ones.map((o) => o.ratio))],
          },
        }
      : {}),
    loadRounds: [...rounds],
  };
}

/** The load of one export under V8's profiler (a separate run: profiling slows the load it would time). */
export async function profileLoad(rows: number, settings: ScaleSettings, profileDir: string): Promise<NonNullable<BenchResults['loadProfile']>> {
  const file = await ensureDemoExport(rows, settings.cacheDir, settings.log);
  const dir = join(profileDir, `load-${rows}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, join(__dirname, 'servers', 'scaleProbe.js'), file.path, '1'], { maxBuffer: 4 * 2 ** 20 });
  // One file per thread: the loader may parse on worker threads.
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (profiles.length === 0) throw new Error(`no .cpuprofile written in ${dir}`);
  const summary = summarizeProfile(profiles.map((f) => readFileSync(join(dir, f), 'utf8')));
  return {
    how: `node --cpu-prof dist/bench/servers/scaleProbe.js on the ${rows}-row export (load, then one run of each query), ${profiles.length} thread profile(s) summed; kept in ${relative(projectRoot(), dir)}`,
    samples: summary.samples,
    top: summary.byFunction,
    byArea: summary.byArea,
  };
}

async function botTurns(path: string, rows: number, settings: ScaleSettings) {
  // Startup includes the load: on a shared machine 1M rows took 240 s of wall time (36 s quiet), so the wait grows
  // with the rows instead of failing the section.
  const spec = botSpec(`bot-${rows}`, settings.workDir, { snapshot: path, dataDir: join(settings.workDir, `data-${rows}`) });
  const server = await startServer({ ...spec, startTimeoutMs: Math.max(spec.startTimeoutMs ?? 0, 120_000 + rows * 0.6) });
  try {
    const perPrompt = REPRESENTATIVE_QUERIES.map(() => [] as number[]);
    const replies: string[] = REPRESENTATIVE_QUERIES.map(() => '');
    let n = 0;
    // One warm turn per prompt first: the first turn after startup pays for lazy work that later turns do not.
    for (let rep = -1; rep < settings.turnReps; rep++) {
      for (const [i, query] of REPRESENTATIVE_QUERIES.entries()) {
        // A new conversation each time: the question stands alone, as the engine query it is compared with does.
        const body = JSON.stringify(messageActivity({ text: query.prompt, conversationId: `a:bench-scale-${rows}-${n}`, userIndex: 0, activityId: `scale-${rows}-${n++}` }));
        const answer = await sendOne(server, body);
        if (answer.status !== 200 || !answer.reply) throw new Error(`bot at ${rows} rows answered "${query.prompt}" with HTTP ${answer.status} ${answer.error ?? ''}`);
        if (rep < 0) {
          replies[i] = answer.reply.cardContentTypes.length > 0 ? 'card' : `text: ${answer.reply.text.slice(0, 80)}`;
          continue;
        }
        perPrompt[i]?.push(answer.ms);
      }
    }
    const probe = await server.readProbe();
    return { perPrompt, replies, startupMs: Math.round(server.startupMs), peakRssMb: round(probe.lifetimeMaxRssMb, 1) };
  } finally {
    await server.stop();
  }
}

export async function runScaleSize(rows: number, settings: ScaleSettings): Promise<{ entry: ScaleEntry; detail: ScaleDetail }> {
  const file = await ensureDemoExport(rows, settings.cacheDir, settings.log);
  settings.log(`  ${rows} rows: engine probe (${file.fileMb} MB export)`);
  const engine = await probeEngine(file.path, settings.engineRuns);
  settings.log(`  ${rows} rows: loaded in ${engine.loadMs} ms, peak RSS ${engine.peakRssMb} MB, engine p50 ${engine.engine.p50Ms} / p95 ${engine.engine.p95Ms} ms; parse-only floor`);
  const floor = await parseFloor(file.path);
  const load = loadFigures(await loadRounds(file.path, engine, floor, settings, rows));
  settings.log(`  ${rows} rows: load CPU ${load.loadCpuMs} ms = ${load.loadCpuRatio}x the parse-only floor (${load.parseFloorCpuMs} ms CPU), median of ${load.loadRounds.length} round(s); bot turns`);
  const bot = await botTurns(file.path, rows, settings);
  const allTurns = bot.perPrompt.flat();
  const entry: ScaleEntry = {
    loadMs: Math.round(median(load.loadRounds.map((r) => r.loadMs))),
    rssMb: Math.max(...load.loadRounds.map((r) => r.peakRssMb)),
    engine: engine.engine,
    turn: { p50Ms: round(percentile(allTurns, 50)), p95Ms: round(percentile(allTurns, 95)) },
  };
  settings.log(`  ${rows} rows: bot started in ${bot.startupMs} ms, turn p50 ${entry.turn.p50Ms} / p95 ${entry.turn.p95Ms} ms`);
  const detail: ScaleDetail = {
    ...(file.generateMs !== undefined ? { generateMs: file.generateMs } : {}),
    fileMb: file.fileMb,
    assessmentRows: engine.assessmentRows,
    heapUsedMb: engine.heapUsedMb,
    engineRunsPerQuery: settings.engineRuns,
    turnRepsPerPrompt: settings.turnReps,
    botStartupMs: bot.startupMs,
    botPeakRssMb: bot.peakRssMb,
    ...load,
    loadThreads: engine.loadThreads,
    parseFloorWallMs: floor.wallMs,
    engineOnly: engine.engineOnly,
    ...(engine.scoped ? { scoped: engine.scoped } : {}),
    perQuery: REPRESENTATIVE_QUERIES.map((q, i) => {
      const e = engine.perQuery[i];
      const turns = bot.perPrompt[i] ?? [];
      return {
        name: q.name,
        prompt: q.prompt,
        resultCount: e?.resultCount ?? -1,
        engineP50Ms: e?.p50Ms ?? Number.NaN,
        engineP95Ms: e?.p95Ms ?? Number.NaN,
        turnP50Ms: round(percentile(turns, 50)),
        turnP95Ms: round(percentile(turns, 95)),
        turnReply: bot.replies[i] ?? '',
      };
    }),
  };
  return { entry, detail };
}
