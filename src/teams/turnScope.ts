// The AccessScope resolved for this turn, kept beside the activity object (every handler of the turn reads the
// same one), so viewerOf can carry it without each caller passing it along. In a channel with no scope set, the
// turn is also marked counts only (src/channels/).
import type { Activity } from 'botbuilder';
import type { AccessScope, Viewer } from '../posture/viewer';

type TurnScope = Pick<Viewer, 'scope' | 'countsOnly'>;
const scopes = new WeakMap<object, TurnScope>();

export function setTurnScope(activity: Partial<Activity>, scope: AccessScope, countsOnly?: Viewer['countsOnly']): void {
  scopes.set(activity, countsOnly ? { scope, countsOnly } : { scope });
}

export function turnScopeOf(activity: Partial<Activity>): TurnScope {
  return scopes.get(activity) ?? {};
}
