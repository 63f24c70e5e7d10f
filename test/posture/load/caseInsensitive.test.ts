// Members matched in any case: the same answer as comparing name.toLowerCase() with key.toLowerCase(), the first
// such member in the object's own order, the exact spelling first.
import { getField, getPath, orAnyCase } from '../../../src/posture/load/caseInsensitive';

const reference = (value: Record<string, unknown>, key: string): unknown => {
  if (value[key] !== undefined) return value[key];
  const name = Object.keys(value).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return name === undefined ? undefined : value[name];
};

describe('case-insensitive members', () => {
  const row: Record<string, unknown> = {
    ID: 'upper',
    Properties: { Status: { CODE: 'Unhealthy' } },
    resourcegroup: 'rg',
    SubscriptionId: 'second spelling',
    // U+212A KELVIN SIGN lower-cases to an ASCII k; U+0130 (I with dot above) lower-cases to two characters.
    '\u212Aind': 'kelvin',
    '\u0130d': 'dotted',
    nAme: 'mixed',
    named: 'longer',
    nbme: 'other letter',
  };

  it('answers as the lower-cased comparison for every key asked', () => {
    for (const key of ['id', 'Id', 'properties', 'resourceGroup', 'subscriptionId', 'kind', 'KIND', 'name', 'NAME', 'nbme', 'missing', 'i', 'ame']) {
      expect(getField(row, key)).toBe(reference(row, key));
      expect(orAnyCase(row[key], row, key)).toBe(reference(row, key));
    }
  });

  it('finds members by another spelling, only same-length names, non-ASCII letters that fold to ASCII included', () => {
    expect(getField(row, 'id')).toBe('upper');
    expect(getField(row, 'resourceGroup')).toBe('rg');
    expect(getField(row, 'subscriptionId')).toBe('second spelling');
    expect(getField(row, 'kind')).toBe('kelvin');
    expect(getField(row, 'name')).toBe('mixed');
    expect(getField(row, 'nam')).toBeUndefined();
    expect(getField({ '@Id': 1 }, '@id')).toBe(1);
    // Letters only fold within A-Z: '@' (64) and '`' (96) are not one another's case.
    expect(getField({ '@d': 1 }, '`d')).toBeUndefined();
    expect(getPath(row, 'properties.status.code')).toBe('Unhealthy');
  });
});
