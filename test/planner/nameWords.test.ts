// The name fields' words in one table (nameIndex.ts nameWordsOf): what the scan asks per typed word instead of
// asking every field's index in turn.
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { bindVocabulary } from '../../src/planner/vocabularyPort';
import { createFakeVocabulary } from './support/fakeVocabulary';
import { planWith } from './support/planWith';

const tenant = {
  subscription: ['sub-zeta-finance', 'Alderbrook Production'],
  resourceGroup: ['rg-data', 'rg prod web'],
  resourceName: ['vm-web-01', 'zeta'],
  owner: ['maya@contoso.com'],
  tagValue: ['production', 'web tier', 'zeta zone'],
  recommendation: ['Disk encryption should be applied on virtual machines'],
  resourceType: ['microsoft.compute/virtualmachines'],
};

describe('the name fields in one table', () => {
  it('holds every token of every name field, with the token counts of the names each token starts', () => {
    const vocab = bindVocabulary(createFakeVocabulary(tenant), SYSTEM_VIEWER);
    const words = vocab.nameWords().byToken;
    const expected = new Map<string, Set<number>>();
    for (const index of vocab.nameIndexes()) {
      for (const token of index.byToken.keys()) if (!expected.has(token)) expected.set(token, new Set());
      for (const [token, lengths] of index.lengthsByFirst) for (const n of lengths) expected.get(token)?.add(n);
    }
    expect(new Map([...words].map(([t, l]) => [t, [...l].sort()]))).toEqual(new Map([...expected].map(([t, l]) => [t, [...l].sort()])));
    // "zeta" starts a one-token resource name and a two-token tag value; "sub" a three-token subscription; "web"
    // starts "web tier" (2) and sits inside "rg prod web" and "vm-web-01".
    expect([...(words.get('zeta') ?? [])].sort()).toEqual([1, 2]);
    expect([...(words.get('sub') ?? [])]).toEqual([3]);
    expect([...(words.get('web') ?? [])]).toEqual([2]);
    expect(words.get('finance')?.size).toBe(0);
    expect(words.has('critical')).toBe(false);
  });

  it('is built once per set of lists, not per message', () => {
    const source = createFakeVocabulary(tenant);
    const first = bindVocabulary(source, SYSTEM_VIEWER).nameWords();
    expect(bindVocabulary(source, SYSTEM_VIEWER).nameWords()).toBe(first);
    // Another tenant (other lists) gets its own table.
    expect(bindVocabulary(createFakeVocabulary(tenant), SYSTEM_VIEWER).nameWords()).not.toBe(first);
  });

  it('finds whole names and keeps data words from being read as misspelt concepts', () => {
    const source = createFakeVocabulary(tenant);
    // "zeta" and "vm-web-01" are whole names (a word of some field starting a name of that many tokens).
    expect(planWith(source, 'recommendations for vm-web-01').parameters).toMatchObject({ filter: { resourceText: 'vm-web-01' } });
    expect(planWith(source, 'show sub zeta finance').parameters).toMatchObject({ filter: { subscriptions: ['sub-zeta-finance'] } });
  });
});
