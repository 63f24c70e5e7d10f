// Individual recommendations (each vulnerability its own assessment, grouped by recommendationCategory) read in
// every key casing, CvesDetails as a JSON string and as an array, cvedetails rows read loosely, and exports that mix
// them with legacy sub-assessments.
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { createRowNormalizer } from '../../../src/posture/load/normalizeRow';
import type { AssessmentRecord, PostureRecord } from '../../../src/posture/model';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { SUB, VM, subAssessmentRow } from './rowFixtures';

const normalize = createRowNormalizer({ catalog: createCatalog({ entries: [] }) });
const record = (row: unknown): PostureRecord => {
  const result = normalize(row);
  if (result.kind !== 'record') throw new Error(`ignored ${result.type}`);
  return result.record;
};
const assessment = (row: unknown): AssessmentRecord => {
  const rec = record(row);
  if (rec.kind !== 'assessment') throw new Error(`not an assessment: ${rec.kind}`);
  return rec;
};

const KEY = '5f2a7c1e-0b1d-4e6a-9c3f-2d8e7a6b5c4d';
const CVES = [
  { CveId: 'CVE-2021-44228', Severity: 'Critical', Cvss: [{ Key: '3.1', Value: { Base: 10, CvssVectorString: 'CVSS:3.1/AV:N' } }], FixStatus: 'FixAvailable', Description: 'Log4j JNDI lookup (Log4Shell)' },
  { CveId: 'cve-2021-45046', Severity: 'High', Cvss: [{ Key: '3.1', Value: { Base: 9 } }] },
];

function individualRow(cvesDetails: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `${VM}/providers/Microsoft.Security/assessments/${KEY}`,
    name: KEY,
    type: 'microsoft.security/assessments',
    subscriptionId: SUB,
    properties: {
      displayName: 'log4j-core should be updated',
      status: { code: 'Unhealthy' },
      resourceDetails: { Source: 'Azure', Id: VM, ResourceType: 'microsoft.compute/virtualmachines' },
      metadata: { displayName: 'log4j-core should be updated', severity: 'Critical', recommendationCategory: 'SoftwareUpdate', assessmentType: 'BuiltIn' },
      additionalData: { SoftwareName: 'log4j-core', CvesDetails: cvesDetails, DetectedSoftwareVersions: ['2.14.1', '2.14.0'], FixedVersion: '2.17.1', ...extra },
    },
  };
}

/** Every key of every object renamed by `rename`, recursively (arrays too; string values untouched). */
function recase(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => recase(item, rename));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), recase(v, rename)]));
  return value;
}

const CASINGS: Record<string, (key: string) => string> = {
  asPublished: (key) => key,
  camelCase: (key) => key.charAt(0).toLowerCase() + key.slice(1),
  PascalCase: (key) => key.charAt(0).toUpperCase() + key.slice(1),
  lowercase: (key) => key.toLowerCase(),
  UPPERCASE: (key) => key.toUpperCase(),
};

const EXPECTED = {
  recommendationCategory: 'SoftwareUpdate',
  severity: 'Critical',
  vulnerability: {
    software: 'log4j-core',
    detectedVersions: ['2.14.1', '2.14.0'],
    fixedVersion: '2.17.1',
    fixAvailable: true,
    cves: [
      { id: 'CVE-2021-44228', severity: 'Critical', score: 10, title: 'Log4j JNDI lookup (Log4Shell)' },
      { id: 'CVE-2021-45046', severity: 'High', score: 9 },
    ],
  },
};

