// Writes the demo tenant: the committed envelope file (`generatedAt` first, then `count`, then one row per line so
// diffs stay readable), or, in scale mode, JSON Lines streamed to disk with back-pressure.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_GENERATED_AT, demoTenantRows, type DemoRow, type DemoTenantOptions } from './generator';

export type RowCounts = Record<string, number>;

function typeOf(row: DemoRow): string {
  const type = row['type'];
  return typeof type === 'string' ? type : 'unknown';
}

function countInto(counts: RowCounts, row: DemoRow): void {
  const type = typeOf(row);
  counts[type] = (counts[type] ?? 0) + 1;
}

/** The envelope text exactly as committed; tests compare it with the file. */
export function renderDemoTenant(options: DemoTenantOptions = {}): { text: string; counts: RowCounts } {
  const counts: RowCounts = {};
  const lines: string[] = [];
  for (const row of demoTenantRows(options)) {
    countInto(counts, row);
    lines.push(JSON.stringify(row));
  }
  const generatedAt = new Date(Date.parse(options.generatedAt ?? DEFAULT_GENERATED_AT)).toISOString();
  const text = `{"generatedAt": ${JSON.stringify(generatedAt)}, "count": ${lines.length}, "data": [\n${lines.join(',\n')}\n]}\n`;
  return { text, counts };
}

/** Writes through a temporary file so a failed run never leaves half a tenant where the app looks for one. */
export async function writeDemoTenantFile(path: string, options: DemoTenantOptions = {}): Promise<RowCounts> {
  const { text, counts } = renderDemoTenant(options);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
  return counts;
}

/** A `{"generatedAt": ...}` header line, then one ARG row per line; memory stays flat because rows are batched into ~1 MB writes and the stream is drained. */
export async function writeDemoTenantJsonLines(path: string, options: DemoTenantOptions): Promise<RowCounts> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => { throw error; });
  failed.catch(() => undefined);
  const counts: RowCounts = {};
  // The first line is a header, not a row: loaders read the generation time from it to shift dates to now.
  const generatedAt = new Date(Date.parse(options.generatedAt ?? DEFAULT_GENERATED_AT)).toISOString();
  let batch: string[] = [`{"generatedAt": ${JSON.stringify(generatedAt)}}\n`];
  let batchSize = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const chunk = batch.join('');
    batch = [];
    batchSize = 0;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const row of demoTenantRows(options)) {
    countInto(counts, row);
    const line = `${JSON.stringify(row)}\n`;
    batch.push(line);
    batchSize += line.length;
    if (batchSize >= 1 << 20) await flush();
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  await rename(temporary, path);
  return counts;
}
