// Apply fix and assign owner on the live Azure source: the fix's own ARM request and the Defender governance
// assignment run with the user's token (or the bot's), against a loopback ARM that checks the request's shape. A 403
// is explained and nothing is recorded; the card says which identity acts; simulation stays for the demo tenant.
import type { TokenCredential } from '@azure/identity';
import { createArmWrites, governanceAssignmentKey, type ArmWrites } from '../../../src/access/armWrites';
import type { ActionContext } from '../../../src/actions/registry';
import { AppError } from '../../../src/errors/appError';
import type { PostureEngine } from '../../../src/posture/engine';
import type { OverlayChange } from '../../../src/posture/model';
import type { Viewer } from '../../../src/posture/viewer';
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { createKnowledgeBase } from '../../../src/remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../../src/remediation/remediation';
import { createApplyFixAction, LIVE_NOTE, SIMULATED_NOTE } from '../../../src/skills/remediate/applyFixAction';
import { createAssignOwnerAction } from '../../../src/skills/assign/assignOwnerAction';
import type { Reply } from '../../../src/views/reply';
import { loadDemoEngine } from '../../planner/support/demoTenant';
import { startFakeArmWrites, type FakeArmWrites } from '../../support/fakeArmWrites';

const TOKEN = 'ada-arm-token-SECRET';
const catalog = createCatalog();
const remediation = createRemediation({ knowledge: createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName }) });

function contextFor(viewer: Viewer): ActionContext<Reply> & { confirmedBy: { id: string; name: string }; idempotencyKey: string } {
  const memory: Record<string, unknown> = {};
  return {
    viewer,
    actor: { id: '29:ada', name: 'Ada' },
    confirmedBy: { id: '29:ada', name: 'Ada' },
    idempotencyKey: 'k1',
    conversationId: 'c1',
    reply: () => Promise.resolve(),
    conversation: { get: <T>(key: string) => memory[key] as T | undefined, set: (key, value) => void (memory[key] = value), delete: (key) => void delete memory[key] },
  };
}

