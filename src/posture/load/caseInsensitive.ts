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

/** The first member spelled like `key` in another case, in the object's own order. */
function anyCaseField(value: JsonObject, key: string): unknown {
  const wanted = lowerKey(key);
  for (const name in value) {
    if (name.length === wanted.length && sameIgnoringCase(name, wanted)) return value[name];
  }
  return undefined;
}

/** The value itself when it is an object (not null, not an array), else undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

// Keys asked for are a small fixed set written in the code: lower-case each once, not once per row.
const loweredKeys = new Map<string, string>();

function lowerKey(key: string): string {
  let lower = loweredKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (loweredKeys.size < 1000) loweredKeys.set(key, lower);
  }
  return lower;
}

/** name.toLowerCase() === lower, without building the lower-cased copy for plain ASCII names. */
function sameIgnoringCase(name: string, lower: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code > 127) return name.toLowerCase() === lower;
    if (code >= 65 && code <= 90) code += 32;
    if (code !== lower.charCodeAt(i)) return false;
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
