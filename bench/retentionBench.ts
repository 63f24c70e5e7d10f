// `npm run bench:retention`: 20,000 turns against the real bot (startBot: demo tenant, SQLite under a fresh
// DATA_DIR, HTTP on loopback) with the retention job on, and the same turns with it off as the floor, measured in
// the same run and interleaved round by round. Retention times are scaled down to seconds so that pruning really
// runs during the bench. Reports the data folder's size after each round and the turn latency: the median of the
// rounds' p50/p99, their spread (min-max), and the ratio pruned/floor.
// Options: --turns N (default 20000 per mode), --rounds R (default 5), --concurrency C (default 4).
import { readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/loadConfig';
import { startBot, type Running } from '../src/index';
import { createSilentLogger } from '../src/logging/logger';
import { projectPath } from '../src/paths';
import { DEFAULT_DATABASE_FILE } from '../src/storage/sqliteDatabase';
import { messageActivity } from './activities';
import { percentile, round } from './stats';
import { positiveWholeArg } from './cliArgs';

interface Mode {
  name: 'floor' | 'pruned';
  running: Running;
  dataDir: string;
  sent: number;
}

interface RoundResult {
  mode: Mode['name'];
  round: number;
  turns: number;
  p50Ms: number;
  p99Ms: number;
  dataKb: number;
}


/** The data folder's size once the write-ahead log is folded into the database (so the WAL's own size does not hide growth). */
function folderKb(dir: string): number {
  const db = new Database(join(dir, DEFAULT_DATABASE_FILE));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return round(readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) / 1024, 0);
}
const median = (xs: number[]) => percentile(xs, 50);

async function startMode(name: Mode['name']): Promise<Mode> {
  const dataDir = mkdtempSync(join(tmpdir(), `posture-bot-bench-retention-${name}-`));
  const base = loadConfig({ env: { APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, envDir: projectPath('env') });
  // Seconds instead of days: the rows written early in the run outlive their retention while the run goes on.
  const retention =
    name === 'pruned'
      ? { ...base.retention, dedupMs: 3_000, conversationIdleMs: 3_000, replyRecordsMs: 3_000, auditMs: 3_000, pendingGraceMs: 3_000, intervalMs: 1_000, batchSize: 500 }
      : { ...base.retention, intervalMs: 24 * 3600_000 };
  const running = await startBot({ ...base, retention }, createSilentLogger());
  return { name, running, dataDir, sent: 0 };
}

async function turns(mode: Mode, count: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const n = ++mode.sent;
      // A new conversation every 4 turns: without pruning, state grows with every conversation ever seen.
      const body = JSON.stringify(messageActivity({ text: 'help', conversationId: `bench-${mode.name}-${Math.floor(n / 4)}`, userIndex: n % 50, activityId: `a-${n}` }));
      const started = performance.now();
      const res = await fetch(`${mode.running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (res.status !== 200 || !text.includes('"activities"')) throw new Error(`turn ${n} (${mode.name}) answered ${res.status}: ${text.slice(0, 200)}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

async function main(): Promise<void> {
  const total = positiveWholeArg('turns', 20_000);
  const rounds = positiveWholeArg('rounds', 5);
  const concurrency = positiveWholeArg('concurrency', 4);
  const perRound = Math.ceil(total / rounds);
  const modes = [await startMode('floor'), await startMode('pruned')];
  const results: RoundResult[] = [];
  try {
    for (const mode of modes) await turns(mode, 200, concurrency); // warm-up, not measured
    for (let r = 1; r <= rounds; r++) {
      // Interleaved so both modes meet the same machine load; the order alternates each round.
      for (const mode of r % 2 === 0 ? [...modes].reverse() : modes) {
        const latencies = await turns(mode, perRound, concurrency);
        results.push({ mode: mode.name, round: r, turns: mode.sent, p50Ms: round(percentile(latencies, 50), 2), p99Ms: round(percentile(latencies, 99), 2), dataKb: folderKb(mode.dataDir) });
        process.stderr.write(`round ${r} ${mode.name}: ${JSON.stringify(results[results.length - 1])}\n`);
      }
    }
  } finally {
    for (const mode of modes) {
      await mode.running.stop();
      rmSync(mode.dataDir, { recursive: true, force: true });
    }
  }
  const summary = (name: Mode['name']) => {
    const rows = results.filter((r) => r.mode === name);
    const p50 = rows.map((r) => r.p50Ms);
    const p99 = rows.map((r) => r.p99Ms);
    return {
      turns: rows[rows.length - 1]?.turns ?? 0,
      p50Ms: { median: median(p50), min: Math.min(...p50), max: Math.max(...p50) },
      p99Ms: { median: median(p99), min: Math.min(...p99), max: Math.max(...p99) },
      dataKbByRound: rows.map((r) => r.dataKb),
    };
  };
  const floor = summary('floor');
  const pruned = summary('pruned');
  const report = {
    turnsPerMode: total,
    rounds,
    concurrency,
    floor,
    pruned,
    ratio: { p50: round(pruned.p50Ms.median / floor.p50Ms.median, 3), p99: round(pruned.p99Ms.median / floor.p99Ms.median, 3) },
    dataGrowthKbPerTurn: {
      floor: round((floor.dataKbByRound[floor.dataKbByRound.length - 1]! - floor.dataKbByRound[0]!) / (total - perRound), 3),
      pruned: round((pruned.dataKbByRound[pruned.dataKbByRound.length - 1]! - pruned.dataKbByRound[0]!) / (total - perRound), 3),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:retention failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
