// Writes to Azure Resource Manager as the user (their on-behalf-of token) or the bot (its credential), against a
// loopback ARM that checks path, api-version, bearer token and body; a 403 names the role needed, no token leaks.
import type { TokenCredential } from '@azure/identity';
import { createArmWrites, governanceAssignmentKey, governanceAssignmentWrite } from '../../src/access/armWrites';
import { policyStatesQuery } from '../../src/access/policyExemptions';
import { AppError } from '../../src/errors/appError';
import type { Viewer } from '../../src/posture/viewer';
import { startFakeArmWrites, type FakeArmWrites } from '../support/fakeArmWrites';

const ASSESSMENT = '/subscriptions/c32e05d9-7207-4e22-bdf4-4f7d9c72e5fd/resourceGroups/compute_servers/providers/Microsoft.Compute/virtualMachines/win2012/providers/Microsoft.Security/assessments/6b9421dd-5555-2251-9b3d-2be58e2f82cd';
const USER_TOKEN = 'user-arm-token-SECRET-1';
const BOT_TOKEN = 'bot-arm-token-SECRET-2';
const viewer = (token?: string): Viewer => ({ displayName: 'Ada', ...(token ? { armToken: () => Promise.resolve(token) } : {}) });
const botCredential = (scopes: string[]): TokenCredential => ({
  getToken: (scope) => {
    scopes.push(String(scope));
    return Promise.resolve({ token: BOT_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
  },
});

describe('ARM writes', () => {
  let arm: FakeArmWrites;
  beforeAll(async () => {
    arm = await startFakeArmWrites();
  });
  afterAll(() => arm.close());
  beforeEach(() => {
    arm.calls.splice(0);
    arm.allowed.clear();
  });

  it("writes a governance assignment with the user's own token: the public path, api-version and body", async () => {
    arm.allowed.add(USER_TOKEN);
    const writes = createArmWrites({ identity: 'user', baseUrl: arm.url });
    const due = Date.UTC(2027, 0, 31);
    await writes.write(viewer(USER_TOKEN), governanceAssignmentWrite(ASSESSMENT, { owner: 'owner@contoso.com', dueDate: due, isGracePeriod: true, ticketNumber: '123123' }, 'subscription Payments'));
    expect(arm.calls).toEqual([
      {
        method: 'PUT',
        path: `${ASSESSMENT}/governanceAssignments/${governanceAssignmentKey(ASSESSMENT)}`,
        apiVersion: '2022-01-01-preview',
        token: USER_TOKEN,
        contentType: 'application/json',
        body: {
          properties: {
            owner: 'owner@contoso.com',
            remediationDueDate: '2027-01-31T00:00:00.000Z',
            isGracePeriod: true,
            governanceEmailNotification: { disableManagerEmailNotification: true, disableOwnerEmailNotification: true },
            additionalData: { ticketNumber: 123123 },
          },
        },
      },
    ]);
    // The same assessment always names the same assignment (a retry overwrites it), another one a different one.
    expect(governanceAssignmentKey(ASSESSMENT)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(governanceAssignmentKey(ASSESSMENT.toUpperCase())).toBe(governanceAssignmentKey(ASSESSMENT));
    expect(governanceAssignmentKey(`${ASSESSMENT}0`)).not.toBe(governanceAssignmentKey(ASSESSMENT));
    // A ticket that is not a number is left out (Defender's ticketNumber is an integer).
    expect(governanceAssignmentWrite(ASSESSMENT, { owner: 'a@b.co', dueDate: due, isGracePeriod: false, ticketNumber: 'INC-1' }, 'x').body).not.toHaveProperty('properties.additionalData');
  });

  it('explains a 403 plainly, with the role and where, and never shows the token', async () => {
    const writes = createArmWrites({ identity: 'user', baseUrl: arm.url });
    const error = await writes.write(viewer(USER_TOKEN), governanceAssignmentWrite(ASSESSMENT, { owner: 'o@contoso.com', dueDate: Date.UTC(2027, 0, 1), isGracePeriod: false }, 'subscription Payments')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('AZURE_WRITE_REFUSED');
    expect((error as AppError).userMessage).toBe('Azure refused this change (403): your account needs Security Admin (or Owner) on subscription Payments. Nothing was changed and nothing was recorded.');
    expect(JSON.stringify({ message: (error as AppError).message, details: (error as AppError).details })).not.toContain(USER_TOKEN);
    expect(arm.calls).toHaveLength(1);
  });

  it('asks a signed-out user to sign in, without calling Azure', async () => {
    const writes = createArmWrites({ identity: 'user', baseUrl: arm.url });
    await expect(writes.write(viewer(), { method: 'PATCH', url: 'https://management.azure.com/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a?api-version=2023-01-01', body: {}, needs: 'x' })).rejects.toMatchObject({ code: 'AZURE_WRITE_REFUSED', userMessage: expect.stringMatching(/not signed in to Azure/) });
    expect(arm.calls).toEqual([]);
  });

  it("acts with the bot's identity when the operator allows it, and the card line says so", async () => {
    arm.allowed.add(BOT_TOKEN);
    const scopes: string[] = [];
    const writes = createArmWrites({ identity: 'bot', baseUrl: arm.url, botCredential: botCredential(scopes) });
    expect(writes.actsAs(viewer(USER_TOKEN))).toMatch(/bot's own Azure identity .*AZURE_WRITES_AS_BOT=true/);
    expect(createArmWrites({ identity: 'user', baseUrl: arm.url }).actsAs(viewer(USER_TOKEN))).toBe('Your own Azure account (Ada): Azure checks your roles.');
    // The public URL a fix renders is sent to the configured endpoint, path and api-version unchanged.
    await writes.write(viewer(USER_TOKEN), { method: 'PATCH', url: 'https://management.azure.com/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Storage/storageAccounts/acct1?api-version=2023-01-01', body: { properties: { supportsHttpsTrafficOnly: true } }, needs: 'Contributor' });
    expect(arm.calls).toEqual([expect.objectContaining({ method: 'PATCH', path: '/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Storage/storageAccounts/acct1', apiVersion: '2023-01-01', token: BOT_TOKEN, body: { properties: { supportsHttpsTrafficOnly: true } } })]);
    expect(scopes).toEqual(['https://management.azure.com/.default']);
  });

  it('says when Azure cannot be reached or fails, without recording anything', async () => {
    const writes = createArmWrites({ identity: 'user', baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(writes.write(viewer(USER_TOKEN), { method: 'DELETE', url: '/subscriptions/s/x?api-version=1', needs: 'x' })).rejects.toMatchObject({ code: 'AZURE_WRITE_FAILED' });
    const real = createArmWrites({ identity: 'user', baseUrl: arm.url });
    arm.allowed.add(USER_TOKEN);
    // Wrong api-version: Azure answers 400, which is not a refusal.
    await expect(real.write(viewer(USER_TOKEN), { method: 'PATCH', url: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a?api-version=2019-01-01', body: {}, needs: 'x' })).rejects.toMatchObject({ code: 'AZURE_WRITE_FAILED', userMessage: expect.stringMatching(/\(400\)/) });
  });

  it("drops the user's cached scope on a 401 or 403 to their own token, never on the bot's or on other failures", async () => {
    const forgotten: string[] = [];
    const as = (token: string): Viewer => ({ ...viewer(token), forgetAccess: () => forgotten.push(token) });
    const request = governanceAssignmentWrite(ASSESSMENT, { owner: 'o@contoso.com', dueDate: Date.UTC(2027, 0, 1), isGracePeriod: false }, 'x');
    await expect(createArmWrites({ identity: 'user', baseUrl: arm.url }).write(as(USER_TOKEN), request)).rejects.toMatchObject({ code: 'AZURE_WRITE_REFUSED' });
    expect(forgotten).toEqual([USER_TOKEN]);
    // The bot refused: the user's own access is not in question.
    await expect(createArmWrites({ identity: 'bot', baseUrl: arm.url, botCredential: botCredential([]) }).write(as(USER_TOKEN), request)).rejects.toMatchObject({ code: 'AZURE_WRITE_REFUSED' });
    // A 400 is not a refusal.
    arm.allowed.add(USER_TOKEN);
    await expect(createArmWrites({ identity: 'user', baseUrl: arm.url }).write(as(USER_TOKEN), { ...request, url: request.url.replace('2022-01-01-preview', '2020-01-01') })).rejects.toMatchObject({ code: 'AZURE_WRITE_FAILED' });
    expect(forgotten).toEqual([USER_TOKEN]);
  });

  it('reads as the same identity and returns the JSON answer', async () => {
    const resource = ASSESSMENT.slice(0, ASSESSMENT.indexOf('/providers/Microsoft.Security'));
    arm.policyStates.set(resource.toLowerCase(), [{ policyAssignmentId: '/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a1', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/p1' }]);
    const answer = await createArmWrites({ identity: 'user', baseUrl: arm.url }).read(viewer(USER_TOKEN), policyStatesQuery(resource, '/providers/Microsoft.Authorization/policyDefinitions/p1'));
    expect(answer).toMatchObject({ value: [{ policyAssignmentId: '/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a1' }] });
    expect(arm.calls).toEqual([expect.objectContaining({ method: 'POST', path: `${resource}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults`, apiVersion: '2019-10-01', token: USER_TOKEN })]);
  });
});
