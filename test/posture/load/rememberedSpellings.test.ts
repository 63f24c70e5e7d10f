// Spellings are remembered per value (status, severity, risk level, source cloud, categories) and ARM id words are
// compared without lower-cased copies: the answers must be the same as working each one out afresh, errors included.
import { parseArmId } from '../../../src/posture/load/armId';
import { parseRiskLevel, parseSeverity, parseStatus } from '../../../src/posture/load/fieldParsers';
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { createRowNormalizer } from '../../../src/posture/load/normalizeRow';
import type { AssessmentRecord } from '../../../src/posture/model';

describe('remembered spellings', () => {
  it('gives the same value for a spelling every time, and refuses a bad one every time', () => {
    for (let round = 0; round < 3; round++) {
      expect(parseStatus('NOT_APPLICABLE', 'f')).toBe('NotApplicable');
      expect(parseStatus('unhealthy', 'f')).toBe('Unhealthy');
      expect(parseSeverity(' high ', 'f')).toBe('High');
      expect(parseRiskLevel('None', 'f')).toBeUndefined();
      expect(parseRiskLevel('CRITICAL', 'f')).toBe('Critical');
      expect(() => parseStatus('Broken', 'properties.status.code')).toThrow('properties.status.code: "Broken" is not');
      expect(() => parseSeverity(3, 'properties.metadata.severity')).toThrow('properties.metadata.severity: 3 is not');
    }
  });

  it('reads clouds and categories the same way on every row', () => {
    const normalize = createRowNormalizer({ catalog: createCatalog({ entries: [] }) });
    const row = (source: string, categories: unknown) => ({
      id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Security/assessments/k1',
      type: 'microsoft.security/assessments',
      properties: { status: { code: 'Unhealthy' }, resourceDetails: { source, id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1' }, metadata: { severity: 'Low', categories } },
    });
    const read = (source: string, categories: unknown) => {
      const result = normalize(row(source, categories));
      if (result.kind !== 'record') throw new Error('ignored');
      return result.record as AssessmentRecord;
    };
    for (let round = 0; round < 3; round++) {
      expect(read(' AWS ', [' compute', 'Compute', 'Nope']).cloud).toBe('AWS');
      expect(read(' AWS ', [' compute', 'Compute', 'Nope']).categories).toEqual(['Compute']);
      expect(read('On-Premise', 'data').cloud).toBe('OnPremise');
      expect(read('On-Premise', 'data').categories).toEqual(['Data']);
      expect(read('Mars', ['Nope']).cloud).toBe('Other');
    }
  });
});

describe('ARM id words', () => {
  it('match in any letter case', () => {
    expect(parseArmId('/SUBSCRIPTIONS/s1/ResourceGroups/rg1/PROVIDERS/Microsoft.Web/sites/app1')).toEqual({
      subscriptionId: 's1',
      resourceGroup: 'rg1',
      type: 'Microsoft.Web/sites',
      name: 'app1',
    });
  });

  it('follow toLowerCase outside ASCII (a look-alike letter is not the word)', () => {
    const id = '/subscriptions/s1/resourceGroups/rg1/provİders/Microsoft.Web/sites/app1';
    expect('provİders'.toLowerCase() === 'providers').toBe(false);
    expect(parseArmId(id).type).toBe('Microsoft.Resources/resourceGroups');
  });
});
