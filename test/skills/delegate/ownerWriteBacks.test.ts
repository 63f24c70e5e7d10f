// Which owner-card presses write to Azure, and what: an ETA or a new owner rewrites the governance assignment, an
// approved exemption needs the recommendation's policy; other presses and the demo tenant (no writer) write nothing.
import type { ArmRead, ArmWrite, ArmWrites } from '../../../src/access/armWrites';
import type { PostureEngine } from '../../../src/posture/engine';
import type { Viewer } from '../../../src/posture/viewer';
import type { Delegation } from '../../../src/skills/delegate/delegationRecords';
import { createOwnerWriteBacks } from '../../../src/skills/delegate/ownerWriteBacks';

const ASSESSMENT = '/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Storage/storageAccounts/a1/providers/Microsoft.Security/assessments/k1';
const base = { id: 'd_1', assessmentId: ASSESSMENT, recommendation: 'R', resourceName: 'a1', owner: 'olivia@contoso.example', dueDate: Date.UTC(2027, 0, 31), gracePeriod: false, state: 'Accepted', delegator: { id: 'x', name: 'Ada' } } as Delegation;
const viewer: Viewer = { displayName: 'Olivia' };

function recorder(): ArmWrites & { writes: ArmWrite[]; reads: ArmRead[] } {
  const writes: ArmWrite[] = [];
  const reads: ArmRead[] = [];
  return { identity: 'user', actsAs: () => '', writes, reads, write: async (_v, r) => void writes.push(r), read: async (_v, r) => (reads.push(r), { value: [] }) };
}
const engine = (policyDefinitionId?: string) => (() => ({ details: () => (policyDefinitionId ? { policyDefinitionId } : {}) }) as unknown as PostureEngine);

describe('owner card write-backs', () => {
  it('rewrites the governance assignment for a new ETA or a new owner, and nothing for other presses', async () => {
    const arm = recorder();
    const writeBack = createOwnerWriteBacks({ armWrites: () => arm, engine: engine() });
    expect(await writeBack(base, { ...base, state: 'EtaSet', eta: { date: Date.UTC(2027, 0, 10), justification: 'window' } }, viewer)).toBe('The ETA is written to Defender in Azure.');
    expect(await writeBack(base, { ...base, owner: 'noah@contoso.example' }, viewer)).toBe('The new owner is written to Defender in Azure.');
    expect(await writeBack(base, { ...base, state: 'FixedPendingVerification' }, viewer)).toBeUndefined();
    expect(arm.writes.map((w) => (w.body as { properties: { owner: string; remediationEta?: unknown } }).properties)).toEqual([
      expect.objectContaining({ owner: 'olivia@contoso.example', remediationEta: { eta: '2027-01-10T00:00:00.000Z', justification: 'window' } }),
      expect.not.objectContaining({ remediationEta: expect.anything() }),
    ]);
    expect((arm.writes[1]!.body as { properties: { owner: string } }).properties.owner).toBe('noah@contoso.example');
  });

  it('writes nothing without a writer (demo tenant), and answers plainly when the recommendation names no policy', async () => {
    const requested = { ...base, state: 'ExemptionRequested', exemption: { reason: 'WAF', kind: 'Mitigated', requestedAt: 0 } } as Delegation;
    expect(await createOwnerWriteBacks({ armWrites: () => undefined, engine: engine('/p') })(requested, { ...requested, state: 'ExemptionApproved' }, viewer)).toBeUndefined();
    const arm = recorder();
    await expect(createOwnerWriteBacks({ armWrites: () => arm, engine: engine() })(requested, { ...requested, state: 'ExemptionApproved' }, viewer)).rejects.toMatchObject({ code: 'NOT_FOUND', userMessage: expect.stringContaining('the data names no Azure Policy definition for it') });
    expect([...arm.reads, ...arm.writes]).toEqual([]);
  });
});
