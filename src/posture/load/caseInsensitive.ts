// The one way the loader reads raw rows: keys are matched case-insensitively at every level, because real
// exports mix `resourceDetails.Source` with `source`, `Properties` with `properties`, and so on.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One member of an object; the exact spelling is tried first since it is by far the common case. */
export function getField(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const exact = value[key];
  if (exact !== undefined) return exact;
  return anyCaseField(value, key);
}

/**
 * getField(value, key) for an object whose member was already read by its exact spelling where the caller knows the
 * name (`orAnyCase(value.status, value, 'status')`). A read such as `value.status`, written out, is a fast load that
 * learns the row's shape at that one place; `value[key]` inside getField serves every member of every row kind and
 * is a slow, generic one (megamorphic).
 */
export function orAnyCase(exact: unknown, value: JsonObject, key: string): unknown {
  return exact !== undefined ? exact : anyCaseField(value, key);
}

/**
 * The first member spelled like `key` in another case, in the object's own order. Reached for every member a row
 * lacks (a healthy row has no status cause, most rows no links), so it compares without lower-casing `key` first.
 */
function anyCaseField(value: JsonObject, key: string): unknown {
  for (const name in value) {
    if (name.length === key.length && sameIgnoringCase(name, key)) return value[name];
  }
  return undefined;
}

/** The value itself when it is an object (not null, not an array), else undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * name.toLowerCase() === key.toLowerCase() for same-length names, without building either lower-cased copy while
 * both are plain ASCII; a differing non-ASCII character (one that lower-cases to ASCII, such as the Kelvin sign)
 * takes the full comparison.
 */
function sameIgnoringCase(name: string, key: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let a = name.charCodeAt(i);
    let b = key.charCodeAt(i);
    if (a === b) continue;
    if (a > 127 || b > 127) return name.toLowerCase() === key.toLowerCase();
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}

// Paths are a small fixed set written in the code; splitting each once keeps a million-row load from
// allocating a million arrays per field.
const splitPaths = new Map<string, readonly string[]>();

/** A dotted path such as `properties.status.code`, each segment matched case-insensitively. */
export function getPath(value: unknown, path: string): unknown {
  let segments = splitPaths.get(path);
  if (!segments) {
    segments = path.split('.');
    if (splitPaths.size < 1000) splitPaths.set(path, segments);
  }
  let current: unknown = value;
  for (const segment of segments) {
    current = getField(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** The first of several paths that holds a value (null and '' count as absent). */
export function firstPresent(value: unknown, paths: readonly string[]): unknown {
  for (const path of paths) {
    const found = getPath(value, path);
    if (found !== undefined && found !== null && found !== '') return found;
  }
  return undefined;
}
