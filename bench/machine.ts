// Facts about where the numbers were taken, so they are read with the right salt.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  totalMemMb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews everything. */
  loadAvg1mAtStart: number;
}

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAvg1mAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** HEAD's short hash, with `-dirty` when tracked files differ from it. Fixed arguments, no shell. */
export function currentCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}
