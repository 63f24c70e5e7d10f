// Packing a state from numbers gives exactly the string the stored format has always had: hash + code per entry,
// in hash (string) order, chunked in the state's own order; hashes stay SHA-256 of the lower-cased id.
import { createHash } from 'node:crypto';
import { hashOf, pack, packChunks, unpack, type StateCode } from '../../../src/posture/history/stateCodes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES: StateCode[] = ['U', 'H', 'N', '-'];

/** The stored format spelled out: pairs sorted as strings, joined. */
const reference = (entries: Array<[string, StateCode]>) =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([h, c]) => h + c).join('');

/** A deterministic spread of hashes that uses every alphabet character in every position. */
function entries(count: number, seed = 7): Array<[string, StateCode]> {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0) >>> 8; // 32-bit LCG, high bits
  const seen = new Set<string>();
  const out: Array<[string, StateCode]> = [];
  for (let i = 0; out.length < count; i += 1) {
    let h = '';
    for (let c = 0; c < 8; c += 1) h += ALPHABET.charAt(i < 64 ? (i + c) % 64 : next() % 64);
    if (seen.has(h)) continue;
    seen.add(h);
    out.push([h, CODES[next() % 4] as StateCode]);
  }
  return out;
}

describe('state codes', () => {
  it('hashes as SHA-256 base64url of the lower-cased id, 8 characters', () => {
    const id = '/subscriptions/ABC/resourceGroups/RG/providers/Microsoft.Security/assessments/Key-1';
    expect(hashOf(id)).toBe(createHash('sha256').update(id.toLowerCase()).digest('base64url').slice(0, 8));
    expect(hashOf(id)).toBe(hashOf(id.toUpperCase()));
  });

  it('packs in string order, whatever characters the hashes hold', () => {
    const all = entries(5_000);
    expect(pack(all)).toBe(reference(all));
    expect(pack(all.map(([h]) => [hashOf(h), 'U'] as [string, StateCode]))).toBe(reference(all.map(([h]) => [hashOf(h), 'U'])));
    expect(pack([])).toBe('');
    // Round trip: every entry comes back.
    expect(new Map(unpack(pack(all)))).toEqual(new Map(all));
  });

  it('packs hashes that are not 8 base64url characters the same way as before', () => {
    const odd: Array<[string, StateCode]> = [...entries(50), ['short', 'U'], ['with+sl/', 'H'], ['ééééééé9', 'N'], ...entries(50, 11)];
    expect(pack(odd)).toBe(reference(odd));
  });

  it('chunks in the entries own order and sorts within each chunk', () => {
    const all = entries(2_345);
    const chunks = [...packChunks(all, 1_000)];
    expect(chunks).toEqual([reference(all.slice(0, 1_000)), reference(all.slice(1_000, 2_000)), reference(all.slice(2_000))]);
    expect([...packChunks([], 1_000)]).toEqual([]);
    expect([...packChunks(all.slice(0, 1_000), 1_000)]).toEqual([reference(all.slice(0, 1_000))]);
  });
});
