import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { PostureRecord } from '../../src/posture/model';
import { addSnapshotRecords, captureRecords } from '../../src/posture/snapshotCodec';
import type { PostureStoreBuilder } from '../../src/posture/store';
import { createTempDataDir } from '../support/tempDataDir';

const dir = createTempDataDir('posture-bot-codec-');
afterAll(() => dir.cleanup());

/** A builder that keeps what it is given, so the capture's tee can be compared with it. */
function keepingBuilder(): PostureStoreBuilder & { kept: PostureRecord[] } {
  const kept: PostureRecord[] = [];
  return { kept, add: (record: PostureRecord) => kept.push(record), finish: () => { throw new Error('not used'); } } as unknown as PostureStoreBuilder & { kept: PostureRecord[] };
}

/** Records of the given sizes; their text varies so that gzip cannot fold them to nothing. */
function records(count: number, padding: number): PostureRecord[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'resource', id: `/subscriptions/s/resourceGroups/rg-(legacy)/x/${i}`, name: `名前-${i}-${'x'.repeat((i * 7919) % padding)}` }) as unknown as PostureRecord);
}

describe('snapshot capture', () => {
  it.each([
    ['no record', 0, 10],
    ['one small batch', 25, 50],
    ['many batches (several gzip members, some compressed on the spot)', 6_000, 4_000],
  ])('%s: the file reads back as the same records in the same order', async (_label, count, padding) => {
    const inner = keepingBuilder();
    const path = join(dir.dir, `capture-${count}.jsonl.gz`);
    const capture = captureRecords(inner, path);
    const given = records(count, padding);
    for (const record of given) capture.builder.add(record);
    const closed = await capture.close();
    expect(closed.records).toBe(count);
    expect(inner.kept).toEqual(given);
    const back: PostureRecord[] = [];
    await expect(addSnapshotRecords(createReadStream(path), { add: (r) => back.push(r) })).resolves.toBe(count);
    expect(back).toEqual(given);
    // Any gzip reader takes the concatenated members as one file.
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    expect(text.split('\n').filter(Boolean).length).toBe(count);
  });

  it('a discarded capture leaves no file', async () => {
    const path = join(dir.dir, 'discarded.jsonl.gz');
    const capture = captureRecords(keepingBuilder(), path);
    for (const record of records(3_000, 2_000)) capture.builder.add(record);
    await capture.discard();
    expect(() => readFileSync(path)).toThrow();
  });
});
