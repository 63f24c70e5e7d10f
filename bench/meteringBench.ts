// `npm run bench:metering`: what usage metering adds to a turn. Each turn of a metered bot makes one charge: read the
// tenant's counter for the window, add the units per user and action, write it back with its etag. Measured on SQLite
// (the default store) against a floor measured in the same run: one plain write of a record of the same size (what
// recording the turn's reply costs). Rounds interleave floor and charge; reported as the median of the rounds' p50 and
// p99 with their spread, and the ratio charge/floor. Users rotate over --users (default 50), so the counter holds a
// realistic per-user table. Options: --turns N (default 500), --rounds R (default 5), --users U.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../src/paths';
import { createSqliteDatabase } from '../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../src/storage/sqliteRecordsStore';
import { createUsageMeter, USAGE_COLLECTION } from '../src/usage/usageMeter';
import { percentile, round } from './stats';
import { positiveWholeArg } from './cliArgs';

const median = (xs: number[]) => percentile(xs, 50);
const ACTIONS = ['analyze', 'summarize', 'remediate', 'delegate', 'insights'];

async function main(): Promise<void> {
  const turns = positiveWholeArg('turns', 500);
  const rounds = positiveWholeArg('rounds', 5);
  const users = positiveWholeArg('users', 50);
  const dir = mkdtempSync(join(tmpdir(), 'posture-bot-metering-'));
  const database = createSqliteDatabase(dir);
  try {
    const records = createSqliteRecordsStore(database);
    const meter = createUsageMeter({ records, usage: { limitUnits: Number.MAX_SAFE_INTEGER, window: 'month' } });
    // Warm up: the counter reaches its full per-user table before timing.
    for (let n = 0; n < users * ACTIONS.length; n++) await meter.charge({ tenantId: 't1', userId: `u${n % users}`, action: ACTIONS[n % ACTIONS.length]!, units: 1 });
    const counter = (await records.list<unknown>(USAGE_COLLECTION))[0]?.value;
    const floorValue = { copy: counter };
    const samples = { floor: { p50: [] as number[], p99: [] as number[] }, charge: { p50: [] as number[], p99: [] as number[] } };
    for (let r = 0; r < rounds; r++) {
      const floor: number[] = [];
      const charge: number[] = [];
      for (let n = 0; n < turns; n++) {
        let t = process.hrtime.bigint();
        await records.put('bench-floor', `reply-${r}-${n}`, floorValue);
        floor.push(Number(process.hrtime.bigint() - t) / 1e6);
        t = process.hrtime.bigint();
        await meter.charge({ tenantId: 't1', userId: `u${n % users}`, action: ACTIONS[n % ACTIONS.length]!, units: 1 });
        charge.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      samples.floor.p50.push(percentile(floor, 50));
      samples.floor.p99.push(percentile(floor, 99));
      samples.charge.p50.push(percentile(charge, 50));
      samples.charge.p99.push(percentile(charge, 99));
    }
    const ratios = samples.charge.p50.map((c, i) => c / (samples.floor.p50[i] ?? c));
    const row = (name: 'floor' | 'charge') =>
      `| ${name === 'floor' ? 'floor: one record write of the same size' : 'usage charge (read counter, add, etag write)'} | ${round(median(samples[name].p50), 3)} | ${round(Math.min(...samples[name].p50), 3)}–${round(Math.max(...samples[name].p50), 3)} | ${round(median(samples[name].p99), 3)} |`;
    const text = [
      '# Usage metering: cost per turn (`npm run bench:metering`)',
      '',
      `${rounds} rounds x ${turns} turns, SQLite in a temp dir, ${users} users x ${ACTIONS.length} actions in the counter (${JSON.stringify(counter).length} bytes); node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end; ${new Date().toISOString()}.`,
      '',
      '| work per turn | p50 ms (median of rounds) | p50 spread | p99 ms (median of rounds) |',
      '|---|---|---|---|',
      row('floor'),
      row('charge'),
      '',
      `Charge / floor at p50: ${round(median(ratios))}x (rounds ${ratios.map((x) => round(x)).join(', ')}).`,
      '',
    ].join('\n');
    process.stdout.write(text);
    mkdirSync(projectPath('bench', 'results'), { recursive: true });
    writeFileSync(projectPath('bench', 'results', 'metering-latest.md'), text);
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
