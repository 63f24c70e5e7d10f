// The AccessScope resolved for this turn, kept beside the activity object (every handler of the turn reads the
// same one), so viewerOf can carry it without each caller passing it along. In a channel with no scope set, the
// turn is also marked counts only (src/channels/).
import type { Activity } from 'botbuilder';
import type { AccessScope, Viewer } from '../posture/viewer';

type TurnScope = Pick<Viewer, 'scope' | 'countsOnly' | 'armToken' | 'forgetAccess'>;
const scopes = new WeakMap<object, TurnScope>();

/**
 * armToken: the user's own Resource Manager token for this turn, fetched only when a write needs it; countsOnly: a
 * channel with no scope set. Setting again (the channel step narrows the user's scope) keeps what it does not name.
 */
export function setTurnScope(activity: Partial<Activity>, scope: AccessScope, extras: Pick<Viewer, 'countsOnly' | 'armToken' | 'forgetAccess'> = {}): void {
  const armToken = extras.armToken ?? scopes.get(activity)?.armToken;
  const forgetAccess = extras.forgetAccess ?? scopes.get(activity)?.forgetAccess;
  scopes.set(activity, { scope, ...(extras.countsOnly ? { countsOnly: extras.countsOnly } : {}), ...(armToken ? { armToken } : {}), ...(forgetAccess ? { forgetAccess } : {}) });
}

export function turnScopeOf(activity: Partial<Activity>): TurnScope {
  return scopes.get(activity) ?? {};
}
