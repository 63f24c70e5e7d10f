// Fake `az`, `aws` and `gcloud` executables for running generated scripts: each records its argument vector as one
// JSON line in a log, and nothing else is on PATH, so any other external command the script tried would fail.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScriptRun {
  status: number | null;
  stderr: string;
  /** One entry per CLI call: [program, ...argv]. */
  calls: string[][];
  /** Files in the working directory after the run (a 'pwned' file would show up here). */
  filesAfter: string[];
}

const RECORDER = (log: string, program: string): string =>
  [
    `#!${process.execPath}`,
    `require('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify([${JSON.stringify(program)}, ...process.argv.slice(2)]) + '\\n');`,
    '',
  ].join('\n');

export function runWithFakeClis(scriptText: string): ScriptRun {
  const root = mkdtempSync(join(tmpdir(), 'remediation-run-'));
  try {
    const bin = join(root, 'bin');
    const work = join(root, 'work');
    const log = join(root, 'calls.jsonl');
    for (const dir of [bin, work]) spawnSync('mkdir', ['-p', dir]);
    for (const program of ['az', 'aws', 'gcloud']) {
      const path = join(bin, program);
      writeFileSync(path, RECORDER(log, program));
      chmodSync(path, 0o755);
    }
    const script = join(root, 'fix.sh');
    writeFileSync(script, scriptText);
    const result = spawnSync('/usr/bin/bash', [script], { cwd: work, env: { PATH: bin, HOME: root }, encoding: 'utf8' });
    const calls = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((line) => line.length > 0)
          .map((line) => JSON.parse(line) as string[])
      : [];
    return { status: result.status, stderr: result.stderr, calls, filesAfter: readdirSync(work) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `bash -n` and shellcheck over one script; returns their outputs (empty when clean). */
export function lintBash(scriptText: string): { syntax: string; shellcheck: string; shellcheckStatus: number | null } {
  const root = mkdtempSync(join(tmpdir(), 'remediation-lint-'));
  try {
    const script = join(root, 'fix.sh');
    writeFileSync(script, scriptText);
    const syntax = spawnSync('/usr/bin/bash', ['-n', script], { encoding: 'utf8' });
    const check = spawnSync('shellcheck', ['--shell=bash', '--severity=style', script], { encoding: 'utf8' });
    return { syntax: `${syntax.stderr}${syntax.status === 0 ? '' : ` (exit ${syntax.status})`}`, shellcheck: `${check.stdout}${check.stderr}`, shellcheckStatus: check.status };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * shellcheck is required (Debian package `shellcheck`); a machine without it may skip only by saying so explicitly
 * with REMEDIATION_SKIP_SHELLCHECK=1, so a CI image that lacks it fails instead of passing silently.
 */
export const SHELLCHECK_AVAILABLE = ((): boolean => {
  if (spawnSync('shellcheck', ['--version']).status === 0) return true;
  if (process.env.REMEDIATION_SKIP_SHELLCHECK === '1') return false;
  throw new Error('shellcheck is not installed (apt-get install shellcheck); set REMEDIATION_SKIP_SHELLCHECK=1 to skip it knowingly');
})();
