// Reading resourcechanges rows: the latest change of a resource wins, unreadable rows are ignored, a deleted parent
// takes its children and Defender rows with it, and every row is placed in its subscription.
import { createResourceChanges, isDeleted, resourceIdOf, subscriptionOfRow } from '../../../../src/posture/source/azure/resourceChanges';

const VM = '/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const change = (target: string, changeType: string, timestamp: string) => ({ properties: { targetResourceId: target, changeType, changeAttributes: { timestamp } } });

describe('resource changes', () => {
  it('keeps the latest change per resource, matched without case', () => {
    const changes = createResourceChanges();
    expect(changes.add(change(VM, 'Create', '2026-12-04T10:00:00Z'))).toBe(true);
    expect(changes.add(change(VM.toUpperCase(), 'Delete', '2026-12-04T10:05:00Z'))).toBe(true);
    expect(changes.add(change('/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.Web/sites/app', 'Delete', '2026-12-04T10:00:00Z'))).toBe(true);
    expect(changes.add(change('/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.Web/sites/app', 'Create', '2026-12-04T10:01:00Z'))).toBe(true);
    expect(changes.deleted()).toEqual(new Set([VM.toLowerCase()]));
    expect(changes.reread()).toEqual(['/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.Web/sites/app']);
    expect(changes.size()).toBe(2);
  });

  it('ignores rows without a target, a known change type or a timestamp', () => {
    const changes = createResourceChanges();
    expect(changes.add(change(VM, 'Rename', '2026-12-04T10:00:00Z'))).toBe(false);
    expect(changes.add(change(VM, 'Delete', 'yesterday'))).toBe(false);
    expect(changes.add({ properties: { changeType: 'Delete', changeAttributes: { timestamp: '2026-12-04T10:00:00Z' } } })).toBe(false);
    expect(changes.add(null)).toBe(false);
    expect(changes.size()).toBe(0);
  });

  it('finds the resource of a row and whether it or a parent was deleted', () => {
    const assessment = { id: `${VM}/providers/Microsoft.Security/assessments/abc` };
    const finding = { id: `${VM}/providers/Microsoft.Security/assessments/abc/subAssessments/cve-1` };
    expect(resourceIdOf(assessment)).toBe(VM.toLowerCase());
    expect(resourceIdOf(finding)).toBe(VM.toLowerCase());
    expect(resourceIdOf({ id: VM })).toBe(VM.toLowerCase());
    const deleted = new Set([VM.toLowerCase()]);
    expect(isDeleted(deleted, resourceIdOf(assessment))).toBe(true);
    expect(isDeleted(deleted, `${VM}/extensions/agent`.toLowerCase())).toBe(true);
    expect(isDeleted(deleted, `${VM}2`.toLowerCase())).toBe(false);
    expect(isDeleted(new Set(), VM.toLowerCase())).toBe(false);
  });

  it('places rows in their subscription', () => {
    expect(subscriptionOfRow({ subscriptionId: 'AAAA', id: '/subscriptions/bbbb/x' })).toBe('aaaa');
    expect(subscriptionOfRow({ id: '/subscriptions/BBBB/resourceGroups/rg' })).toBe('bbbb');
    expect(subscriptionOfRow({ id: '/providers/Microsoft.Security/x' })).toBeUndefined();
  });
});
