// Scope from the user's own ARM token, against a loopback Resource Manager that checks the public API's shape.
import { ArmAccessError, createArmScopeReader, grants } from '../../src/access/armScope';
import { createScopeCache } from '../../src/access/scopeCache';
import { startFakeArm, type FakeArm } from '../support/fakeArm';

const SUB_1 = '11111111-1111-1111-1111-111111111111';
const SUB_2 = '22222222-2222-2222-2222-222222222222';
const SUB_3 = '33333333-3333-3333-3333-333333333333';

describe('ARM scope reader', () => {
  let arm: FakeArm;
  beforeAll(async () => {
    arm = await startFakeArm();
    arm.users.set('token-alice', [
      { subscriptionId: SUB_1, whole: true },
      { subscriptionId: SUB_2, groups: ['rg-payments', 'rg-web'] },
      { subscriptionId: SUB_3, whole: true },
    ]);
    arm.users.set('token-bob', [{ subscriptionId: SUB_2, whole: true }]);
    arm.users.set('token-carol', [{ subscriptionId: SUB_1, permissions: [{ actions: ['*'], notActions: ['Microsoft.Security/*'] }], groups: [] }]);
  });
  afterAll(() => arm.close());

  it('reads whole subscriptions from the permissions API and resource groups where the role is on groups only', async () => {
    const read = createArmScopeReader({ baseUrl: arm.url });
    await expect(read('token-alice')).resolves.toEqual({ subscriptions: [SUB_1, SUB_3], resourceGroups: [`${SUB_2}/rg-payments`, `${SUB_2}/rg-web`] });
    await expect(read('token-bob')).resolves.toEqual({ subscriptions: [SUB_2] });
    // A role whose notActions exclude Defender reads does not open the subscription.
    await expect(read('token-carol')).resolves.toEqual({ subscriptions: [] });
    // The third subscription came from the second page (nextLink).
    expect(arm.calls.filter((c) => c.token === 'token-alice' && c.path === '/subscriptions')).toHaveLength(2);
  });

  it('reports a refusal by status without the token or the body', async () => {
    arm.forbidden.add('token-revoked');
    const failure = await createArmScopeReader({ baseUrl: arm.url })('token-revoked').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ArmAccessError);
    expect((failure as ArmAccessError).status).toBe(403);
    expect(String((failure as Error).message)).not.toContain('token-revoked');
  });

  it('matches ARM wildcards case-insensitively', () => {
    expect(grants([{ actions: ['Microsoft.Security/*'] }], 'microsoft.security/assessments/read')).toBe(true);
    expect(grants([{ actions: ['*/read'], notActions: ['Microsoft.Security/assessments/*'] }], 'Microsoft.Security/assessments/read')).toBe(false);
    expect(grants([{ actions: ['Microsoft.Compute/*'] }], 'Microsoft.Security/assessments/read')).toBe(false);
  });
});

describe('scope cache', () => {
  it('keeps a scope for its time to live, shares concurrent reads, forgets on demand and never caches a failure', async () => {
    let clock = 0;
    let reads = 0;
    const cache = createScopeCache({ ttlMs: 1000, now: () => clock });
    const read = async () => ({ subscriptions: [`s${++reads}`] });
    const [a, b] = await Promise.all([cache.get('u', read), cache.get('u', read)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    clock = 999;
    await cache.get('u', read);
    expect(reads).toBe(1);
    clock = 1000;
    expect(await cache.get('u', read)).toEqual({ subscriptions: ['s2'] });
    cache.forget('u');
    expect(await cache.get('u', read)).toEqual({ subscriptions: ['s3'] });
    await expect(cache.get('v', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('v', read)).toEqual({ subscriptions: ['s4'] });
  });
});
