// What an incremental refresh learns from Resource Graph's resourcechanges table (rows of type
// microsoft.resources/changes: properties.targetResourceId, properties.changeType Create/Update/Delete,
// properties.changeAttributes.timestamp), and the tests the merge of kept rows needs: which resource a row is about,
// whether that resource (or a parent of it) was deleted, and which subscription a row belongs to.

export type ChangeType = 'Create' | 'Update' | 'Delete';

interface LatestChange {
  /** The target id as Azure wrote it (ids are read again as given). */
  id: string;
  type: ChangeType;
  at: number;
}

export interface ResourceChanges {
  /** Takes one resourcechanges row; false when it is not a change this code can read (it is ignored). */
  add(row: unknown): boolean;
  /** Resources created or updated (their latest change): read them again by id. */
  reread(): string[];
  /** Lower-cased ids of resources whose latest change is a deletion. */
  deleted(): Set<string>;
  size(): number;
}

const CHANGE_TYPES: ReadonlySet<string> = new Set(['Create', 'Update', 'Delete']);

export function createResourceChanges(): ResourceChanges {
  const latest = new Map<string, LatestChange>();
  return {
    add(row) {
      const properties = (row as { properties?: Record<string, unknown> } | null)?.properties;
      const id = properties?.targetResourceId;
      const type = properties?.changeType;
      const stamp = (properties?.changeAttributes as { timestamp?: unknown } | undefined)?.timestamp;
      const at = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
      if (typeof id !== 'string' || id === '' || typeof type !== 'string' || !CHANGE_TYPES.has(type) || Number.isNaN(at)) return false;
      const key = id.toLowerCase();
      const known = latest.get(key);
      // The latest change of a resource wins: deleted then created again is there; created then deleted is gone.
      if (!known || at >= known.at) latest.set(key, { id, type: type as ChangeType, at });
      return true;
    },
    reread: () => [...latest.values()].filter((change) => change.type !== 'Delete').map((change) => change.id),
    deleted: () => new Set([...latest].filter(([, change]) => change.type === 'Delete').map(([key]) => key)),
    size: () => latest.size,
  };
}

const SECURITY_PROVIDER = '/providers/microsoft.security/';

/** The lower-cased id of the resource a row is about: a Defender row's resource, or the row itself. */
export function resourceIdOf(row: unknown): string {
  return resourceOfId(String((row as { id?: unknown } | null)?.id ?? '').toLowerCase());
}

/** resourceIdOf for a lower-cased id. */
export function resourceOfId(id: string): string {
  const at = id.indexOf(SECURITY_PROVIDER);
  return at > 0 ? id.slice(0, at) : id;
}

/** Whether `id` (lower-cased) or one of its parents is in `deleted` (a deleted VM takes its extensions with it). */
export function isDeleted(deleted: ReadonlySet<string>, id: string): boolean {
  if (deleted.size === 0 || id === '') return false;
  for (let end = id.length; end > 0; end = id.lastIndexOf('/', end - 1)) {
    if (deleted.has(id.slice(0, end))) return true;
  }
  return false;
}

/** The lower-cased subscription id of a row (its subscriptionId, else its id); undefined for tenant-level rows. */
export function subscriptionOfRow(row: unknown): string | undefined {
  const explicit = (row as { subscriptionId?: unknown } | null)?.subscriptionId;
  if (typeof explicit === 'string' && explicit !== '') return explicit.toLowerCase();
  const id = String((row as { id?: unknown } | null)?.id ?? '');
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}
