// withChanges: local changes laid over a finished engine without reloading it; the base engine is left untouched.
import type { ChangeablePostureEngine } from '../../../src/posture/engine';
import type { OverlayChange } from '../../../src/posture/model';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { DAY, NOW } from './records';
import { dbVuln, label, matches, s3, stgNetwork, tenantRecords, webEndpoint, webVuln } from './tenant';

function baseEngine(): ChangeablePostureEngine {
  const builder = createPostureStoreBuilder({ now: () => NOW });
  for (const record of tenantRecords()) builder.add(record);
  return builder.finish();
}

const fix = (id: string, at = NOW): OverlayChange => ({ kind: 'status', assessmentId: id, status: 'Healthy', at, by: 'Ada' });

describe('engine.withChanges', () => {
  it('a simulated fix makes the row healthy in lists, counts, groups and details, and leaves the base engine as it was', () => {
    const base = baseEngine();
    const unhealthyBefore = matches(base, { statuses: ['Unhealthy'] });
    const changed = base.withChanges([fix(webVuln.id.toUpperCase())]);
    expect(matches(changed, { statuses: ['Unhealthy'] })).toEqual(unhealthyBefore.filter((row) => row !== label(webVuln)[0]));
    expect(matches(changed, { statuses: ['Healthy'] })).toContain(label(webVuln)[0]);
    expect(changed.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, 'severity').total).toBe(unhealthyBefore.length - 1);
    expect(changed.details(SYSTEM_VIEWER, webVuln.id)).toMatchObject({ status: 'Healthy', governance: 'completed', statusChangeDate: NOW });
    expect(matches(base, { statuses: ['Unhealthy'] })).toEqual(unhealthyBefore);
    expect(base.details(SYSTEM_VIEWER, webVuln.id)?.status).toBe('Unhealthy');
  });

  it('an exemption is NotApplicable with its cause and reason', () => {
    const changed = baseEngine().withChanges([
      { kind: 'status', assessmentId: dbVuln.id, status: 'NotApplicable', cause: 'Exempt', note: 'Accepted until the Q3 review', at: NOW },
    ]);
    expect(changed.details(SYSTEM_VIEWER, dbVuln.id)).toMatchObject({ status: 'NotApplicable', statusCause: 'Exempt', statusDescription: 'Accepted until the Q3 review' });
    expect(matches(changed, { statuses: ['NotApplicable'] })).toContain(label(dbVuln)[0]);
  });

  it('an owner and due date merge over the data assignment (ticket kept), show in filters, groups and vocabulary', () => {
    const base = baseEngine();
    const changed = base.withChanges([{ kind: 'governance', assessmentId: webVuln.id, owner: 'new.owner@contoso.com', dueDate: NOW + 3 * DAY, at: NOW }]);
    expect(changed.details(SYSTEM_VIEWER, webVuln.id)).toMatchObject({ owner: 'new.owner@contoso.com', dueDate: NOW + 3 * DAY, governance: 'onTime', ticketNumber: 'T-1' });
    expect(matches(changed, { owners: ['NEW.OWNER@contoso.com'] })).toEqual(label(webVuln));
    expect(matches(changed, { governance: ['overdue'] })).not.toContain(label(webVuln)[0]);
    expect(changed.group(SYSTEM_VIEWER, {}, 'owner').groups.map((g) => g.label)).toContain('new.owner@contoso.com');
    expect(changed.vocabulary(SYSTEM_VIEWER, 'owner')).toContain('new.owner@contoso.com');
    expect(changed.fuzzyFind(SYSTEM_VIEWER, 'owner', 'new.owner@contoso.com')[0]?.value).toBe('new.owner@contoso.com');
    // Untouched fields are shared with the base: same list object.
    expect(changed.vocabulary(SYSTEM_VIEWER, 'resourceName')).toBe(base.vocabulary(SYSTEM_VIEWER, 'resourceName'));
    expect(base.vocabulary(SYSTEM_VIEWER, 'owner')).not.toContain('new.owner@contoso.com');
    expect(matches(base, { owners: ['new.owner@contoso.com'] })).toEqual([]);
    expect(base.details(SYSTEM_VIEWER, webVuln.id)?.owner).toBe('alice@contoso.com');
  });

  it('an assignment on a row that had none gets one; the latest change per row and kind wins', () => {
    const changed = baseEngine().withChanges([
      { kind: 'governance', assessmentId: webEndpoint.id, owner: 'later@contoso.com', at: NOW + 2 },
      { kind: 'governance', assessmentId: webEndpoint.id, owner: 'earlier@contoso.com', at: NOW + 1 },
      fix(stgNetwork.id, NOW + 5),
      { kind: 'status', assessmentId: stgNetwork.id, status: 'Unhealthy', at: NOW + 1 },
      { kind: 'governance', assessmentId: s3.id, owner: 'cloud@contoso.com', at: NOW },
    ]);
    expect(changed.details(SYSTEM_VIEWER, s3.id)).toMatchObject({ owner: 'cloud@contoso.com', governance: 'onTime' });
    expect(changed.details(SYSTEM_VIEWER, webEndpoint.id)?.owner).toBe('later@contoso.com');
    expect(changed.details(SYSTEM_VIEWER, stgNetwork.id)?.status).toBe('Healthy');
  });

  it('returns the same engine when no change names a row of this data', () => {
    const base = baseEngine();
    expect(base.withChanges([])).toBe(base);
    expect(base.withChanges([fix('/subscriptions/x/providers/Microsoft.Security/assessments/nope')])).toBe(base);
  });
});
