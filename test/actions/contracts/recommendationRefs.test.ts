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

  it('keeps the ids asked for most recently: at least the last half of its limit, at most its limit', () => {
    const digests = jest.spyOn(crypto, 'hash');
    const refs = createRecommendationRefs(4);
    for (const id of ['/a', '/b', '/c', '/d']) refs(id);
    expect(digests).toHaveBeenCalledTimes(4);
    refs('/c');
    refs('/d');
    refs('/a'); // still kept (the older half): not digested again
    expect(digests).toHaveBeenCalledTimes(4);
    refs('/e');
    expect(digests).toHaveBeenCalledTimes(5);
    expect(refs('/b')).toBe(digestRef('/b')); // dropped: digested again, the same ref
    expect(digests).toHaveBeenCalledTimes(6);
  });

  it('gives the digest’s ref to every id when every id is new (the generations turn over)', () => {
    const refs = createRecommendationRefs(64);
    const ids = Array.from({ length: 2000 }, (_, i) => `/subscriptions/s/resourceGroups/rg/providers/x/y/n${i}`);
    for (const id of ids) expect(refs(id)).toBe(digestRef(id));
  });
});
