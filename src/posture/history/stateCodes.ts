// The compact state history keeps per assessment: a short hash of its id and one letter for its status.
// 8 base64url characters of SHA-256 (48 bits): about one collision in 500 among a million assessments, and a
// collision only merges two rows' histories.
import { hash } from 'node:crypto';
import type { StatusCode } from '../model';

export const HASH_CHARS = 8;
export const ENTRY_CHARS = HASH_CHARS + 1;

/** U unhealthy, H healthy, N not applicable or exempt, '-' not in the data. */
export type StateCode = 'U' | 'H' | 'N' | '-';
export const ABSENT: StateCode = '-';

export function codeOfStatus(status: StatusCode): StateCode {
  return status === 'Unhealthy' ? 'U' : status === 'Healthy' ? 'H' : 'N';
}

/** One-shot digest: no hash object per id (a snapshot hashes every row). */
export function hashOf(assessmentId: string): string {
  return hash('sha256', assessmentId.toLowerCase(), 'base64url').slice(0, HASH_CHARS);
}

/** A state as a map from hash to code (absent rows are not in it). */
export type State = Map<string, StateCode>;

// Packing without an object per entry: each entry is one number, the hash's 8 characters as base-64 digits ranked
// in character order (so numeric order is the strings' order) times 4 plus the code's index: 50 bits, exact in a
// double. A typed array of them sorts natively and is written out as Latin-1 bytes.
const HASH_ALPHABET_IN_ORDER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].sort().join('');
const RANK = new Int8Array(128).fill(-1);
for (let i = 0; i < HASH_ALPHABET_IN_ORDER.length; i += 1) RANK[HASH_ALPHABET_IN_ORDER.charCodeAt(i)] = i;
const CODES = 'UHN-';
const CODE_INDEX = new Map([...CODES].map((c, i) => [c, i]));

/** The entry as one number, or -1 when the hash is not 8 base64url characters (then it packs the slow way). */
function entryNumber(h: string, code: string): number {
  const codeIndex = CODE_INDEX.get(code);
  if (h.length !== HASH_CHARS || codeIndex === undefined) return -1;
  let key = 0;
  for (let i = 0; i < HASH_CHARS; i += 1) {
    const rank = RANK[h.charCodeAt(i)] ?? -1;
    if (rank < 0) return -1;
    key = key * 64 + rank;
  }
  return key * 4 + codeIndex;
}

function entryText(entry: number): string {
  const codeIndex = entry % 4;
  let key = (entry - codeIndex) / 4;
  const chars = new Array<string>(HASH_CHARS);
  for (let i = HASH_CHARS - 1; i >= 0; i -= 1) {
    chars[i] = HASH_ALPHABET_IN_ORDER.charAt(key % 64);
    key = Math.floor(key / 64);
  }
  return chars.join('') + CODES.charAt(codeIndex);
}

/** Entries collected as numbers; any entry that does not fit turns the whole pack to sorting strings. */
class Packer {
  private numbers = new Float64Array(1024);
  private count = 0;
  private pairs: Array<readonly [string, StateCode]> | undefined;

  add(h: string, code: StateCode): void {
    if (this.pairs) {
      this.pairs.push([h, code]);
      return;
    }
    const entry = entryNumber(h, code);
    if (entry < 0) {
      this.pairs = Array.from(this.numbers.subarray(0, this.count), (n) => {
        const text = entryText(n);
        return [text.slice(0, HASH_CHARS), text.charAt(HASH_CHARS) as StateCode] as const;
      });
      this.pairs.push([h, code]);
      return;
    }
    if (this.count === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.count++] = entry;
  }

  get size(): number {
    return this.pairs?.length ?? this.count;
  }

  /** The entries in hash order as one string; the packer is empty after. */
  take(): string {
    const pairs = this.pairs;
    const sorted = this.numbers.subarray(0, this.count).sort();
    this.pairs = undefined;
    this.count = 0;
    if (pairs) return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([h, c]) => h + c).join('');
    const out = Buffer.allocUnsafe(sorted.length * ENTRY_CHARS);
    for (let i = 0, at = 0; i < sorted.length; i += 1, at += ENTRY_CHARS) {
      const entry = sorted[i] as number;
      const codeIndex = entry % 4;
      let key = (entry - codeIndex) / 4;
      for (let c = HASH_CHARS - 1; c >= 0; c -= 1) {
        out[at + c] = HASH_ALPHABET_IN_ORDER.charCodeAt(key % 64);
        key = Math.floor(key / 64);
      }
      out[at + HASH_CHARS] = CODES.charCodeAt(codeIndex);
    }
    return out.toString('latin1');
  }
}

/** Entries packed as one string: hash + code, in hash order (so equal states pack equally). */
export function pack(entries: Iterable<readonly [string, StateCode]>): string {
  const packer = new Packer();
  for (const [h, c] of entries) packer.add(h, c);
  return packer.take();
}

/** The entries in their own order, `size` at a time, each run packed as `pack` does. */
export function* packChunks(entries: Iterable<readonly [string, StateCode]>, size: number): Generator<string> {
  const packer = new Packer();
  for (const [h, c] of entries) {
    packer.add(h, c);
    if (packer.size === size) yield packer.take();
  }
  if (packer.size > 0) yield packer.take();
}

export function* unpack(packed: string): Generator<[string, StateCode]> {
  for (let i = 0; i + ENTRY_CHARS <= packed.length; i += ENTRY_CHARS) {
    yield [packed.slice(i, i + HASH_CHARS), packed.charAt(i + HASH_CHARS) as StateCode];
  }
}
