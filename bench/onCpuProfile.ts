// Where the list-card turn's CPU goes, on CPU only: the bot and its two floors (the durable floor, the card floor)
// each under the same list-mix load, sampled by Linux perf (cpu-clock, every thread of the process), summarized by
// area (bench/perfAreas.ts) and priced in CPU ms per turn with the probe's own CPU per turn over the same window.
// The difference of the bot and the durable floor per area is where the bot's own work per turn goes.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OnCpuReport } from './benchResults';
import { summarizePerfScript } from './perfAreas';
import { startServer } from './serverProcess';
import { measureTurns } from './turnLoad';
import { botTarget, durableFloorTarget, turnTargets, type TurnTarget } from './turnTargets';

const SAMPLE_HZ = 999;
/**
 * At least this long a warm-up: with --trace-opt the bot under the list load completed 633 optimizations in its first
 * 5 s, 71 in the next 5 s, then 4-18 per 5 s; V8's compiler threads would otherwise be a good part of the profile.
 */
const MIN_WARMUP_SEC = 20;

/** Whether `perf` can sample a child process here (it is absent on many machines, or forbidden in containers). */
export function perfWorks(): boolean {
  const probe = spawnSync('perf', ['stat', '-e', 'cpu-clock', '-x', ',', '--', process.execPath, '-e', '0'], { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0;
}

async function profileOne(target: TurnTarget, settings: { connections: number; warmupSec: number; durationSec: number; prompts: readonly string[]; workDir: string }) {
  const server = await startServer(target.spec(settings.workDir, ['--perf-basic-prof']));
  const data = join(settings.workDir, `${target.name}.perf.data`);
  try {
    const load = { prompts: settings.prompts, connections: settings.connections, warmupSec: 0, runTag: 'oncpu' };
    await measureTurns(server, { ...load, durationSec: Math.max(MIN_WARMUP_SEC, settings.warmupSec) });
    const perf = spawn('perf', ['record', '-F', String(SAMPLE_HZ), '-g', '-p', String(server.pid), '-o', data], { stdio: 'ignore' });
    // Handled at once: a spawn error must not surface as an unhandled rejection while the load runs.
    const exited = once(perf, 'exit').then(([code]) => code as number | null, (error: unknown) => error);
    await new Promise((r) => setTimeout(r, 500)); // attached
    const run = await measureTurns(server, { ...load, durationSec: settings.durationSec });
    perf.kill('SIGINT');
    const ended = await exited;
    if (ended instanceof Error) throw ended;
    if (ended !== 0 && ended !== null) throw new Error(`perf record exited with ${ended}`);
    await server.stop(); // the JIT symbol map (/tmp/perf-<pid>.map) is complete once the process is gone
    const script = spawnSync('perf', ['script', '-i', data, '-F', 'pid,tid,ip,sym,dso'], { encoding: 'utf8', maxBuffer: 2 ** 30 });
    if (script.status !== 0) throw new Error(`perf script failed: ${script.stderr}`);
    const summary = summarizePerfScript(script.stdout);
    const priced = (map: Map<string, number>) => [...map].map(([name, share]) => ({ name, pct: Math.round(share * 1000) / 10, msPerTurn: Math.round(share * run.cpuMsPerTurn * 1000) / 1000 }));
    return { name: target.name, cpuMsPerTurn: run.cpuMsPerTurn, requests: run.requests, samples: summary.samples, byArea: priced(summary.byArea), byLeaf: priced(summary.byLeaf) };
  } finally {
    await server.stop();
    rmSync(data, { force: true });
    rmSync(`/tmp/perf-${server.pid}.map`, { force: true });
  }
}

export async function onCpuProfile(settings: { connections: number; warmupSec: number; durationSec: number; prompts: readonly string[]; mixTitle: string; workDir: string }): Promise<OnCpuReport> {
  const cardFloor = turnTargets().find((t) => t.name === 'cardFloor');
  if (!cardFloor) throw new Error('no card floor target');
  const targets = [];
  for (const target of [botTarget(), durableFloorTarget(), cardFloor]) targets.push(await profileOne(target, settings));
  return {
    how:
      `Linux perf (cpu-clock at ${SAMPLE_HZ} Hz, call stacks, every thread of the process; node --perf-basic-prof names the JIT frames), ` +
      `over ${settings.durationSec} s of the ${settings.mixTitle} mix at ${settings.connections} connections after a ${Math.max(MIN_WARMUP_SEC, settings.warmupSec)} s warm-up, ` +
      'for the bot, the durable floor and the card floor, one after the other. A sample is taken only while a thread runs (waits are not in it). ' +
      'Each sample is charged to the nearest JavaScript frame with a script (through the bench\'s SQLite statement counter), GC apart; ' +
      "samples on V8's helper threads without JavaScript are their own row. Shares are priced with each server's CPU per turn over the same window (the probe's, all threads).",
    mix: settings.mixTitle,
    targets,
  };
}
