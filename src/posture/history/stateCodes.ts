// The compact state history keeps per assessment: a short hash of its id and one letter for its status.
// 8 base64url characters of SHA-256 (48 bits): about one collision in 500 among a million assessments, and a
// collision only merges two rows' histories.
import { createHash } from 'node:crypto';
import type { StatusCode } from '../model';

export const HASH_CHARS = 8;
export const ENTRY_CHARS = HASH_CHARS + 1;

/** U unhealthy, H healthy, N not applicable or exempt, '-' not in the data. */
export type StateCode = 'U' | 'H' | 'N' | '-';
export const ABSENT: StateCode = '-';

export function codeOfStatus(status: StatusCode): StateCode {
  return status === 'Unhealthy' ? 'U' : status === 'Healthy' ? 'H' : 'N';
}

export function hashOf(assessmentId: string): string {
  return createHash('sha256').update(assessmentId.toLowerCase()).digest('base64url').slice(0, HASH_CHARS);
}

/** A state as a map from hash to code (absent rows are not in it). */
export type State = Map<string, StateCode>;

/** Entries packed as one string: hash + code, in hash order (so equal states pack equally). */
export function pack(entries: Iterable<[string, StateCode]>): string {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([h, c]) => h + c).join('');
}

export function* unpack(packed: string): Generator<[string, StateCode]> {
  for (let i = 0; i + ENTRY_CHARS <= packed.length; i += ENTRY_CHARS) {
    yield [packed.slice(i, i + HASH_CHARS), packed.charAt(i + HASH_CHARS) as StateCode];
  }
}
