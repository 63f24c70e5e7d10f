import { createFuzzyIndex, editDistance, normalize } from '../../../src/posture/store/fuzzy';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { engineOf, NOW } from './records';
import { tenantRecords } from './tenant';

const groups = ['rg-prod-web', 'rg-prod-db', 'rg-dev-web', 'Networking', 'rg_legacy.apps'];
const index = createFuzzyIndex(groups);
const best = (text: string) => index.find(text, 3)[0];

describe('fuzzy matching over distinct values', () => {
  it('exact (case-insensitive) scores 1', () => {
    expect(best('RG-PROD-WEB')).toEqual({ value: 'rg-prod-web', score: 1 });
  });

  it('separators do not matter', () => {
    expect(best('rg prod web')?.value).toBe('rg-prod-web');
    expect(best('rg prod web')?.score).toBeGreaterThan(0.9);
    expect(best('rg legacy apps')?.value).toBe('rg_legacy.apps');
  });

  it('prefixes and substrings rank above typos', () => {
    expect(best('network')?.value).toBe('Networking');
    expect(index.find('prod', 5).map((m) => m.value).slice(0, 2).sort()).toEqual(['rg-prod-db', 'rg-prod-web']);
  });

  it('typos and transpositions still match', () => {
    expect(best('netwroking')?.value).toBe('Networking');
    expect(best('rg-prdo-web')?.value).toBe('rg-prod-web');
    expect(best('rg-prod-wbe')?.value).toBe('rg-prod-web');
  });

  it('words in another order match by tokens', () => {
    expect(best('web prod')?.value).toBe('rg-prod-web');
  });

  it('unrelated text, empty text and zero limits give nothing', () => {
    expect(index.find('kubernetes', 5)).toEqual([]);
    expect(index.find('  ', 5)).toEqual([]);
    expect(index.find('rg', 0)).toEqual([]);
  });

  it('results are best first and limited', () => {
    const results = index.find('rg web', 2);
    expect(results).toHaveLength(2);
    expect(results[0]!.score).toBeGreaterThanOrEqual(results[1]!.score);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('storage', 'stroage')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abdcef', 'abcdfe')).toBe(2);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(normalize(' RG__Prod--web ')).toBe('rg prod web');
  });
});

describe('engine vocabulary and fuzzyFind', () => {
  const engine = engineOf(tenantRecords(), { now: NOW });

  it('lists distinct values per field', () => {
    expect([...engine.vocabulary(SYSTEM_VIEWER, 'subscription')].sort()).toEqual(['123456789012', 'Contoso Dev', 'Contoso Production']);
    expect([...engine.vocabulary(SYSTEM_VIEWER, 'resourceGroup')].sort()).toEqual(['rg-data', 'rg-prod']);
    expect([...engine.vocabulary(SYSTEM_VIEWER, 'owner')].sort()).toEqual(['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']);
    expect([...engine.vocabulary(SYSTEM_VIEWER, 'tagKey')].sort()).toEqual(['costcenter', 'env', 'team']);
    expect([...engine.vocabulary(SYSTEM_VIEWER, 'tagValue')].sort()).toEqual(['Dev', 'prod', 'web']);
    expect(engine.vocabulary(SYSTEM_VIEWER, 'recommendation')).toHaveLength(6);
    expect(engine.vocabulary(SYSTEM_VIEWER, 'resourceType')).toContain('AWS::S3::Bucket');
    expect(engine.vocabulary(SYSTEM_VIEWER, 'resourceName')).toContain('stgprodlogs');
  });

  it('finds subscriptions, resources and recommendations from loose words', () => {
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'subscription', 'contoso prod')[0]?.value).toBe('Contoso Production');
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'vm web 01')[0]?.value).toBe('vm-web-01');
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'recommendation', 'endpont protection')[0]?.value).toBe('Endpoint protection should be installed');
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'owner', 'ALICE@contoso.com', 1)).toEqual([{ value: 'alice@contoso.com', score: 1 }]);
  });
});
