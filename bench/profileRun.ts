// Profiles the bot under the same turn load with V8's sampling profiler, over the load window only.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './benchResults';
import { summarizeProfile } from './cpuProfile';
import { startServer } from './serverProcess';
import { measureTurns } from './turnLoad';
import type { TurnTarget } from './turnTargets';

export async function profileTarget(
  target: TurnTarget,
  settings: { connections: number; warmupSec: number; durationSec: number; prompts: readonly string[]; workDir: string; profileDir: string },
): Promise<NonNullable<BenchResults['profile']>> {
  mkdirSync(settings.profileDir, { recursive: true });
  // Kept after the run (the scratch folder is not), for a closer look in Chrome DevTools or VS Code.
  const file = join(settings.profileDir, `${target.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  const server = await startServer(target.spec(settings.workDir));
  try {
    const load = { prompts: settings.prompts, connections: settings.connections, warmupSec: 0, runTag: 'profile' };
    // Warm first, so the profile shows steady turns rather than module loading and JIT warm-up.
    await measureTurns(server, { ...load, durationSec: Math.max(1, settings.warmupSec) });
    await server.startProfile();
    await measureTurns(server, { ...load, durationSec: settings.durationSec });
    await server.stopProfile(file);
  } finally {
    await server.stop();
  }
  const summary = summarizeProfile(readFileSync(file, 'utf8'));
  return {
    how:
      `V8's sampling CPU profiler (the one behind node --cpu-prof), started through node:inspector by the bench preload in the bot process ` +
      `(dist/src/index.js, demo tenant) after a ${Math.max(1, settings.warmupSec)} s warm-up and stopped after ${settings.durationSec} s of the same ` +
      `rotating analyze prompts at ${settings.connections} connections; startup is excluded. The .cpuprofile is kept under .data/bench/profiles/. ` +
      'Self time is summed per function and per package/folder.',
    samples: summary.samples,
    top: summary.byFunction,
    byArea: summary.byArea,
  };
}
