// Whole turns on live Azure data with Teams SSO on: an owner card's ETA goes to Defender's governance assignment with
// the owner's own token; an exemption the delegator approves becomes an Azure Policy exemption, written with the
// delegator's own token, for the assignment Azure Policy's compliance records name. An unknown assignment is said
// plainly and nothing changes; a 403 changes nothing and drops the user's cached scope, so the next answer reads it
// again. No token reaches the logs.
import type { Activity } from 'botbuilder';
import { createDelegationRecords, type Delegation } from '../../src/skills/delegate/delegationRecords';
import { resourceIdOfAssessment } from '../../src/access/policyExemptions';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { cardOf, textOf } from '../support/cardJson';
import { seeReplies, visible } from '../support/cardText';
import { startLiveSsoBot, type LiveSsoBot } from '../support/liveSsoBot';
import { SSO_CLIENT, ssoPerson } from '../support/ssoBot';
import { displayDate } from '../../src/views/postureLabels';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const allText = (activities: Array<Partial<Activity>>) =>
  [...activities.map((a) => ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? ''), textOf(cardOf(activities)), ...seeReplies({ activities }).map(visible)].join('\n');

describe('owner card write-backs to Azure with the presser’s own token, in whole turns', () => {
  let live: LiveSsoBot;
  let delegations: ReturnType<typeof createDelegationRecords>;
  /** Unhealthy assessments that name an Azure Policy definition. */
  let targets: Array<{ assessmentId: string; policyDefinitionId: string; recommendation: string; resourceName: string }>;

  beforeAll(async () => {
    // Alice delegates; Carol owns and may write; Bob owns but holds no write role.
    live = await startLiveSsoBot({ people: ['alice', 'bob', 'carol'], writers: ['alice', 'carol'] });
    delegations = createDelegationRecords(live.records);
    const engine = live.skills.posture.current();
    targets = engine
      .search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 100 })
      .items.map((r) => ({ row: r, policy: engine.details(SYSTEM_VIEWER, r.assessmentId)?.policyDefinitionId }))
      .filter((t): t is { row: typeof t.row; policy: string } => typeof t.policy === 'string')
      .map(({ row, policy }) => ({ assessmentId: row.assessmentId, policyDefinitionId: policy, recommendation: row.displayName, resourceName: row.resourceName }));
  }, 60_000);
  afterAll(() => live.close());

  async function seed(id: string, owner: string, target: (typeof targets)[number]): Promise<{ ref: string; v: number }> {
    const now = Date.now();
    const d: Delegation = {
      id,
      ...target,
      severity: 'High',
      owner: `${owner}@zephyr.example`,
      cc: [],
      subject: 'Please fix',
      dueDate: now + 30 * DAY,
      gracePeriod: false,
      delegator: { id: ssoPerson('alice').aadObjectId, name: 'alice' },
      conversationId: 'a:alice',
      createdAt: now,
      state: 'Accepted',
      history: [{ at: now, state: 'Assigned', by: 'alice' }, { at: now, state: 'Accepted', by: owner }],
      ownerTeams: { id: ssoPerson(owner).aadObjectId, userId: ssoPerson(owner).id },
    } as Delegation;
    await delegations.createOnce(d);
    return { ref: id, v: d.history.length };
  }

  it('has live targets that name their policy', () => {
    expect(targets.length).toBeGreaterThanOrEqual(3);
  });

  it("writes the owner's ETA into the governance assignment with the owner's own token", async () => {
    const { ref, v } = await seed('d_eta1', 'carol', targets[0]!);
    const eta = Date.now() + 10 * DAY;
    const done = await live.press('carol', 'delegation', { ref, v, act: 'eta', eta: day(eta), etaNote: 'waiting for the change window' });
    expect(allText(done)).toContain(`ETA set to ${displayDate(eta)}. The ETA is written to Defender in Azure.`);
    const call = live.writes.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'PUT', apiVersion: '2022-01-01-preview', token: 'arm-token-carol' });
    expect(call.path).toBe(`${targets[0]!.assessmentId}/governanceAssignments/${call.path.split('/').at(-1)}`);
    const props = (call.body as { properties: Record<string, unknown> }).properties;
    expect(props).toMatchObject({ owner: 'carol@zephyr.example', isGracePeriod: false, remediationEta: { justification: 'waiting for the change window' } });
    expect(String((props.remediationEta as { eta: string }).eta).slice(0, 10)).toBe(day(eta));
    expect((await delegations.get(ref))?.state).toBe('EtaSet');
  });

  it('refuses a 403 plainly, changes nothing, and drops the user’s cached scope so the next answer reads it again', async () => {
    const { ref, v } = await seed('d_eta2', 'bob', targets[1]!);
    await live.say('bob', 'how many recommendations are there?');
    const readsOf = () => live.arm.calls.filter((c) => c.token === 'arm-token-bob').length;
    const afterFirst = readsOf();
    expect(afterFirst).toBeGreaterThan(0);
    // Cached: another answer reads nothing from ARM.
    await live.say('bob', 'how many recommendations are there?');
    expect(readsOf()).toBe(afterFirst);

    const refused = await live.press('bob', 'delegation', { ref, v, act: 'eta', eta: day(Date.now() + 5 * DAY), etaNote: 'soon' });
    expect(allText(refused)).toContain('Azure refused this change (403): your account needs Security Admin (or Owner) on the subscription that holds this resource. Nothing was changed and nothing was recorded.');
    expect(live.writes.calls.at(-1)).toMatchObject({ token: 'arm-token-bob' });
    const after = await delegations.get(ref);
    expect(after?.state).toBe('Accepted');
    expect(after?.eta).toBeUndefined();
    // The 403 dropped Bob's scope: his next question resolves it again with ARM.
    await live.say('bob', 'how many recommendations are there?');
    expect(readsOf()).toBeGreaterThan(afterFirst);
  });

  it("writes an approved exemption as an Azure Policy exemption with the approver's own token", async () => {
    const target = targets[2]!;
    const { ref, v } = await seed('d_ex1', 'carol', target);
    const expiry = Date.now() + 90 * DAY;
    const writesBefore = live.writes.calls.length;
    const asked = await live.press('carol', 'delegation', { ref, v, act: 'exempt', exReason: 'compensating firewall in front', exKind: 'RiskAccepted', exExpiry: day(expiry) });
    expect(allText(asked)).toContain('Exemption requested (risk accepted)');
    // Asking writes nothing: only the approval does.
    expect(live.writes.calls.slice(writesBefore)).toEqual([]);

    const resourceId = resourceIdOfAssessment(target.assessmentId)!;
    const subscription = resourceId.split('/')[2];
    const assignment = `/subscriptions/${subscription}/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn`;
    live.writes.policyStates.set(resourceId.toLowerCase(), [
      { policyAssignmentId: assignment, policyDefinitionId: target.policyDefinitionId.toUpperCase(), policyDefinitionReferenceId: 'restrictNetworkAccess' },
      { policyAssignmentId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/policyAssignments/other`, policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/unrelated' },
    ]);
    const approved = await live.press('alice', 'delegation', { ref, v: v + 1, act: 'approve' });
    expect(allText(approved)).toContain(`Exemption approved: the delegation is closed. It is written to Azure as a policy exemption (Waiver, until ${displayDate(expiry)}).`);
    const [query, put] = live.writes.calls.slice(writesBefore);
    expect(query).toMatchObject({ method: 'POST', apiVersion: '2019-10-01', token: 'arm-token-alice', path: `${resourceId}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults` });
    expect(put).toMatchObject({ method: 'PUT', apiVersion: '2022-07-01-preview', token: 'arm-token-alice', contentType: 'application/json' });
    expect(put!.path).toMatch(new RegExp(`^${resourceId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/providers/Microsoft\\.Authorization/policyExemptions/posture-bot-[0-9a-f]{32}$`));
    const props = (put!.body as { properties: Record<string, unknown> }).properties;
    expect(props).toMatchObject({ policyAssignmentId: assignment, policyDefinitionReferenceIds: ['restrictNetworkAccess'], exemptionCategory: 'Waiver' });
    expect(String(props.expiresOn).slice(0, 10)).toBe(day(expiry));
    expect(String(props.description)).toContain('compensating firewall in front');
    expect((await delegations.get(ref))?.state).toBe('ExemptionApproved');
  });

  it('says so when no policy assignment is known, writes nothing and keeps the request open', async () => {
    const target = targets[0]!;
    const { ref, v } = await seed('d_ex2', 'carol', target);
    live.writes.policyStates.delete(resourceIdOfAssessment(target.assessmentId)!.toLowerCase());
    await live.press('carol', 'delegation', { ref, v, act: 'exempt', exReason: 'mitigated by a WAF', exKind: 'Mitigated' });
    const before = live.writes.calls.length;
    const approved = await live.press('alice', 'delegation', { ref, v: v + 1, act: 'approve' });
    expect(allText(approved)).toContain('I could not tell which Azure Policy assignment checks this recommendation on this resource (Azure Policy has no compliance record of its policy for it yet), so no exemption was written to Azure and the request stays open.');
    expect(live.writes.calls.slice(before).map((c) => c.method)).toEqual(['POST']);
    expect((await delegations.get(ref))?.state).toBe('ExemptionRequested');
  });

  it('logs no token', () => {
    const logged = JSON.stringify(live.memory.lines());
    for (const secret of [...live.tokens.tokens.values(), 'arm-token-alice', 'arm-token-bob', 'arm-token-carol', SSO_CLIENT.clientSecret]) expect(logged).not.toContain(secret);
  });
});