describe('changes in Azure with the user’s own rights', () => {
  let engine: PostureEngine;
  let arm: FakeArmWrites;
  let target: { assessmentId: string; resourceId: string; resourceName: string };
  const changes: OverlayChange[] = [];
  const posture = { current: () => engine, applyChange: (change: OverlayChange) => Promise.resolve(void changes.push(change)) };
  const signedIn: Viewer = { displayName: 'Ada', armToken: () => Promise.resolve(TOKEN) };

  beforeAll(async () => {
    engine = await loadDemoEngine();
    arm = await startFakeArmWrites();
    // An unhealthy recommendation on a storage account whose fix the bot may apply (a PATCH on the account).
    const rows = engine.search({ displayName: 'test' }, { filter: { statuses: ['Unhealthy'] }, limit: 10_000 }).items;
    const row = rows.find((r) => {
      const lookup = remediation.fixFor(r.key, r.resourceId);
      return lookup.status === 'fix' && lookup.fix.target.cloud === 'azure' && remediation.describeChange(lookup.fix).appliable && /microsoft\.storage\/storageaccounts\/[^/]+$/i.test(r.resourceId);
    });
    if (!row) throw new Error('the demo tenant has no appliable storage fix');
    target = { assessmentId: row.assessmentId, resourceId: row.resourceId, resourceName: row.resourceName };
  });
  afterAll(() => arm.close());
  beforeEach(() => {
    arm.calls.splice(0);
    arm.allowed.clear();
    changes.splice(0);
  });

  const applyFix = (writes: ArmWrites | undefined, canSimulate = false) =>
    createApplyFixAction({ posture, remediation, resolveTarget: () => ({ ok: true, assessmentId: target.assessmentId }), canSimulate: () => canSimulate, armWrites: () => writes });

  it("runs the fix's ARM request with the user's token after the card, which says whose rights act", async () => {
    arm.allowed.add(TOKEN);
    const action = applyFix(createArmWrites({ identity: 'user', baseUrl: arm.url }));
    const proposal = await action.propose({}, contextFor(signedIn));
    expect(proposal.card.intro).toBe(LIVE_NOTE);
    expect(proposal.card.facts).toContainEqual({ label: 'Runs as', value: 'Your own Azure account (Ada): Azure checks your roles.' });
    expect(arm.calls).toEqual([]); // nothing before the confirmation
    const done = await action.perform(proposal.effect, contextFor(signedIn));
    expect(done.text).toMatch(/^Applied in Azure with your own Azure rights: /);
    const lookup = remediation.fixFor(engine.details({}, target.assessmentId)!.key, target.resourceId);
    if (lookup.status !== 'fix') throw new Error('no fix');
    const expected = remediation.renderScripts(lookup.fix).arm!;
    const url = new URL(expected.url);
    expect(arm.calls).toEqual([{ method: expected.method, path: decodeURIComponent(url.pathname), apiVersion: url.searchParams.get('api-version'), token: TOKEN, contentType: 'application/json', body: expected.body }]);
    expect(arm.calls[0]?.path.toLowerCase()).toBe(target.resourceId.toLowerCase());
    // Nothing is simulated: the status changes when Defender and the next refresh say so.
    expect(changes).toEqual([]);
  });

  it('explains a 403 and records nothing', async () => {
    const action = applyFix(createArmWrites({ identity: 'user', baseUrl: arm.url }));
    const proposal = await action.propose({}, contextFor(signedIn));
    const error = (await action.perform(proposal.effect, contextFor(signedIn)).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.userMessage).toBe(`Azure refused this change (403): your account needs a role that may change this storage account (Contributor, or a narrower role with write access to it) on ${target.resourceName}. Nothing was changed and nothing was recorded.`);
    expect(arm.calls).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it("says on the card when the bot's identity acts (AZURE_WRITES_AS_BOT) and sends the bot's token", async () => {
    arm.allowed.add('bot-token');
    const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'bot-token', expiresOnTimestamp: Date.now() + 60_000 }) };
    const action = applyFix(createArmWrites({ identity: 'bot', baseUrl: arm.url, botCredential: credential }));
    const proposal = await action.propose({}, contextFor({ displayName: 'Ada' }));
    expect(proposal.card.facts).toContainEqual({ label: 'Runs as', value: expect.stringMatching(/^The bot's own Azure identity/) });
    expect((await action.perform(proposal.effect, contextFor({ displayName: 'Ada' }))).text).toMatch(/with the bot's identity/);
    expect(arm.calls.map((c) => c.token)).toEqual(['bot-token']);
  });

  it('keeps simulating on the demo tenant, and refuses on other data with no identity to write as', async () => {
    const simulated = applyFix(undefined, true);
    const proposal = await simulated.propose({}, contextFor(signedIn));
    expect(proposal.card.intro).toBe(SIMULATED_NOTE);
    expect(proposal.card.facts.map((f) => f.label)).not.toContain('Runs as');
    await simulated.perform(proposal.effect, contextFor(signedIn));
    expect(changes).toEqual([expect.objectContaining({ kind: 'status', status: 'Healthy', cause: 'SimulatedFix' })]);
    expect(arm.calls).toEqual([]);
    await expect(applyFix(undefined, false).propose({}, contextFor(signedIn))).rejects.toMatchObject({ code: 'BAD_REQUEST', userMessage: expect.stringMatching(/AZURE_WRITES_AS_BOT=true/) });
  });

  it("writes the owner as a Defender governance assignment with the user's token; a 403 records no owner", async () => {
    const action = createAssignOwnerAction({ posture, resolveTarget: () => ({ ok: true, assessmentId: target.assessmentId }), armWrites: () => createArmWrites({ identity: 'user', baseUrl: arm.url }), now: () => Date.UTC(2026, 11, 4) });
    const proposal = await action.propose({}, contextFor(signedIn));
    expect(proposal.card.facts).toContainEqual({ label: 'Runs as', value: expect.stringMatching(/^Your own Azure account/) });
    const effect = action.withInputs!(proposal.effect, { owner: 'owner@contoso.com', dueDate: '2027-01-15' });
    await expect(action.perform(effect, contextFor(signedIn))).rejects.toMatchObject({ code: 'AZURE_WRITE_REFUSED', userMessage: expect.stringMatching(/needs Security Admin \(or Owner\) on the subscription/) });
    expect(changes).toEqual([]);

    arm.allowed.add(TOKEN);
    await action.perform(effect, contextFor(signedIn));
    expect(arm.calls.at(-1)).toEqual({
      method: 'PUT',
      path: `${target.assessmentId}/governanceAssignments/${governanceAssignmentKey(target.assessmentId)}`,
      apiVersion: '2022-01-01-preview',
      token: TOKEN,
      contentType: 'application/json',
      body: { properties: { owner: 'owner@contoso.com', remediationDueDate: '2027-01-15T23:59:59.999Z', isGracePeriod: false, governanceEmailNotification: { disableManagerEmailNotification: true, disableOwnerEmailNotification: true } } },
    });
    expect(changes).toEqual([expect.objectContaining({ kind: 'governance', owner: 'owner@contoso.com' })]);
  });
});
