// The one seam for viewer scoping: which rows a viewer may see (undefined: every row). The default resolver reads
// the viewer's AccessScope (subscriptions, resource groups) and keeps the flag array per table and scope, so a
// scoped turn costs one pass over the subscription and resource-group columns the first time only.
import type { AccessScope, Viewer } from '../viewer';
import type { PostureTable } from './table';
import { keepNewest } from '../../collections/keepNewest';

export type ScopeResolver = (table: PostureTable, viewer: Viewer) => Uint8Array | undefined;

export const everyoneSeesEverything: ScopeResolver = () => undefined;

/** Scopes kept per table: enough for the people active at once; the oldest is dropped first. */
const MAX_SCOPES_PER_TABLE = 64;
const cache = new WeakMap<PostureTable, Map<string, Uint8Array>>();

/** A stable key for a scope (order and case do not matter). */
export function scopeKey(scope: AccessScope): string {
  const subs = [...new Set(scope.subscriptions.map((s) => s.trim().toLowerCase()))].sort();
  const groups = [...new Set((scope.resourceGroups ?? []).map((g) => g.trim().toLowerCase()))].sort();
  return `${subs.join(',')}|${groups.join(',')}`;
}

export const byAccessScope: ScopeResolver = (table, viewer) => {
  const scope = viewer.scope;
  if (!scope) return undefined;
  const key = scopeKey(scope);
  let perTable = cache.get(table);
  if (!perTable) cache.set(table, (perTable = new Map()));
  const hit = perTable.get(key);
  const visible = hit ?? visibleRows(table, scope);
  keepNewest(perTable, key, visible, MAX_SCOPES_PER_TABLE);
  return visible;
};

function visibleRows(t: PostureTable, scope: AccessScope): Uint8Array {
  const visible = new Uint8Array(t.rowCount);
  const subs = t.dict.subscription;
  const wholeSubscription = new Uint8Array(subs.size);
  for (const id of scope.subscriptions) {
    const code = subs.find(id.trim());
    if (code !== undefined) wholeSubscription[code] = 1;
  }
  // Resource-group grants: subscription code -> lower-cased group names.
  const groups = new Map<number, Set<string>>();
  for (const pair of scope.resourceGroups ?? []) {
    const slash = pair.indexOf('/');
    if (slash <= 0) continue;
    const code = subs.find(pair.slice(0, slash).trim());
    if (code === undefined) continue;
    let names = groups.get(code);
    if (!names) groups.set(code, (names = new Set()));
    names.add(pair.slice(slash + 1).trim().toLowerCase());
  }
  const { subscription, resourceGroup } = t.columns;
  for (let row = 0; row < t.rowCount; row++) {
    const sub = subscription[row] as number;
    if (sub < 0) continue;
    if (wholeSubscription[sub] === 1) {
      visible[row] = 1;
      continue;
    }
    const names = groups.get(sub);
    const group = resourceGroup[row] as number;
    if (names && group >= 0 && names.has(t.dict.resourceGroup.lower(group))) visible[row] = 1;
  }
  return visible;
}

/** Whether a subscription id is readable as a whole (secure scores are per subscription). */
export function coversSubscription(scope: AccessScope | undefined, subscriptionId: string | undefined): boolean {
  if (!scope) return true;
  if (!subscriptionId) return false;
  const id = subscriptionId.trim().toLowerCase();
  return scope.subscriptions.some((s) => s.trim().toLowerCase() === id);
}
