// How big the posture history grows: 1M assessments, 30 daily loads, each load changing a share of rows (fixed,
// newly open, exempted, deleted, newly assessed), recorded through the real history code into a real SQLite
// records store. Prints the database size after the first load and after each tenth, and the time per load.
// Usage: npm run build && node dist/bench/historySize.js [--rows 1000000] [--loads 30] [--churn 0.01]
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostureHistory } from '../src/posture/history/postureHistory';
import { hashOf, type State, type StateCode } from '../src/posture/history/stateCodes';
import { createSqliteDatabase } from '../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../src/storage/sqliteRecordsStore';
import { createPrng } from '../src/posture/demo/prng';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const rows = arg('--rows', 1_000_000);
  const loads = arg('--loads', 30);
  const churn = arg('--churn', 0.01);
  const dir = mkdtempSync(join(tmpdir(), 'history-bench-'));
  const database = createSqliteDatabase(dir);
  const records = createSqliteRecordsStore(database);
  const history = createPostureHistory(records);
  const size = () => ['', '-wal'].map((s) => join(database.file + s)).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
  const prng = createPrng('history-bench');
  const codes: StateCode[] = ['U', 'H', 'N'];
  const state: State = new Map();
  let next = 0;
  const newRow = () => hashOf(`/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${next}/providers/Microsoft.Security/assessments/${(next++).toString(16).padStart(8, '0')}`);
  for (let i = 0; i < rows; i += 1) state.set(newRow(), prng.weighted([['U', 0.35], ['H', 0.6], ['N', 0.05]] as const));
  const keys = [...state.keys()];
  const day = 86_400_000;
  const start = Date.parse('2026-11-01T06:00:00Z');
  const lines: string[] = [`rows ${rows.toLocaleString('en-US')}, loads ${loads}, churn ${(churn * 100).toFixed(2)}% of rows per load`];
  for (let load = 0; load < loads; load += 1) {
    if (load > 0) {
      const changes = Math.round(rows * churn);
      for (let c = 0; c < changes; c += 1) {
        const roll = prng.next();
        if (roll < 0.9) {
          const key = keys[prng.int(0, keys.length - 1)] as string;
          if (state.has(key)) state.set(key, codes[prng.int(0, 2)] as StateCode);
        } else if (roll < 0.95) {
          const key = keys[prng.int(0, keys.length - 1)] as string;
          state.delete(key);
        } else {
          const key = newRow();
          keys.push(key);
          state.set(key, 'U');
        }
      }
    }
    const t = performance.now();
    const written = await history.record(state, start + load * day);
    const ms = performance.now() - t;
    if (load === 0 || (load + 1) % 10 === 0) lines.push(`after load ${load + 1}: ${mb(size())} on disk; this load wrote ${written.toLocaleString('en-US')} entries in ${Math.round(ms)} ms`);
  }
  (database.connection as { pragma(s: string): unknown }).pragma('wal_checkpoint(TRUNCATE)');
  lines.push(`after checkpoint: ${mb(size())}`);
  const t = performance.now();
  const asOf = await history.stateAt(start + 7 * day);
  lines.push(`reading the state as of load 8: ${Math.round(performance.now() - t)} ms (${asOf?.state.size.toLocaleString('en-US')} rows)`);
  await records.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