describe('individual recommendations', () => {
  describe.each(Object.entries(CASINGS))('keys %s', (_name, rename) => {
    it('reads CvesDetails given as an array', () => {
      expect(assessment(recase(individualRow(CVES), rename))).toMatchObject(EXPECTED);
    });

    it('reads CvesDetails given as a JSON string (its inner keys cased the same way)', () => {
      const row = recase(individualRow('__CVES__'), rename) as Record<string, unknown>;
      const text = JSON.stringify(row).replace('"__CVES__"', JSON.stringify(JSON.stringify(recase(CVES, rename))));
      expect(assessment(JSON.parse(text))).toMatchObject(EXPECTED);
    });
  });

  it('gives the same facts for the string and the array form', () => {
    expect(assessment(individualRow(JSON.stringify(CVES))).vulnerability).toEqual(assessment(individualRow(CVES)).vulnerability);
  });

  it('reads one CVE object, a list of ids, and text that only names ids', () => {
    expect(assessment(individualRow({ cveId: 'CVE-2014-0160' })).vulnerability?.cves).toEqual([{ id: 'CVE-2014-0160' }]);
    expect(assessment(individualRow(['CVE-2014-0160', 'CVE-2022-3602'])).vulnerability?.cves.map((c) => c.id)).toEqual(['CVE-2014-0160', 'CVE-2022-3602']);
    expect(assessment(individualRow('CVE-2014-0160; cve-2022-3602')).vulnerability?.cves.map((c) => c.id)).toEqual(['CVE-2014-0160', 'CVE-2022-3602']);
    expect(assessment(individualRow('[not json')).vulnerability?.cves).toEqual([]);
  });

  it('an empty FixedVersion means no fix yet; FixStatus says so too; no fix field says nothing', () => {
    expect(assessment(individualRow(CVES.slice(1), { FixedVersion: '' })).vulnerability).toMatchObject({ fixAvailable: false });
    expect(assessment(individualRow(CVES.slice(1), { FixedVersion: undefined, FixStatus: 'NoFixAvailable' })).vulnerability?.fixAvailable).toBe(false);
    const silent = assessment(individualRow(CVES.slice(1), { FixedVersion: undefined })).vulnerability;
    expect(silent).toBeDefined();
    expect(silent?.fixAvailable).toBeUndefined();
  });

  it('reads DetectedSoftwareVersions as a string, and versions and fix under ScannersDetails', () => {
    expect(assessment(individualRow(CVES, { DetectedSoftwareVersions: '1.0.1f, 1.0.1e' })).vulnerability?.detectedVersions).toEqual(['1.0.1f', '1.0.1e']);
    const scanners = assessment(individualRow(CVES, { DetectedSoftwareVersions: undefined, FixedVersion: undefined, ScannersDetails: JSON.stringify({ mdvm: { DetectedSoftwareVersions: ['3.0.1'], FixedVersion: '3.0.7' } }) }));
    expect(scanners.vulnerability).toMatchObject({ detectedVersions: ['3.0.1'], fixedVersion: '3.0.7', fixAvailable: true });
  });

  it('keeps categories it does not know as spelled, and canonicalises the known ones', () => {
    const row = individualRow(CVES) as { properties: { metadata: Record<string, unknown> } };
    row.properties.metadata['recommendationCategory'] = 'iac vulnerabilities';
    expect(assessment(row).recommendationCategory).toBe('IacVulnerabilities');
    row.properties.metadata['recommendationCategory'] = 'QuantumReadiness';
    expect(assessment(row).recommendationCategory).toBe('QuantumReadiness');
  });

  it('a recommendation without additionalData findings has no vulnerability facts', () => {
    const row = individualRow(CVES) as { properties: Record<string, unknown> };
    delete row.properties['additionalData'];
    expect(assessment(row).vulnerability).toBeUndefined();
  });

  it('a legacy grouped row gets the category of the individual recommendations that replaced it', () => {
    const legacy = { id: `${VM}/providers/Microsoft.Security/assessments/1195afff-c881-495e-9bc5-1486211ae03f`, type: 'microsoft.security/assessments', properties: { status: { code: 'Unhealthy' } } };
    expect(assessment(legacy).recommendationCategory).toBe('SoftwareUpdate');
  });
});

