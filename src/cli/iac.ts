// `npm run --silent iac -- scan <dir> [--json | --sarif]` and `iac -- fix <dir> [--rule <id>] [--file <path>]`:
// the IaC scanner for engineers and pipelines. Results go to stdout, logs and parse errors to stderr.
// scan exits 0 when clean, 1 with findings, 2 on usage errors, 3 when files could not be parsed and nothing was found;
// fix exits 0 when every fix applied, 1 when any was refused.
import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { applyFixes } from '../iac/fixer';
import { unifiedDiff } from '../iac/patch';
import { findingsTable, sarifLog } from '../iac/report';
import { ruleById } from '../iac/rules/catalog';
import { listIacFiles, publicFinding, readSources, scanSources } from '../iac/scanner';

const USAGE = `Usage:
  iac scan <dir> [--json | --sarif]
  iac fix <dir> [--rule <id>] [--file <path>]`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]) {
  const [command, ...rest] = argv;
  if (command !== 'scan' && command !== 'fix') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json' || arg === '--sarif') flags.set(arg, true);
    else if (arg === '--rule' || arg === '--file') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, value);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError('give exactly one folder');
  if (command === 'scan' && (flags.has('--rule') || flags.has('--file'))) throw new UsageError('--rule and --file are options of fix');
  if (command === 'fix' && (flags.has('--json') || flags.has('--sarif'))) throw new UsageError('--json and --sarif are options of scan');
  if (flags.has('--json') && flags.has('--sarif')) throw new UsageError('choose --json or --sarif');
  const rule = flags.get('--rule');
  if (typeof rule === 'string' && !ruleById(rule)) throw new UsageError(`unknown rule "${rule}"`);
  return { command, dir: positional[0] as string, flags };
}

export async function runIacCli(argv: readonly string[], io: CliIo, cwd = process.cwd()): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
    const dir = resolve(cwd, args.dir);
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`${args.dir} is not a folder`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`iac: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(cwd, args.dir);
  const sources = await readSources(dir, await listIacFiles(dir));
  const scan = await scanSources(sources);
  for (const problem of scan.problems) io.err(`${problem.file}:${problem.line}: ${problem.message} (skipped)\n`);
  if (args.command === 'scan') {
    const findings = scan.findings.map(publicFinding);
    if (args.flags.has('--json')) io.out(`${JSON.stringify(findings.map(({ language: _language, ...f }) => f), null, 2)}\n`);
    else if (args.flags.has('--sarif')) io.out(`${JSON.stringify(sarifLog(findings), null, 2)}\n`);
    else io.out(findingsTable(findings));
    io.err(`iac: ${sources.length} files read, ${scan.findings.length} findings, ${scan.problems.length} unparsable\n`);
    if (findings.length > 0) return 1;
    return scan.problems.length > 0 ? 3 : 0;
  }
  const rule = args.flags.get('--rule');
  const file = args.flags.get('--file');
  const wanted = scan.findings.filter((f) => (typeof rule !== 'string' || f.ruleId === rule) && (typeof file !== 'string' || f.file === file.replace(/\\/g, '/').replace(/^\.\//, '')));
  const outcome = await applyFixes(sources, wanted);
  for (const changed of outcome.changedFiles) await writeFile(join(dir, ...changed.split('/')), outcome.sources.find((s) => s.file === changed)?.text ?? '', 'utf8');
  io.out(unifiedDiff(sources, outcome.sources, outcome.changedFiles));
  for (const refused of outcome.refused) io.err(`refused ${refused.finding.ruleId} at ${refused.finding.file}:${refused.finding.line}: ${refused.reason}\n`);
  io.err(`iac: ${outcome.applied.length} fixed, ${outcome.refused.length} refused, ${outcome.changedFiles.length} files changed\n`);
  return outcome.refused.length > 0 ? 1 : 0;
}

if (require.main === module) {
  runIacCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`iac: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
