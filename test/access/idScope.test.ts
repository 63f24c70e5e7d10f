// Records kept beside the posture data (delegations, ratings) are shown to a scoped viewer only when every id they
// are about lies in their subscriptions or resource groups.
import { idInScope, withinScope } from '../../src/access/idScope';

const SUB = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const id = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Security/assessments/k`;

describe('ids in scope', () => {
  it('reads the subscription and resource group from the id', () => {
    expect(idInScope(undefined, 'anything')).toBe(true);
    expect(idInScope({ subscriptions: [SUB.toUpperCase()] }, id(SUB, 'rg'))).toBe(true);
    expect(idInScope({ subscriptions: [SUB] }, id(OTHER, 'rg'))).toBe(false);
    expect(idInScope({ subscriptions: [], resourceGroups: [`${OTHER}/RG-Pay`] }, id(OTHER, 'rg-pay'))).toBe(true);
    expect(idInScope({ subscriptions: [], resourceGroups: [`${OTHER}/rg-pay`] }, id(OTHER, 'rg-web'))).toBe(false);
    expect(idInScope({ subscriptions: [SUB] }, 'arn:aws:s3:::bucket')).toBe(false);
  });

  it('keeps items about ids in scope only, and items about nothing only for an unscoped viewer', () => {
    const items = [{ ids: [id(SUB, 'a')] }, { ids: [id(OTHER, 'b')] }, { ids: [id(SUB, 'a'), id(OTHER, 'b')] }, { ids: [] }];
    expect(withinScope({}, items, (i) => i.ids)).toHaveLength(4);
    expect(withinScope({ scope: { subscriptions: [SUB] } }, items, (i) => i.ids)).toEqual([items[0]]);
  });
});
