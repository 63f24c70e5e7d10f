// Turns an everyday resource-type word into the tenant's own type strings, falling back to the canonical ARM type.
import { RESOURCE_TYPE_CONCEPTS, type ResourceTypeConcept } from './lexicon/resourceTypes';

const compact = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

export function findResourceTypeConcept(key: string): ResourceTypeConcept | undefined {
  return RESOURCE_TYPE_CONCEPTS.find((c) => c.key === key);
}

/** Per data type list (the engine hands out the same array until the data changes): each concept's answer. */
const resolvedOf = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/** Types from the data that the concept names; the canonical types when the data has none of them. */
export function resolveResourceTypes(key: string, dataTypes: readonly string[]): string[] {
  let resolved = resolvedOf.get(dataTypes);
  if (!resolved) resolvedOf.set(dataTypes, (resolved = new Map()));
  let types = resolved.get(key);
  if (!types) resolved.set(key, (types = resolve(key, dataTypes)));
  return [...types];
}

function resolve(key: string, dataTypes: readonly string[]): string[] {
  const concept = findResourceTypeConcept(key);
  if (!concept) return [];
  const canonical = new Set(concept.types.map((t) => t.toLowerCase()));
  const hints = concept.hints.map(compact).filter((h) => h.length > 0);
  const found = dataTypes.filter((type) => {
    const lower = type.toLowerCase();
    if (canonical.has(lower)) return true;
    const squeezed = compact(lower);
    return hints.some((h) => squeezed.includes(h));
  });
  return found.length > 0 ? [...new Set(found)] : [...concept.types];
}
