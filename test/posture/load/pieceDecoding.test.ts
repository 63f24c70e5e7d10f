// Bytes decoded in pieces (ASCII runs copied, other blocks through the UTF-8 decoder) give exactly the text a
// plain UTF-8 decode gives, whatever the read size.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextChunks } from '../../../src/posture/load/exportFiles';

async function readAll(file: string, highWaterMark: number): Promise<string> {
  let text = '';
  for await (const pieces of readTextChunks(file, { hash: createHash('sha256'), highWaterMark })) text += pieces.join('');
  return text;
}

describe('readTextChunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pieces-'));
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const accent = i % 7 === 0 ? 'données-clients é日本😀' : 'plain-ascii';
    lines.push(JSON.stringify({ i, name: `${accent}-${'x'.repeat(i % 50)}` }));
  }
  const text = `\ufeff${lines.join('\n')}\r\n${'y'.repeat(3000)}ü`;
  const file = join(dir, 'mixed.jsonl');
  writeFileSync(file, text, 'utf8');

  it.each([1, 2, 3, 5, 64, 1000, 1024, 4096, 1 << 16])('reads %i-byte chunks exactly', async (size) => {
    expect(await readAll(file, size)).toBe(text);
  });

  it('cuts long ASCII runs into pieces of at most 64 KiB, losing nothing', async () => {
    const big = join(dir, 'big.jsonl');
    const ascii = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, pad: 'z'.repeat(i % 300) })).join('\n');
    const mixed = `${ascii}\n{"name":"données"}\n${ascii}`;
    writeFileSync(big, mixed, 'utf8');
    let joined = '';
    let longest = 0;
    for await (const pieces of readTextChunks(big, { hash: createHash('sha256'), highWaterMark: 1 << 20 })) {
      for (const piece of pieces) longest = Math.max(longest, piece.length);
      joined += pieces.join('');
    }
    expect(joined).toBe(mixed);
    expect(Buffer.byteLength(mixed)).toBeGreaterThan(1 << 19);
    expect(longest).toBeLessThanOrEqual(1 << 16);
  });

  it('keeps invalid UTF-8 as the decoder would', async () => {
    const bad = join(dir, 'bad.jsonl');
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3]), Buffer.from('"}\n{"b":"'), Buffer.from([0xe6, 0x97]), Buffer.from('x"}\n')]);
    writeFileSync(bad, bytes);
    for (const size of [1, 2, 7, 1024]) expect(await readAll(bad, size)).toBe(bytes.toString('utf8'));
  });
});
