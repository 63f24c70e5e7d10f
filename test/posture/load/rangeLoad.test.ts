// A JSON Lines file loaded as two byte ranges (as the two threads of a parallel load do) gives the records, line
// numbers and reasons of one pass; the worker itself needs compiled output and is checked by the benchmark.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { loadExportFilesInThread, type ExportLoadResult } from '../../../src/posture/load/exportFileLoader';
import { mergeResults } from '../../../src/posture/load/parallelResults';
import type { PostureRecord } from '../../../src/posture/model';
import { tempDir } from '../source/exportWriters';
import { mixedRows } from './rowFixtures';

const catalog = createCatalog();

async function load(path: string, lenient: boolean, range?: { start: number; end?: number; linesBefore: number }) {
  const records: PostureRecord[] = [];
  const result = await loadExportFilesInThread({ path, catalog, lenient, range, highWaterMark: 7 }, { add: (record) => records.push(record) });
  return { records, result };
}

describe('loading a JSON Lines file in two byte ranges', () => {
  const rows = mixedRows().map((row) => JSON.stringify(row));
  const lines = ['\ufeff{"generatedAt": "2026-05-01T00:00:00Z"}', ...rows.slice(0, 3), '[1]', '', ...rows.slice(3), '{"broken"', '  ', '{"generatedAt": "2026-06-01T00:00:00Z"}', ...rows.slice(0, 2), 'é'];
  const text = `${lines.join('\r\n')}\n`;
  const file = join(tempDir(), 'ranges.jsonl');
  writeFileSync(file, text);
  const bytes = Buffer.from(text);

  it.each([false, true])('matches one pass at every line end (lenient %s)', async (lenient) => {
    const whole = await load(file, lenient).catch((error: Error) => error);
    let linesBefore = 0;
    for (let at = bytes.indexOf(10); at >= 0 && at < bytes.length - 1; at = bytes.indexOf(10, at + 1)) {
      linesBefore++;
      const split = at + 1;
      const first = await load(file, lenient, { start: 0, end: split, linesBefore: 0 }).catch((error: Error) => error);
      const second = await load(file, lenient, { start: split, linesBefore }).catch((error: Error) => error);
      if (whole instanceof Error) {
        // The first refusal in file order: the first part's if it has one, else the second's.
        expect((first instanceof Error ? first : second) as Error).toEqual(whole);
        expect(((first instanceof Error ? first : second) as Error).message).toBe(whole.message);
        continue;
      }
      if (first instanceof Error || second instanceof Error) throw first instanceof Error ? first : second;
      const merged: ExportLoadResult = mergeResults(first.result, second.result, whole.result.hash);
      expect(merged).toEqual(whole.result);
      expect([...first.records, ...second.records]).toEqual(whole.records);
    }
  });
});
