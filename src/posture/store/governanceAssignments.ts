// The builder's governance assignments: the last one added for each assessment id (case-insensitive), in the order
// the ids were first seen, as a Map from the lower-cased id would keep them. Held by codes instead of by id: most
// assignments name an assessment id that is a resource id, the assessments infix and a key already in the
// dictionaries, so the pair (resource code, key code) stands for it and no id string is kept per assignment (at 1M
// rows several hundred thousand ids of ~250 characters were held until finish). Ids of another shape, or naming a
// resource or key not (yet) seen, are kept verbatim (lower-cased).
//
// An id is held by codes when both its parts are in the dictionaries when it is added; dictionaries only grow, so an
// id held by its string may later be given again with known parts: that lookup checks the strings too, and an id is
// never held both ways.
import { Int32Column } from './columns';
import type { StringDictionary } from './dictionary';
import type { GovernanceFacts } from './table';

/** What a standard assessment id has between its resource id and its key. */
export const ASSESSMENT_ID_INFIX = '/providers/Microsoft.Security/assessments/';
export const INFIX_LOWER = ASSESSMENT_ID_INFIX.toLowerCase();

export interface GovernanceAssignments {
  /** Per assignment, in first-seen order of its id: its facts (the last added for the id). */
  facts: GovernanceFacts[];
  /** Per assignment: the resource and key codes of its assessment id, or -1 when the id is in `ids`. */
  resource: Int32Column;
  key: Int32Column;
  /** Per assignment: the next one held by codes for the same resource (-1: none). */
  next: Int32Column;
  /** Resource code -> its latest assignment held by codes (the head of its `next` chain). */
  byResource: Map<number, number>;
  /** Lower-cased ids held verbatim -> their assignment. */
  ids: Map<string, number>;
  /**
   * Of ids held verbatim because a part was not known yet: the unknown resource parts, and the unknown key parts of
   * known resources. An id made of known codes can only be held verbatim if one of its parts is here: the check for
   * it then costs two lookups of strings whose hashes are already computed, not a hash of the whole id.
   */
  pendingResources: Set<string>;
  pendingKeys: Set<string>;
}

export function createGovernanceAssignments(): GovernanceAssignments {
  return {
    facts: [], resource: new Int32Column(), key: new Int32Column(), next: new Int32Column(), byResource: new Map(), ids: new Map(),
    pendingResources: new Set(), pendingKeys: new Set(),
  };
}

interface Parts {
  resource: StringDictionary;
  key: StringDictionary;
}

/** The lower-cased id an assignment held by codes stands for. */
export function idOfCodes(dict: Parts, resource: number, key: number): string {
  return dict.resource.lower(resource) + INFIX_LOWER + dict.key.lower(key);
}

/** Sets the facts of a lower-cased assessment id, as `Map.set(lower, facts)` would. */
export function assignGovernance(g: GovernanceAssignments, dict: Parts, lower: string, facts: GovernanceFacts): void {
  // Held by codes when it reads as findRow (rowLookup.ts) reads an id: trimmed, split at the last infix, after a
  // non-empty resource id, both parts known. The parts are kept for the pending sets (their hashes are then cached).
  const at = lower.lastIndexOf(INFIX_LOWER);
  if (at <= 0 || lower.trim().length !== lower.length) return assignById(g, lower, facts);
  const resourcePart = lower.slice(0, at);
  const resource = dict.resource.findLower(resourcePart);
  if (resource === undefined) {
    g.pendingResources.add(resourcePart);
    return assignById(g, lower, facts);
  }
  const keyPart = lower.slice(at + INFIX_LOWER.length);
  const key = dict.key.findLower(keyPart);
  if (key === undefined) {
    g.pendingKeys.add(keyPart);
    return assignById(g, lower, facts);
  }
  assignByCodes(g, dict, resource, key, facts, lower);
}

/** Sets the facts of the id made of these codes; `lower` is that id when the caller has it. */
export function assignByCodes(g: GovernanceAssignments, dict: Parts, resource: number, key: number, facts: GovernanceFacts, lower?: string): void {
  for (let at = g.byResource.get(resource) ?? -1; at >= 0; at = g.next.at(at)) {
    if (g.key.at(at) === key) {
      g.facts[at] = facts;
      return;
    }
  }
  // Added before its parts were known?
  if (g.pendingResources.has(dict.resource.lower(resource)) || g.pendingKeys.has(dict.key.lower(key))) {
    const earlier = g.ids.get(lower ?? idOfCodes(dict, resource, key));
    if (earlier !== undefined) {
      g.facts[earlier] = facts;
      return;
    }
  }
  const at = g.facts.length;
  g.facts.push(facts);
  g.resource.push(resource);
  g.key.push(key);
  g.next.push(g.byResource.get(resource) ?? -1);
  g.byResource.set(resource, at);
}

function assignById(g: GovernanceAssignments, lower: string, facts: GovernanceFacts): void {
  const earlier = g.ids.get(lower);
  if (earlier !== undefined) {
    g.facts[earlier] = facts;
    return;
  }
  g.ids.set(lower, g.facts.length);
  g.facts.push(facts);
  g.resource.push(-1);
  g.key.push(-1);
  g.next.push(-1);
}

/** Every assignment in order: its lower-cased id and facts (what the Map from id to facts held). */
export function* governanceEntries(g: GovernanceAssignments, dict: Parts): Iterable<[string, GovernanceFacts]> {
  const verbatim = verbatimIds(g);
  for (let at = 0; at < g.facts.length; at++) {
    const resource = g.resource.at(at);
    yield [resource >= 0 ? idOfCodes(dict, resource, g.key.at(at)) : (verbatim[at] as string), g.facts[at] as GovernanceFacts];
  }
}

/** Per assignment held verbatim, its id (sparse). */
export function verbatimIds(g: GovernanceAssignments): string[] {
  const out: string[] = [];
  for (const [id, at] of g.ids) out[at] = id;
  return out;
}
