// Rows, strings, escapes and multi-byte characters cut across read boundaries still load exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { PostureRecord } from '../../../src/posture/model';
import { createExportFileSource } from '../../../src/posture/source';
import { tempDir } from '../source/exportWriters';
import { resourceRow } from './rowFixtures';

const awkward = ['Ünïcödé 日本語 😀𝄞', 'quote " backslash \\ brackets ]}[{', 'escapes \n\t\u0001 \\" \\\\', 'x'.repeat(300)];
const rows = awkward.map((text, i) => ({ ...resourceRow(), id: `${resourceRow().id as string}-${i}`, name: text, tags: { note: text, ['ключ']: 'значение' } }));

async function loadAll(file: string, highWaterMark: number): Promise<PostureRecord[]> {
  const records: PostureRecord[] = [];
  await createExportFileSource({ path: file, highWaterMark }).load({ add: (record) => records.push(record) });
  return records;
}

describe('streaming across read boundaries', () => {
  const dir = tempDir();
  const document = JSON.stringify({ generatedAt: '2026-01-01T00:00:00Z', data: rows }, null, 1);
  const files: Record<string, string | Buffer> = {
    'doc.json': document,
    'rows.jsonl': `${rows.map((row) => JSON.stringify(row)).join('\r\n')}\r\n`,
    'doc.json.gz': gzipSync(document),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);

  it.each(Object.keys(files))('%s loads identically with reads of 1 to 9 bytes and 64 KiB', async (name) => {
    const expected = await loadAll(join(dir, name), 1 << 16);
    expect(expected.map((record) => record.kind === 'resource' && record.name)).toEqual(awkward);
    expect(expected.map((record) => record.kind === 'resource' && record.tags['ключ'])).toEqual(awkward.map(() => 'значение'));
    for (let bytes = 1; bytes <= 9; bytes++) expect(await loadAll(join(dir, name), bytes)).toEqual(expected);
  });

  it('loads a document much larger than one read, row by row', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...resourceRow(), id: `${resourceRow().id as string}-${i}`, tags: { n: String(i), text: awkward[i % awkward.length] as string } }));
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ data: many }));
    const records = await loadAll(file, 4096);
    expect(records).toHaveLength(3000);
    expect(records[2999]).toMatchObject({ tags: { n: '2999' } });
  });
});
