// Turns a value into JSON text only when reading it back gives the same value: nothing dropped or altered silently.
import { AppError } from '../errors/appError';

export class UnstorableValueError extends TypeError {
  /** Where the problem is, as `$`, `$.a.b`, `$.list[3]`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`The value at ${path} ${problem}; only JSON data (objects, arrays, strings, finite numbers, booleans, null) can be stored.`);
    this.name = 'UnstorableValueError';
    this.path = path;
  }
}

/**
 * JSON.stringify, after checking the value is plain JSON data. Rejected (JSON would drop or change them):
 * undefined at the top or in arrays, functions, symbols, BigInt, NaN/Infinity, cycles, and class instances
 * (Date, Map, Set, Buffer...). Object properties whose value is undefined are left out, as JSON does, since
 * reading back an absent optional property gives the same undefined.
 */
export function serializeJsonValue(value: unknown): string {
  assertJsonValue(value, '$', new Set());
  return JSON.stringify(value);
}

function assertJsonValue(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new UnstorableValueError(path, `is ${String(value)}`);
      return;
    case 'undefined':
      throw new UnstorableValueError(path, 'is undefined');
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new UnstorableValueError(path, `is a ${typeof value}`);
    default:
      break;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.has(object)) throw new UnstorableValueError(path, 'refers back to itself (a cycle)');
  ancestors.add(object);
  if (Array.isArray(object)) {
    // Indexes, not forEach: a hole in a sparse array is undefined and JSON would turn it into null.
    for (let index = 0; index < object.length; index++) {
      assertJsonValue(object[index], `${path}[${index}]`, ancestors);
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = object.constructor?.name ?? 'object';
      throw new UnstorableValueError(path, `is a ${name}, not a plain object`);
    }
    for (const [key, item] of Object.entries(object)) {
      if (item === undefined) continue;
      assertJsonValue(item, `${path}.${key}`, ancestors);
    }
  }
  // Only ancestors count as cycles: the same object twice in siblings is a legal (duplicated) tree.
  ancestors.delete(object);
}

/** serializeJsonValue for a records store: an unstorable value is a STORAGE_FAILURE naming where the problem is. */
export function serializeRecordValue(value: unknown, collection: string, id: string): string {
  try {
    return serializeJsonValue(value);
  } catch (cause) {
    if (!(cause instanceof UnstorableValueError)) throw cause;
    throw new AppError('STORAGE_FAILURE', 'Saving failed: that value cannot be stored.', {
      cause,
      details: { collection, id, path: cause.path, reason: cause.message },
    });
  }
}
