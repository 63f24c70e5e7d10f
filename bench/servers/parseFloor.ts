// The load target's floor: stream the same export file line by line and JSON.parse each line, doing nothing else.
// Prints one JSON line (CPU and wall ms) on stdout; the loader's CPU is judged as a ratio to this, in the same run.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ParseFloorResult {
  cpuMs: number;
  wallMs: number;
  lines: number;
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: parseFloor.js <export path>');
  const cpu = process.cpuUsage();
  const started = performance.now();
  let lines = 0;
  let kinds = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line) continue;
    const value = JSON.parse(line) as { type?: unknown };
    // Touch the result so the parse cannot be optimised away.
    if (value.type !== undefined) kinds++;
    lines++;
  }
  const used = process.cpuUsage(cpu);
  const result: ParseFloorResult & { kinds: number } = { cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(performance.now() - started), lines, kinds };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`parse floor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
