// Which collection names and ids a store accepts, and the id range a literal prefix covers.
import { AppError } from '../errors/appError';

/** Long enough for composite ids (conversation + activity ids), short enough for any backing store's keys. */
export const MAX_KEY_LENGTH = 1024;

// A lone surrogate cannot be encoded as UTF-8: the database would store U+FFFD and two ids would collide.
// String.prototype.isWellFormed (node 20+, which package.json requires; not in the ES2022 lib typings) is false exactly
// when a string has one, and answers at once for one-byte strings, where a pattern would scan every character.
export function hasLoneSurrogate(text: string): boolean {
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Throws BAD_REQUEST unless `key` is a non-empty, well-formed string of at most MAX_KEY_LENGTH characters. */
export function assertValidKey(kind: 'collection' | 'id' | 'prefix' | 'key', key: unknown): asserts key is string {
  const problem =
    typeof key !== 'string'
      ? 'is not a string'
      : key.length === 0 && kind !== 'prefix'
        ? 'is empty'
        : key.length > MAX_KEY_LENGTH
          ? `is longer than ${MAX_KEY_LENGTH} characters`
          : key.includes('\u0000')
            ? 'contains a NUL character'
            : hasLoneSurrogate(key)
              ? 'contains an unpaired surrogate'
              : undefined;
  if (problem) {
    throw new AppError('BAD_REQUEST', `That ${kind} cannot be stored: it ${problem}.`, {
      details: { kind, length: typeof key === 'string' ? key.length : undefined },
    });
  }
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string that starts with `prefix`, in code-point order (which is
 * SQLite's byte order for UTF-8 text), or undefined when no such string exists. `prefix <= id < bound`
 * then selects exactly the ids starting with `prefix`, with no pattern characters to escape.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last >= MAX_CODE_POINT) continue;
    // Surrogate code points are not characters; the next character after U+D7FF is U+E000.
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    return String.fromCodePoint(...codePoints, next);
  }
  return undefined;
}

/** Orders strings as SQLite orders UTF-8 text: by their UTF-8 bytes, which is code-point order. */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
