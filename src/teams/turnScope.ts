// The AccessScope resolved for this turn, kept beside the activity object (every handler of the turn reads the
// same one), so viewerOf can carry it without each caller passing it along.
import type { Activity } from 'botbuilder';
import type { AccessScope } from '../posture/viewer';

const scopes = new WeakMap<object, AccessScope>();
const armTokens = new WeakMap<object, () => Promise<string>>();

/** armToken: the user's own Resource Manager token for this turn, fetched only when a write needs it. */
export function setTurnScope(activity: Partial<Activity>, scope: AccessScope, armToken?: () => Promise<string>): void {
  scopes.set(activity, scope);
  if (armToken) armTokens.set(activity, armToken);
}

export function turnScopeOf(activity: Partial<Activity>): { scope?: AccessScope; armToken?: () => Promise<string> } {
  const scope = scopes.get(activity);
  const armToken = armTokens.get(activity);
  return scope ? { scope, ...(armToken ? { armToken } : {}) } : {};
}
