// One scale measurement in a fresh process: load an export into the columnar engine (time, peak RSS), then time
// the representative queries. Prints one JSON line on stdout, so the runner needs nothing else from this process.
import { createPostureStoreBuilder } from '../../src/posture/store';
import { createExportFileSource } from '../../src/posture/source';
import type { LoadThreads } from '../../src/posture/load/parallelLoad';
import { SYSTEM_VIEWER, type Viewer } from '../../src/posture/viewer';
import { ENGINE_QUERIES, REPRESENTATIVE_QUERIES } from '../prompts';
import { percentile, round } from '../stats';

export interface QueryTiming {
  name: string;
  resultCount: number;
  p50Ms: number;
  p95Ms: number;
  /** Process CPU time per run (not waiting for a core on a shared machine). */
  cpuP50Ms?: number;
  cpuP95Ms?: number;
}

export interface ScaleProbeResult {
  loadMs: number;
  /** CPU of the whole process (main thread and the loader's workers) from start of load to engine ready. */
  loadCpuMs: number;
  /** Threads the load ran on (BENCH_LOAD_THREADS, see loadThreads). */
  loadThreads: number;
  peakRssMb: number;
  rssAfterLoadMb: number;
  heapUsedMb: number;
  assessmentRows: number;
  sourceRows: number;
  engine: { p50Ms: number; p95Ms: number };
  perQuery: QueryTiming[];
  /** Engine-only queries (parameters read from the data), each reported on its own, never pooled. */
  engineOnly: QueryTiming[];
  /** Every query again for a viewer whose access scope is one subscription (the one with the most rows). */
  scoped?: ScopedTimings;
}

export interface ScopedTimings {
  /** What the viewer may see, and how many live rows that is. */
  scope: string;
  visibleRows: number;
  queries: QueryTiming[];
}

const WARM_RUNS = 3;

/**
 * The bot loads with POSTURE_LOAD_THREADS=auto: two threads while a core is idle, as on a quiet machine. The probe
 * asks for two (or BENCH_LOAD_THREADS: 1, 2 or auto), so that one run's load figure does not flip with the machine's
 * load average of the moment; a file under the worker's minimum size loads on one thread all the same.
 */
function loadThreads(): LoadThreads {
  const text = process.env.BENCH_LOAD_THREADS ?? '2';
  if (text === 'auto') return 'auto';
  if (text === '1' || text === '2') return Number(text) as 1 | 2;
  throw new Error(`BENCH_LOAD_THREADS must be 1, 2 or auto, got ${text}`);
}

async function main(): Promise<void> {
  const [path, runsText] = process.argv.slice(2);
  const runs = Number(runsText);
  if (!path || !Number.isInteger(runs) || runs < 1) throw new Error('usage: scaleProbe.js <export path> <runs per query>');

  let exportTime: number | undefined;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  // Governance states are judged as of the export's own date, so "overdue" means what it meant when exported.
  const builder = createPostureStoreBuilder({ now: () => exportTime ?? Date.now() });
  const report = await createExportFileSource({ path, threads: loadThreads() }).load(builder);
  exportTime = report.generatedAt;
  const engine = builder.finish();
  const loadMs = performance.now() - started;
  const loadCpu = process.cpuUsage(cpuAtStart);
  const memory = process.memoryUsage();
  // maxRSS (kilobytes) covers this whole process, whose life so far is the load: the true peak, unsampled.
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);

  const all: number[] = [];
  const time = (name: string, run: (e: typeof engine, viewer: Viewer) => number, viewer: Viewer = SYSTEM_VIEWER) => {
    let resultCount = 0;
    for (let i = 0; i < WARM_RUNS; i++) resultCount = run(engine, viewer);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      run(engine, viewer);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    // CPU time too: on a shared machine the wall time includes waiting for a core, the CPU time does not.
    return { times, entry: { name, resultCount, p50Ms: round(percentile(times, 50), 3), p95Ms: round(percentile(times, 95), 3), cpuP50Ms: round(percentile(cpuTimes, 50), 3), cpuP95Ms: round(percentile(cpuTimes, 95), 3) } };
  };
  const perQuery: ScaleProbeResult['perQuery'] = [];
  for (const query of REPRESENTATIVE_QUERIES) {
    const { times, entry } = time(query.name, query.run);
    all.push(...times);
    perQuery.push(entry);
  }
  const engineQueries = (viewer: Viewer): QueryTiming[] => {
    const context = { engine, viewer, now: exportTime ?? Date.now() };
    return ENGINE_QUERIES.map((query) => {
      const run = query.prepare(context);
      return run ? time(query.name, run, viewer).entry : { name: `${query.name} (nothing in the data to ask)`, resultCount: 0, p50Ms: Number.NaN, p95Ms: Number.NaN };
    });
  };
  const engineOnly = engineQueries(SYSTEM_VIEWER);
  // Every answer is scoped to its viewer: a scoped viewer's queries also intersect the rows its scope lets it see.
  const biggest = engine.group(SYSTEM_VIEWER, {}, 'subscription').groups.find((g) => g.count > 0 && g.key !== '');
  let scoped: ScopedTimings | undefined;
  if (biggest) {
    const viewer: Viewer = { userId: 'bench-scoped', displayName: 'bench scoped viewer', scope: { subscriptions: [biggest.key] } };
    const queries = [...REPRESENTATIVE_QUERIES.map((query) => time(query.name, query.run, viewer).entry), ...engineQueries(viewer)];
    scoped = { scope: `one subscription (${biggest.label || biggest.key})`, visibleRows: engine.capabilities(viewer).assessmentCount, queries };
  }

  const result: ScaleProbeResult = {
    loadMs: Math.round(loadMs),
    loadCpuMs: Math.round((loadCpu.user + loadCpu.system) / 1000),
    loadThreads: report.threads ?? 1,
    peakRssMb,
    rssAfterLoadMb: round(memory.rss / 2 ** 20, 1),
    heapUsedMb: round(memory.heapUsed / 2 ** 20, 1),
    assessmentRows: engine.capabilities(SYSTEM_VIEWER).assessmentCount,
    sourceRows: report.rows,
    engine: { p50Ms: round(percentile(all, 50), 3), p95Ms: round(percentile(all, 95), 3) },
    perQuery,
    engineOnly,
    ...(scoped ? { scoped } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`scale probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