describe('cvedetails rows (shape undocumented: read loosely)', () => {
  it('reads id, title, severity and the highest CVSS base score', () => {
    const row = { id: '/providers/Microsoft.Security/cveDetails/CVE-2021-44228', name: 'CVE-2021-44228', type: 'Microsoft.Security/cveDetails', properties: { cveId: 'CVE-2021-44228', title: 'Apache Log4j2 JNDI features (Log4Shell)', severity: 'Critical', cvss: { '3.1': { base: 10 }, '2.0': { base: 9.3 } } } };
    expect(record(row)).toEqual({ kind: 'cveDetail', id: 'CVE-2021-44228', title: 'Apache Log4j2 JNDI features (Log4Shell)', severity: 'Critical', score: 10 });
  });

  it('takes the id from the name, and skips fields in shapes it does not know', () => {
    const row = { NAME: 'cve-2014-0160', TYPE: 'microsoft.security/cvedetails', PROPERTIES: { Severity: 'Important', CvssScore: '7.5', Description: 'Heartbleed' } };
    expect(record(row)).toEqual({ kind: 'cveDetail', id: 'CVE-2014-0160', title: 'Heartbleed', score: 7.5 });
  });

  it('refuses a row that names no CVE at all', () => {
    expect(() => normalize({ type: 'microsoft.security/cvedetails', properties: {} })).toThrow(/cveId/);
  });
});

