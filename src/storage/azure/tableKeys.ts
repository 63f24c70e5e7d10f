// Azure Table keys for record collections and ids. Table keys forbid / \ # ? and control characters and hold at
// most 1 KiB (512 UTF-16 characters), while the RecordsStore accepts any well-formed string of up to 1,024
// characters. Every key is therefore written in an order-preserving code over 66 URL-safe ASCII characters:
//   - the code is prefix-free and each code point's codeword sorts where the code point does, so comparing two
//     encoded keys character by character gives the code-point order of the original keys, and a literal id
//     prefix is an encoded prefix;
//   - digits and lower-case letters stand for themselves, so typical ids (GUIDs, hex) stay readable.
// An encoding longer than the budget keeps its first GROUP_PREFIX characters, then '~' and the SHA-256 of the id:
// ids sharing that prefix form one "group" whose rows the store orders itself (it keeps the real id on the row).
import { createHash } from 'node:crypto';

/** Sorted by character code: '-' '.' 0-9 A-Z '_' a-z '~' (RFC 3986 unreserved, never escaped in a URL). */
const DIGITS = '-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~';
const BASE = DIGITS.length; // 66
const digit = (n: number): string => DIGITS.charAt(n);

/** Encoded keys stay within this many ASCII characters (under Table's 512-character key limit, with room). */
export const MAX_TABLE_KEY = 480;
const HASH_LENGTH = 64;
/** Encoded characters kept in front of the hash when a key is too long to store whole. */
export const GROUP_PREFIX = MAX_TABLE_KEY - HASH_LENGTH - 1;

const TIER2_LIMIT = 64 * BASE; // '~' + one of the first 64 digits + one digit
const TIER3_LIMIT = BASE ** 3; // '~z' + three digits

function baseDigits(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = digit(rest % BASE) + out;
    rest = Math.floor(rest / BASE);
  }
  return out;
}

function encodeCodePoint(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCodePoint(cp);
  if (cp < 0x30) return `-${digit(cp)}`;
  if (cp <= 0x40) return `A${digit(cp - 0x3a)}`;
  if (cp <= 0x5a) return `B${String.fromCodePoint(cp)}`;
  if (cp <= 0x60) return `C${digit(cp - 0x5b)}`;
  const v = cp - 0x7b;
  if (v < TIER2_LIMIT) return `~${digit(Math.floor(v / BASE))}${digit(v % BASE)}`;
  const v3 = v - TIER2_LIMIT;
  if (v3 < TIER3_LIMIT) return `~z${baseDigits(v3, 3)}`;
  return `~~${baseDigits(v3 - TIER3_LIMIT, 4)}`;
}

/** The order-preserving code of a string (no length limit). */
export function encodeKeyText(text: string): string {
  let out = '';
  for (const char of text) out += encodeCodePoint(char.codePointAt(0) ?? 0);
  return out;
}

function readDigits(encoded: string, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) {
    const d = at + i < encoded.length ? DIGITS.indexOf(encoded.charAt(at + i)) : -1;
    if (d < 0) throw new RangeError(`Not an encoded key: ${encoded}`);
    value = value * BASE + d;
  }
  return value;
}

/** The inverse of encodeKeyText; throws RangeError on text it could not have produced. */
export function decodeKeyText(encoded: string): string {
  const codePoints: number[] = [];
  let at = 0;
  while (at < encoded.length) {
    const lead = encoded.charAt(at);
    const code = lead.charCodeAt(0);
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) {
      codePoints.push(code);
      at += 1;
    } else if (lead === '-') {
      codePoints.push(readDigits(encoded, at + 1, 1));
      at += 2;
    } else if (lead === 'A' || lead === 'C') {
      codePoints.push(readDigits(encoded, at + 1, 1) + (lead === 'A' ? 0x3a : 0x5b));
      at += 2;
    } else if (lead === 'B') {
      const letter = encoded.charCodeAt(at + 1);
      if (!(letter >= 0x41 && letter <= 0x5a)) throw new RangeError(`Not an encoded key: ${encoded}`);
      codePoints.push(letter);
      at += 2;
    } else if (lead === '~') {
      const tier = readDigits(encoded, at + 1, 1);
      if (tier < 64) {
        codePoints.push(0x7b + readDigits(encoded, at + 1, 2));
        at += 3;
      } else if (tier === 64) {
        codePoints.push(0x7b + TIER2_LIMIT + readDigits(encoded, at + 2, 3));
        at += 5;
      } else {
        codePoints.push(0x7b + TIER2_LIMIT + TIER3_LIMIT + readDigits(encoded, at + 2, 4));
        at += 6;
      }
    } else {
      throw new RangeError(`Not an encoded key: ${encoded}`);
    }
  }
  return String.fromCodePoint(...codePoints);
}

/** The Table key for a collection name or id: its code, or (too long) its first characters, '~' and a hash. */
export function tableKey(text: string): string {
  const encoded = encodeKeyText(text);
  if (encoded.length <= GROUP_PREFIX) return encoded;
  return `${encoded.slice(0, GROUP_PREFIX)}~${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Rows with the same sort group are ordered by their real ids; different groups order by their keys. */
export function sortGroupOf(rowKey: string): string {
  return rowKey.length <= GROUP_PREFIX ? rowKey : rowKey.slice(0, GROUP_PREFIX + 1);
}

/**
 * The row-key range [lower, upper) that holds every id starting with `prefix` and (when given) at or after
 * `from`: a superset the caller filters exactly. upper is undefined when the range is open.
 */
export function rowKeyRange(prefix: string, from?: string): { lower: string; upper?: string } {
  const low = encodeKeyText(prefix).slice(0, GROUP_PREFIX);
  const fromKey = from === undefined ? '' : encodeKeyText(from).slice(0, GROUP_PREFIX);
  const lower = fromKey > low ? fromKey : low;
  // The smallest string above every string that starts with `low`: drop trailing '~' (the last digit), bump the last.
  const trimmed = low.replace(/~+$/, '');
  if (trimmed.length === 0) return { lower };
  const upper = trimmed.slice(0, -1) + String.fromCharCode(trimmed.charCodeAt(trimmed.length - 1) + 1);
  return { lower, upper };
}
