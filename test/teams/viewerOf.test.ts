// viewerOf builds the viewer by assignment; it must give the same keys, in the same order, with the same values as
// spreading each part (the reference below), for every combination of the parts.
import type { Activity } from 'botbuilder';
import { timeZoneOf, viewerOf } from '../../src/teams/turnBridge';
import { tenantOf } from '../../src/teams/turnGate';
import { setTurnScope, turnScopeOf } from '../../src/teams/turnScope';

function reference(activity: Partial<Activity>) {
  const type = activity.conversation?.conversationType;
  const conversationType = type === 'personal' || type === 'groupChat' || type === 'channel' ? type : undefined;
  const tenantId = tenantOf(activity);
  return {
    ...(activity.from?.aadObjectId ? { userId: activity.from.aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(conversationType ? { conversationType } : {}),
    ...timeZoneOf(activity),
    ...turnScopeOf(activity),
  };
}

const activities: Array<Partial<Activity>> = [];
for (const from of [undefined, { id: '29:a' }, { id: '29:a', name: 'Ada' }, { id: '29:a', aadObjectId: 'AAD-1', name: '' }, { id: '29:a', aadObjectId: 'aad-2', name: 'Zoë' }])
  for (const conversation of [undefined, { id: 'c', conversationType: 'personal' }, { id: 'c', conversationType: 'channel', tenantId: 'T-1' }, { id: 'c', conversationType: 'meeting' }])
    for (const channelData of [undefined, { tenant: { id: 'TEN' } }, { tenant: {} }])
      for (const entities of [undefined, [{ type: 'clientInfo', timezone: ' Europe/Berlin ' }], [{ type: 'clientInfo', timezone: '' }], [{ type: 'mention' }]])
        activities.push({ type: 'message', ...(from ? { from } : {}), ...(conversation ? { conversation } : {}), ...(channelData ? { channelData } : {}), ...(entities ? { entities } : {}) } as Partial<Activity>);
// A scope resolved for the turn, with and without its extras, on some of them.
const armToken = async () => 'token';
activities.forEach((activity, i) => {
  if (i % 3 === 1) setTurnScope(activity, { subscriptions: ['s1'] });
  if (i % 3 === 2) setTurnScope(activity, { subscriptions: [] }, { countsOnly: 'notSet', armToken });
});

describe('viewerOf', () => {
  it(`matches the spread of its parts on ${activities.length} activities`, () => {
    for (const activity of activities) {
      const viewer = viewerOf(activity);
      expect(viewer).toEqual(reference(activity));
      expect(JSON.stringify(viewer)).toBe(JSON.stringify(reference(activity)));
      expect(Object.keys(viewer)).toEqual(Object.keys(reference(activity)));
    }
  });
});
