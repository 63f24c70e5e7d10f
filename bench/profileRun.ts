// Profiles the bot under the same turn load with `node --cpu-prof`, then summarizes the profile.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './benchResults';
import { summarizeProfile } from './cpuProfile';
import { startServer } from './serverProcess';
import { measureTurns } from './turnLoad';
import type { TurnTarget } from './turnTargets';

export async function profileTarget(
  target: TurnTarget,
  settings: { connections: number; durationSec: number; prompts: readonly string[]; workDir: string },
): Promise<NonNullable<BenchResults['profile']>> {
  const dir = join(settings.workDir, 'cpu-prof');
  mkdirSync(dir, { recursive: true });
  const flags = ['--cpu-prof', '--cpu-prof-dir', dir];
  const server = await startServer(target.spec(settings.workDir, flags));
  try {
    await measureTurns(server, { prompts: settings.prompts, connections: settings.connections, warmupSec: 0, durationSec: settings.durationSec, runTag: 'profile' });
  } finally {
    // The probe exits normally on request, which is when V8 writes the profile.
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const summary = summarizeProfile(readFileSync(join(dir, file), 'utf8'));
  return {
    how: `node ${flags.slice(0, 2).join(' ')} <dir> dist/src/index.js (demo tenant), ${settings.connections} connections, ${settings.durationSec} s of the same rotating analyze prompts; the profile covers startup too. Self time summed per function and per package/folder.`,
    samples: summary.samples,
    top: summary.byFunction,
    byArea: summary.byArea,
  };
}
