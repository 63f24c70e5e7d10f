// ARM resource id arithmetic: subscription, resource group, type and name derived from the id alone.

export interface ArmIdParts {
  subscriptionId?: string;
  resourceGroup?: string;
  /** `Namespace/type[/subtype...]` as spelled in the id, or undefined for ids that are not ARM ids. */
  type?: string;
  name: string;
}

const isWord = (segment: string | undefined, word: string): boolean => segment !== undefined && segment.length === word.length && segment.toLowerCase() === word;

export function parseArmId(id: string): ArmIdParts {
  const raw = id.split('/');
  const segments = raw.includes('') ? raw.filter((segment) => segment.length > 0) : raw;
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
  const lower = id.toLowerCase();
  const marker = `/${collection.toLowerCase()}/`;
  const at = lower.indexOf(marker);
  if (at < 0) return undefined;
  const rest = id.slice(at + marker.length);
  const end = rest.indexOf('/');
  const segment = end < 0 ? rest : rest.slice(0, end);
  return segment.length > 0 ? segment : undefined;
}
