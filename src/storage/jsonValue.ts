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
  const problem = findProblem(value, []);
  if (problem) throw new UnstorableValueError(`$${problem.segments.reverse().join('')}`, problem.problem);
  return JSON.stringify(value);
}

/** What is wrong and where: the path's segments innermost first, added as the walk unwinds (none on the way down). */
interface Problem {
  problem: string;
  segments: string[];
}

const problemHere = (problem: string): Problem => ({ problem, segments: [] });

function findProblem(value: unknown, ancestors: object[]): Problem | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : problemHere(`is ${String(value)}`);
    case 'undefined':
      return problemHere('is undefined');
    case 'function':
    case 'symbol':
    case 'bigint':
      return problemHere(`is a ${typeof value}`);
    default:
      break;
  }
  if (value === null) return undefined;
  const object = value as object;
  // The objects on the way down from the top (a stack, as JSON.stringify keeps its own): only these make a cycle.
  if (ancestors.includes(object)) return problemHere('refers back to itself (a cycle)');
  if (Array.isArray(object)) {
    ancestors.push(object);
    // Indexes, not forEach: a hole in a sparse array is undefined and JSON would turn it into null.
    for (let index = 0; index < object.length; index++) {
      const problem = findProblem(object[index], ancestors);
      if (problem) {
        problem.segments.push(`[${index}]`);
        return problem;
      }
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = object.constructor?.name ?? 'object';
      return problemHere(`is a ${name}, not a plain object`);
    }
    ancestors.push(object);
    // for-in with the own-property check: the own enumerable string keys Object.keys gives, in the same order, without
    // building the array.
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      const item: unknown = (object as Record<string, unknown>)[key];
      if (item === undefined) continue;
      const problem = findProblem(item, ancestors);
      if (problem) {
        problem.segments.push(`.${key}`);
        return problem;
      }
    }
  }
  // Only ancestors count as cycles: the same object twice in siblings is a legal (duplicated) tree.
  ancestors.pop();
  return undefined;
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