describe('an export mixing both models', () => {
  const OTHER_VM = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-legacy-02`;
  function engine() {
    const legacyParent = { id: `${VM.replace('vm-web-01', 'vm-legacy-02')}/providers/Microsoft.Security/assessments/1195afff-c881-495e-9bc5-1486211ae03f`, name: '1195afff-c881-495e-9bc5-1486211ae03f', type: 'microsoft.security/assessments', properties: { displayName: 'Machines should have vulnerability findings resolved', status: { code: 'Unhealthy' }, metadata: { severity: 'High' }, resourceDetails: { id: OTHER_VM } } };
    const legacyFinding = subAssessmentRow() as { id: string; properties: { additionalData: Record<string, unknown> } };
    legacyFinding.id = legacyFinding.id.replace('vm-web-01', 'vm-legacy-02').replace('cve-2024-0001', 'log4j');
    legacyFinding.properties.additionalData['cve'] = [{ title: 'CVE-2021-44228' }];
    legacyFinding.properties.additionalData['softwareDetails'] = { packageName: 'log4j-core' };
    const rows = [
      individualRow(CVES),
      recase(individualRow(JSON.stringify([{ CveId: 'CVE-2014-0160' }]), { SoftwareName: 'openssl', FixedVersion: '' }), CASINGS['UPPERCASE'] as (k: string) => string),
      legacyParent,
      legacyFinding,
      { name: 'CVE-2021-44228', type: 'microsoft.security/cvedetails', properties: { title: 'Log4Shell', severity: 'Critical', cvss: { '3.1': { base: 10 } } } },
    ];
    // The second individual row is about another package on the same machine: a distinct assessment.
    (rows[1] as Record<string, unknown>)['ID'] = `${VM}/providers/Microsoft.Security/assessments/aaaaaaaa-0b1d-4e6a-9c3f-2d8e7a6b5c4d`;
    (rows[1] as Record<string, unknown>)['NAME'] = 'aaaaaaaa-0b1d-4e6a-9c3f-2d8e7a6b5c4d';
    const builder = createPostureStoreBuilder();
    for (const row of rows) builder.add(record(row));
    return builder.finish();
  }

  it('finds a CVE on both the individual and the legacy row, by id and by the cvedetails title', () => {
    const e = engine();
    const names = (filter: Parameters<typeof e.search>[1]['filter']) => e.search(SYSTEM_VIEWER, { filter, limit: 10 }).items.map((r) => r.resourceName).sort();
    expect(names({ cves: ['cve-2021-44228'] })).toEqual(['vm-legacy-02', 'vm-web-01']);
    expect(names({ vulnerabilityText: 'log4shell' })).toEqual(['vm-legacy-02', 'vm-web-01']);
    expect(names({ vulnerabilityText: 'CVE-2014-0160' })).toEqual(['vm-web-01']);
    expect(names({ software: 'LOG4J' })).toEqual(['vm-legacy-02', 'vm-web-01']);
    expect(names({ cves: ['CVE-1999-0001'] })).toEqual([]);
  });

  it('has a fix from FixedVersion and from a patchable legacy finding; none where FixedVersion is empty', () => {
    const e = engine();
    expect(e.search(SYSTEM_VIEWER, { filter: { fixAvailable: true }, limit: 10 }).items.map((r) => r.software).sort()).toEqual(['log4j-core', 'log4j-core']);
    expect(e.search(SYSTEM_VIEWER, { filter: { fixAvailable: false }, limit: 10 }).items.map((r) => r.software)).toEqual(['openssl']);
  });

  it('groups both models under one category, and counts resources per CVE across them', () => {
    const e = engine();
    expect(e.count(SYSTEM_VIEWER, { recommendationCategories: ['softwareupdate'] })).toBe(3);
    const result = e.vulnerabilities(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 });
    expect(result.total).toBe(3);
    expect(result.items[0]).toMatchObject({ cveId: 'CVE-2021-44228', title: 'Log4Shell', severity: 'Critical', score: 10, resourceCount: 2, recommendationCount: 2, fixAvailable: true, software: ['log4j-core'] });
    expect(result.items.find((v) => v.cveId === 'CVE-2014-0160')).toMatchObject({ resourceCount: 1, fixAvailable: false, software: ['openssl'] });
  });
});

describe('IaC findings keep the scanner rule id (additionalData.RuleId)', () => {
  const REPO = `/subscriptions/${SUB}/resourceGroups/rg-devops/providers/Microsoft.Security/securityConnectors/gh/devops/default/repos/infra`;
  const iacRow = (ruleId: unknown, category = 'IacVulnerabilities') => ({
    id: `${REPO}/providers/Microsoft.Security/assessments/${KEY}`,
    name: KEY,
    type: 'microsoft.security/assessments',
    properties: {
      displayName: 'IaC: a title our rules do not know',
      status: { code: 'Unhealthy' },
      resourceDetails: { Source: 'Azure', Id: REPO, ResourceType: 'microsoft.security/securityconnectors/devops/repos' },
      metadata: { severity: 'High', recommendationCategory: category },
      additionalData: { RuleId: ruleId, FilePath: 'modules/storage/main.tf', LineNumber: 19 },
    },
  });

  it.each(Object.entries(CASINGS))('reads it with keys %s, trimmed', (_name, rename) => {
    expect(assessment(recase(iacRow(' CKV_AZURE_44 '), rename)).iacRuleId).toBe('CKV_AZURE_44');
  });

  it('keeps it only on IaC findings, and leaves it out when empty', () => {
    expect(assessment(iacRow('VA2065', 'SqlVulnerabilities')).iacRuleId).toBeUndefined();
    expect(assessment(iacRow('')).iacRuleId).toBeUndefined();
    expect('iacRuleId' in assessment(iacRow(undefined))).toBe(false);
  });

  it('carries it through the store to the recommendation details', () => {
    const builder = createPostureStoreBuilder();
    builder.add(record(iacRow('CKV_AZURE_44')));
    builder.add(record(individualRow(CVES)));
    const e = builder.finish();
    const ids = e.search(SYSTEM_VIEWER, { filter: {}, limit: 10 }).items.map((r) => r.assessmentId);
    const details = ids.map((id) => e.details(SYSTEM_VIEWER, id));
    expect(details.map((d) => d?.iacRuleId)).toEqual(expect.arrayContaining(['CKV_AZURE_44', undefined]));
    expect(details.find((d) => d?.recommendationCategory === 'SoftwareUpdate')?.iacRuleId).toBeUndefined();
  });
});
