// Whether an Azure id (an assessment id, a resource id) lies inside a viewer's AccessScope, read from the id's
// "/subscriptions/{id}/resourceGroups/{name}" prefix: for records kept outside the posture data (delegations,
// ratings) that name what they are about by id.
import type { AccessScope, Viewer } from '../posture/viewer';

const PREFIX = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?/i;

export function idInScope(scope: AccessScope | undefined, id: string): boolean {
  if (!scope) return true;
  const match = PREFIX.exec(id.trim());
  if (!match) return false;
  const subscription = (match[1] ?? '').toLowerCase();
  if (scope.subscriptions.some((s) => s.trim().toLowerCase() === subscription)) return true;
  const group = match[2]?.toLowerCase();
  return group !== undefined && (scope.resourceGroups ?? []).some((pair) => pair.trim().toLowerCase() === `${subscription}/${group}`);
}

/** Keeps what the viewer may see; `idsOf` names what each item is about (an item about nothing is kept only unscoped). */
export function withinScope<T>(viewer: Viewer, items: readonly T[], idsOf: (item: T) => readonly string[]): T[] {
  const scope = viewer.scope;
  if (!scope) return [...items];
  return items.filter((item) => {
    const ids = idsOf(item);
    return ids.length > 0 && ids.every((id) => idInScope(scope, id));
  });
}
