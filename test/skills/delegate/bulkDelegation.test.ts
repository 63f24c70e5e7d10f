// The per-owner draft re-reads its recommendations from the data when proposed: ids the viewer cannot see, items no
// longer open, or items that do not share one owner are refused; a shared owner fills To, none leaves it empty.
import type { ActionContext } from '../../../src/actions/registry';
import { isAppError } from '../../../src/errors/appError';
import type { PostureEngine, RecommendationDetails } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { createBulkDelegationActions } from '../../../src/skills/delegate/bulkDelegation';
import type { DelegateOptions } from '../../../src/skills/delegate/delegateAction';
import type { Reply } from '../../../src/views/reply';

const item = (id: string, tags: Record<string, string>, extra: Partial<RecommendationDetails> = {}) =>
  ({ assessmentId: id, displayName: `Fix ${id}`, resourceName: `res-${id}`, severity: 'High', status: 'Unhealthy', tags, riskFactors: [], ...extra }) as unknown as RecommendationDetails;

const DATA = new Map<string, RecommendationDetails>([
  ['a', item('a', { owner: 'x@contoso.example' })],
  ['b', item('b', { owner: 'x@contoso.example' }, { severity: 'Critical' })],
  ['c', item('c', { owner: 'y@contoso.example' })],
  ['d', item('d', {})],
  ['e', item('e', { owner: 'not an address' })],
  ['fixed', item('fixed', { owner: 'x@contoso.example' }, { status: 'Healthy' })],
]);

const engine = { details: (_viewer: unknown, id: string) => DATA.get(id) } as unknown as PostureEngine;
const { group } = createBulkDelegationActions({ posture: { current: () => engine, applyChange: async () => undefined }, ownerTagNames: ['owner'], now: () => Date.UTC(2026, 11, 4) } as unknown as DelegateOptions);
const context = { viewer: SYSTEM_VIEWER } as unknown as ActionContext<Reply>;

async function refusal(ids: string[]): Promise<string> {
  try {
    await group.propose({ assessmentIds: ids }, context);
  } catch (error) {
    if (isAppError(error)) return error.userMessage;
    throw error;
  }
  return 'proposed';
}

describe('per-owner draft (delegateOwnerGroup)', () => {
  it('lists one owner\'s items, worst first, with that owner in To', async () => {
    const proposal = await group.propose({ assessmentIds: ['a', 'b'] }, context);
    expect(proposal.effect.to).toBe('x@contoso.example');
    expect(proposal.effect.items.map((i) => i.assessmentId)).toEqual(['b', 'a']);
    expect(proposal.effect.body).toContain('1. Fix b — res-b (severity Critical)');
    expect(proposal.card.inputs.map((i) => i.id)).toEqual(['to', 'cc', 'subject', 'body', 'dueDate', 'gracePeriod', 'note', 'ticket']);
  });

  it('leaves To empty and asks when none has an owner (a tag that is not one address counts as none)', async () => {
    const proposal = await group.propose({ assessmentIds: ['d', 'e'] }, context);
    expect(proposal.effect.to).toBe('');
    expect(proposal.card.intro).toContain('Who should get them?');
  });

  it.each([
    [['a', 'c'], 'do not share one owner'],
    [['a', 'd'], 'do not share one owner'],
    [['a', 'unknown'], 'no longer open or not visible to you'],
    [['a', 'fixed'], 'no longer open or not visible to you'],
  ])('refuses %j', async (ids, message) => {
    expect(await refusal(ids)).toContain(message);
  });

  it('validates edits like the single draft', () => {
    const effect = { to: '', cc: [], subject: 's', body: 'b', dueDate: '2026-12-18', gracePeriod: false, note: '', items: [] };
    expect(() => group.withInputs?.(effect as never, { to: 'a@b.example\r\nBcc: eve@evil.example' })).toThrow('is not one e-mail address');
    expect(group.withInputs?.(effect as never, { to: 'a@contoso.example', cc: 'A@contoso.example, lead@contoso.example' }).cc).toEqual(['lead@contoso.example']);
  });
});
