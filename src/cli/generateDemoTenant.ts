// Regenerates the embedded demo tenant (src/posture/demo/demo-tenant.json), or with --scale N writes a larger tenant
// with exactly N assessment rows as JSON Lines for benchmarks. Counts go to stdout, logs to stderr.
// Without --scale it also writes the demo tenant's generated history (demo-history.json); --history-only writes
// just that, from the tenant file as it is.
// Usage: node dist/src/cli/generateDemoTenant.js [--scale N] [--out path] [--generated-at ISO] [--seed s] [--history-only]
import { resolve } from 'node:path';
import { createLogger } from '../logging/logger';
import { projectPath } from '../paths';
import { DEFAULT_GENERATED_AT, DEFAULT_SEED, parseGeneratedAt } from '../posture/demo/generator';
import { writeDemoTenantFile, writeDemoTenantJsonLines, type RowCounts } from '../posture/demo/tenantFile';
import { DEMO_HISTORY_PATH } from '../posture/demo/history';
import { writeDemoHistoryFile } from '../posture/demo/historyFile';

export interface GenerateArgs {
  scale?: number;
  out: string;
  generatedAt: string;
  seed: string;
  historyOnly?: boolean;
}

export const DEMO_TENANT_PATH = ['src', 'posture', 'demo', 'demo-tenant.json'] as const;
/** Far more than any benchmark needs; stops a typo from filling the disk. */
const MAX_SCALE = 50_000_000;

const USAGE = 'usage: generateDemoTenant [--scale N] [--out path] [--generated-at ISO-8601] [--seed text]';

/** Parses argv (without node and script); throws Error with a message meant for the person at the terminal. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  const values = new Map<string, string>();
  const historyOnly = argv.includes('--history-only');
  const args = argv.filter((a) => a !== '--history-only');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    if (!['--scale', '--out', '--generated-at', '--seed'].includes(flag)) throw new Error(`unknown argument ${JSON.stringify(flag)}\n${USAGE}`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
    i++;
  }
  const scaleText = values.get('--scale');
  let scale: number | undefined;
  if (scaleText !== undefined) {
    if (!/^\d+$/.test(scaleText.replace(/_/g, ''))) throw new Error(`--scale must be a whole number, got ${JSON.stringify(scaleText)}`);
    scale = Number(scaleText.replace(/_/g, ''));
    if (scale < 1 || scale > MAX_SCALE) throw new Error(`--scale must be between 1 and ${MAX_SCALE}`);
  }
  const generatedAt = values.get('--generated-at') ?? DEFAULT_GENERATED_AT;
  parseGeneratedAt(generatedAt);
  const outText = values.get('--out');
  const out = outText !== undefined ? resolve(outText)
    : scale === undefined ? projectPath(...DEMO_TENANT_PATH) : projectPath('.data', `demo-tenant-${scale}.jsonl`);
  return { ...(scale !== undefined ? { scale } : {}), out, generatedAt, seed: values.get('--seed') ?? DEFAULT_SEED, ...(historyOnly ? { historyOnly } : {}) };
}

export async function runGenerateDemoTenant(args: GenerateArgs): Promise<RowCounts> {
  const options = { generatedAt: args.generatedAt, seed: args.seed };
  if (args.scale !== undefined) return writeDemoTenantJsonLines(args.out, { ...options, assessmentCount: args.scale });
  const counts: RowCounts = args.historyOnly ? {} : await writeDemoTenantFile(args.out, options);
  const history = await writeDemoHistoryFile(args.out, args.out === projectPath(...DEMO_TENANT_PATH) ? DEMO_HISTORY_PATH() : `${args.out}.history.json`, args.seed);
  return { ...counts, historyChanges: history.loads.reduce((n, l) => n + l.changes.length, 0) };
}

export function formatCounts(out: string, counts: RowCounts, ms: number): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const lines = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `  ${type}: ${n}`);
  return `wrote ${total} rows to ${out} in ${(ms / 1000).toFixed(1)} s\n${lines.join('\n')}\n`;
}

if (require.main === module) {
  const log = createLogger({ name: 'generateDemoTenant' });
  let args: GenerateArgs;
  try {
    args = parseGenerateArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generateDemoTenant: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  log.info({ out: args.out, scale: args.scale, generatedAt: args.generatedAt, seed: args.seed }, 'generating demo tenant');
  runGenerateDemoTenant(args).then(
    (counts) => process.stdout.write(formatCounts(args.out, counts, performance.now() - started)),
    (error: unknown) => {
      log.error({ err: error }, 'demo tenant generation failed');
      process.exitCode = 1;
    },
  );
}
