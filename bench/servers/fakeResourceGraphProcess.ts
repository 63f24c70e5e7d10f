// The live-read bench's Resource Graph, in its own process so the reader's RSS is measured alone: generates a demo
// estate of N assessments once into one JSON Lines file per table, then serves it through the loopback fake,
// streaming each table from disk page by page (nothing of the estate is held in memory).
// Usage (forked by bench/azureReadBench.ts): node dist/bench/servers/fakeResourceGraphProcess.js <assessments> <dir>
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { demoTenantRows } from '../../src/posture/demo/generator';
import { startFakeResourceGraph, tableOf, type Table } from './fakeResourceGraph';

const TABLES: Table[] = ['resourcecontainers', 'securityresources', 'resources'];

function* rowsOf(file: string): Generator<unknown> {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) yield JSON.parse(line);
    }
    rest += decoder.end();
    if (rest) yield JSON.parse(rest);
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const assessments = Number(process.argv[2]);
  const dir = process.argv[3] ?? '.';
  const started = performance.now();
  const fds = new Map(TABLES.map((table) => [table, openSync(join(dir, `${table}.jsonl`), 'w')]));
  const counts: Record<string, number> = {};
  let pending = new Map<Table, string[]>(TABLES.map((table) => [table, []]));
  const flush = (): void => {
    for (const [table, lines] of pending) if (lines.length > 0) writeSync(fds.get(table) as number, `${lines.join('\n')}\n`);
    pending = new Map<Table, string[]>(TABLES.map((table) => [table, []]));
  };
  let n = 0;
  for (const row of demoTenantRows({ assessmentCount: assessments })) {
    const table = tableOf(row);
    counts[table] = (counts[table] ?? 0) + 1;
    pending.get(table)?.push(JSON.stringify(row));
    if (++n % 10_000 === 0) flush();
  }
  flush();
  for (const fd of fds.values()) closeSync(fd);
  const generateMs = Math.round(performance.now() - started);
  let pageMs = 0;
  const fake = await startFakeResourceGraph({ stream: (table) => rowsOf(join(dir, `${table}.jsonl`)), onPageBuilt: (ms) => (pageMs += ms) });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'pageMs') process.send?.({ type: 'pageMs', pageMs: Math.round(pageMs) });
    if (message.type === 'stop') void fake.close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port: fake.port, rows: n, counts, generateMs });
}

main().catch((error: unknown) => {
  process.stderr.write(`fake Resource Graph failed: ${String(error)}\n`);
  process.exit(1);
});
