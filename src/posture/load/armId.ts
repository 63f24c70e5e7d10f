// ARM resource id arithmetic: subscription, resource group, type and name derived from the id alone.

export interface ArmIdParts {
  subscriptionId?: string;
  resourceGroup?: string;
  /** `Namespace/type[/subtype...]` as spelled in the id, or undefined for ids that are not ARM ids. */
  type?: string;
  name: string;
}

/** segment.toLowerCase() === word (word in lower-case ASCII), without a lower-cased copy for ASCII segments. */
function isWord(segment: string | undefined, word: string): boolean {
  if (segment === undefined || segment.length !== word.length) return false;
  for (let i = 0; i < segment.length; i++) {
    let code = segment.charCodeAt(i);
    if (code > 127) return segment.toLowerCase() === word;
    if (code >= 65 && code <= 90) code += 32;
    if (code !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** The '/'-separated segments of an id, empty ones left out, in one pass. */
function nonEmptySegments(id: string): string[] {
  const segments: string[] = [];
  let start = 0;
  while (start <= id.length) {
    let end = id.indexOf('/', start);
    if (end < 0) end = id.length;
    if (end > start) segments.push(id.slice(start, end));
    start = end + 1;
  }
  return segments;
}

export function parseArmId(id: string): ArmIdParts {
  const segments = nonEmptySegments(id);
  const parts: ArmIdParts = { name: segments[segments.length - 1] ?? id };
  if (!id.startsWith('/')) return parts;
  let i = 0;
  if (isWord(segments[i], 'subscriptions') && segments[i + 1]) {
    parts.subscriptionId = segments[i + 1];
    i += 2;
    if (isWord(segments[i], 'resourcegroups') && segments[i + 1]) {
      parts.resourceGroup = segments[i + 1];
      i += 2;
    }
  }
  // The type comes from the LAST provider segment: nested ids (extension resources) describe the innermost one.
  let lastProvider = -1;
  for (let j = i; j < segments.length; j++) if (isWord(segments[j], 'providers')) lastProvider = j;
  if (lastProvider >= 0 && segments[lastProvider + 1]) {
    const namespace = segments[lastProvider + 1] as string;
    const typeSegments: string[] = [];
    for (let j = lastProvider + 2; j < segments.length; j += 2) typeSegments.push(segments[j] as string);
    parts.type = typeSegments.length > 0 ? `${namespace}/${typeSegments.join('/')}` : undefined;
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
