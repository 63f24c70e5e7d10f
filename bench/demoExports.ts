// Scale exports from the demo-tenant generator, cached under .data/bench/ by size and generator version
// (a hash of the compiled generator), so a changed generator is never measured with a stale file.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../src/paths';

const run = promisify(execFile);

export interface DemoExport {
  path: string;
  rows: number;
  fileMb: number;
  /** Absent when the file came from the cache. */
  generateMs?: number;
}

export function generatorCli(): string {
  return projectPath('dist', 'src', 'cli', 'generateDemoTenant.js');
}

export function generatorVersion(): string {
  const hash = createHash('sha256');
  const demoDir = projectPath('dist', 'src', 'posture', 'demo');
  const files = existsSync(demoDir) ? readdirSync(demoDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(demoDir, f)) : [];
  for (const file of [...files, generatorCli()]) {
    if (existsSync(file)) hash.update(file.slice(demoDir.length)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

export async function ensureDemoExport(rows: number, cacheDir: string, log: (line: string) => void): Promise<DemoExport> {
  if (!existsSync(generatorCli())) throw new Error(`the demo tenant generator is not built (${generatorCli()}): run npm run build`);
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `demo-${rows}-${generatorVersion()}.jsonl`);
  const fileMb = () => Math.round((statSync(path).size / 2 ** 20) * 10) / 10;
  if (existsSync(path)) return { path, rows, fileMb: fileMb() };
  // Files of this size from an older generator are stale for good: drop them rather than let .data/bench grow.
  for (const old of readdirSync(cacheDir).filter((f) => f.startsWith(`demo-${rows}-`) && f.endsWith('.jsonl'))) rmSync(join(cacheDir, old), { force: true });
  const partial = `${path}.partial-${process.pid}`;
  log(`  generating ${rows} assessment rows -> ${path}`);
  const started = performance.now();
  try {
    // Fixed argument list, no shell: nothing here comes from outside the bench.
    await run(process.execPath, [generatorCli(), '--scale', String(rows), '--out', partial], { maxBuffer: 16 * 2 ** 20 });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { path, rows, fileMb: fileMb(), generateMs: Math.round(performance.now() - started) };
}
