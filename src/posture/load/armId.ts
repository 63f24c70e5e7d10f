// ARM resource id arithmetic: subscription, resource group, type and name derived from the id alone.

export interface ArmIdParts {
  subscriptionId?: string;
  resourceGroup?: string;
  /** `Namespace/type[/subtype...]` as spelled in the id, or undefined for ids that are not ARM ids. */
  type?: string;
  name: string;
}

// Segment bounds of the id being parsed: [starts[i], ends[i]) for the i-th non-empty '/'-separated segment. Reused
// from call to call: parseArmId runs once or twice per row, and only the parts it returns become strings.
let starts = new Int32Array(64);
let ends = new Int32Array(64);

/** Finds the non-empty segments of an id into starts/ends; returns how many. */
function segmentBounds(id: string): number {
  let count = 0;
  let start = 0;
  while (start <= id.length) {
    let end = id.indexOf('/', start);
    if (end < 0) end = id.length;
    if (end > start) {
      if (count === starts.length) {
        const grownStarts = new Int32Array(count * 2);
        const grownEnds = new Int32Array(count * 2);
        grownStarts.set(starts);
        grownEnds.set(ends);
        starts = grownStarts;
        ends = grownEnds;
      }
      starts[count] = start;
      ends[count] = end;
      count++;
    }
    start = end + 1;
  }
  return count;
}

/** Segment i of the id equals `word` (lower-case ASCII) ignoring case, as toLowerCase() would say. */
function segmentIs(id: string, i: number, count: number, word: string): boolean {
  if (i >= count) return false;
  const start = starts[i] as number;
  const end = ends[i] as number;
  if (end - start !== word.length) return false;
  for (let at = start; at < end; at++) {
    let code = id.charCodeAt(at);
    if (code > 127) return id.slice(start, end).toLowerCase() === word;
    if (code >= 65 && code <= 90) code += 32;
    if (code !== word.charCodeAt(at - start)) return false;
  }
  return true;
}

const segment = (id: string, i: number): string => id.slice(starts[i], ends[i]);

// The last id parsed and its parts. Exports list a resource's assessments one after another, so the same resource id
// comes row after row: returning the same parts (the same strings) spares the slices and the type built from pieces,
// and lets the dictionaries match the values by identity instead of by content.
let lastId: string | undefined;
let lastParts: Readonly<ArmIdParts> = { name: '' };

/** The parts of an id. The object may be shared with the previous call for the same id: read it, never change it. */
export function parseArmId(id: string): Readonly<ArmIdParts> {
  if (id === lastId) return lastParts;
  const parts = parseArmIdParts(id);
  lastId = id;
  lastParts = parts;
  return parts;
}

function parseArmIdParts(id: string): ArmIdParts {
  const count = segmentBounds(id);
  const parts: ArmIdParts = { name: count > 0 ? segment(id, count - 1) : id };
  if (!id.startsWith('/')) return parts;
  let i = 0;
  if (segmentIs(id, i, count, 'subscriptions') && i + 1 < count) {
    parts.subscriptionId = segment(id, i + 1);
    i += 2;
    if (segmentIs(id, i, count, 'resourcegroups') && i + 1 < count) {
      parts.resourceGroup = segment(id, i + 1);
      i += 2;
    }
  }
  // The type comes from the LAST provider segment: nested ids (extension resources) describe the innermost one.
  let lastProvider = -1;
  for (let j = i; j < count; j++) if (segmentIs(id, j, count, 'providers')) lastProvider = j;
  if (lastProvider >= 0 && lastProvider + 1 < count) {
    let type = segment(id, lastProvider + 1);
    let typeSegments = 0;
    for (let j = lastProvider + 2; j < count; j += 2) {
      type += `/${segment(id, j)}`;
      typeSegments++;
    }
    parts.type = typeSegments > 0 ? type : undefined;
  } else if (parts.subscriptionId) {
    parts.type = parts.resourceGroup ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions';
  }
  return parts;
}

/**
 * The id before a `/providers/Microsoft.Security/...` suffix, matched case-insensitively; undefined when absent.
 * `first` cuts at the first occurrence (the outermost resource), otherwise at the last.
 */
export function stripSecuritySuffix(id: string, marker = '/providers/microsoft.security/', first = true): string | undefined {
  const lower = id.toLowerCase();
  const at = first ? lower.indexOf(marker) : lower.lastIndexOf(marker);
  return at > 0 ? id.slice(0, at) : undefined;
}

/** The segment after `/<collection>/` (e.g. `assessments`), case-insensitive; undefined when absent. */
export function segmentAfter(id: string, collection: string): string | undefined {
  let at: number;
  let markerLength: number;
  if (NON_ASCII.test(id)) {
    // Lower-casing can change lengths and match outside ASCII (the Kelvin sign is a k): keep its exact rules here.
    const marker = `/${collection.toLowerCase()}/`;
    at = id.toLowerCase().indexOf(marker);
    markerLength = marker.length;
  } else {
    const marker = markerPattern(collection);
    at = id.search(marker.pattern);
    markerLength = marker.length;
  }
  if (at < 0) return undefined;
  const rest = id.slice(at + markerLength);
  const end = rest.indexOf('/');
  const segment = end < 0 ? rest : rest.slice(0, end);
  return segment.length > 0 ? segment : undefined;
}

// `/<collection>/` as a case-insensitive pattern, built once per collection: searching with it spares lower-casing
// every id (a few hundred characters, once per row).
const NON_ASCII = /[^\u0000-\u007f]/;
const markers = new Map<string, { pattern: RegExp; length: number }>();

function markerPattern(collection: string): { pattern: RegExp; length: number } {
  let marker = markers.get(collection);
  if (!marker) {
    const text = `/${collection}/`;
    marker = { pattern: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), length: text.length };
    if (markers.size < 100) markers.set(collection, marker);
  }
  return marker;
}
