// The AccessScope resolved for this turn, kept beside the activity object (every handler of the turn reads the
// same one), so viewerOf can carry it without each caller passing it along.
import type { Activity } from 'botbuilder';
import type { AccessScope } from '../posture/viewer';

const scopes = new WeakMap<object, AccessScope>();

export function setTurnScope(activity: Partial<Activity>, scope: AccessScope): void {
  scopes.set(activity, scope);
}

export function turnScopeOf(activity: Partial<Activity>): { scope?: AccessScope } {
  const scope = scopes.get(activity);
  return scope ? { scope } : {};
}
