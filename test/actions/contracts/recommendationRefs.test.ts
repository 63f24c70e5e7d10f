// Card refs are the same digest as ever (refs on cards already sent stay valid), and an id asked for again while it
// is among the last ones kept is not digested again.
import crypto, { createHash } from 'node:crypto';
import { createRecommendationRefs } from '../../../src/actions/contracts/recommendationRefs';
import { recommendationRef } from '../../../src/actions/contracts/shownRefs';

const ID = '/subscriptions/89a9ac1f-3fe3-4250-b6ad-1a8747fb5de7/resourceGroups/rg-données-clients/providers/Microsoft.Storage/storageAccounts/stBillingProd01/providers/Microsoft.Security/assessments/1c5de8e1-f68d-6a17-e0d2-ec259c42768c';
const digestRef = (id: string) => `r${createHash('sha256').update(id.toLowerCase()).digest('base64url').slice(0, 15)}`;

describe('recommendation refs', () => {
  afterEach(() => jest.restoreAllMocks());

  it('are r + 15 base64url characters of the lower-cased id\'s sha256, asked once or again', () => {
    const ids = [ID, ID.toUpperCase(), '/a', '', 'x'.repeat(2000)];
    for (const id of [...ids, ...ids]) expect(recommendationRef(id)).toBe(digestRef(id));
    expect(recommendationRef(ID)).toBe(recommendationRef(ID.toLowerCase()));
    expect(recommendationRef(ID)).toMatch(/^r[A-Za-z0-9_-]{15}$/);
  });

  it('digests an id asked for again only once while it is kept', () => {
    const digests = jest.spyOn(crypto, 'hash');
    const id = `${ID}/again`;
    const first = recommendationRef(id);
    expect(recommendationRef(id)).toBe(first);
    expect(recommendationRef(id)).toBe(first);
    expect(digests).toHaveBeenCalledTimes(1);
  });

  it('keeps up to its limit, dropping the id added first', () => {
    const digests = jest.spyOn(crypto, 'hash');
    const refs = createRecommendationRefs(2);
    refs('/a');
    refs('/b');
    refs('/a');
    expect(digests).toHaveBeenCalledTimes(2);
    refs('/c'); // full: drops /a, added first
    refs('/b');
    expect(digests).toHaveBeenCalledTimes(3);
    expect(refs('/a')).toBe(digestRef('/a'));
    expect(digests).toHaveBeenCalledTimes(4);
  });
});
