// The committed demo tenant holds what the issue asks for; checked on the file itself, as the app will load it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FACTS } from '../../../src/posture/demo/catalogFacts';
import { FACTOR_SPELLINGS } from '../../../src/posture/demo/riskFactors';
import { get, str, typeOf, type Row } from './rowAccess';

const file = join(__dirname, '../../../src/posture/demo/demo-tenant.json');
const text = readFileSync(file, 'utf8');
const envelope = JSON.parse(text) as { generatedAt: string; count: number; data: Row[] };
const rows = envelope.data;
const generatedAt = Date.parse(envelope.generatedAt);
const ofType = (type: string) => rows.filter((row) => typeOf(row) === type);
const assessments = ofType('microsoft.security/assessments');
const props = (row: Row): Row => (get(row, 'properties') ?? {}) as Row;
const statusCode = (row: Row): string => str(get(row, 'properties', 'status', 'code'));
const VULNERABILITY_KEYS = ['1195afff-c881-495e-9bc5-1486211ae03f', '82e20e14-edc5-4373-bfc4-f13121257c37', 'dbd0cb49-b563-45e7-9724-889e799fa648'];
/** An individual recommendation: a category of the current model, or a SQL vulnerability assessment rule. */
const isIndividual = (row: Row): boolean =>
  get(row, 'properties', 'metadata', 'recommendationCategory') !== undefined || get(row, 'properties', 'additionalData', 'AssessedResourceType') !== undefined;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('committed demo tenant', () => {
  it('is an envelope with generatedAt first and a true count', () => {
    expect(text.startsWith('{"generatedAt": "')).toBe(true);
    expect(Object.keys(envelope)).toEqual(['generatedAt', 'count', 'data']);
    expect(envelope.count).toBe(rows.length);
    expect(Number.isNaN(generatedAt)).toBe(false);
    expect(Buffer.byteLength(text)).toBeLessThan(3 * 1024 * 1024);
  });

  it('has 3+ subscriptions named by display name, with resource groups', () => {
    const subs = ofType('microsoft.resources/subscriptions');
    expect(subs.length).toBeGreaterThanOrEqual(3);
    for (const sub of subs) {
      expect(str(sub['subscriptionId'])).toMatch(GUID);
      expect(str(sub['name'])).not.toMatch(GUID);
    }
    const groups = ofType('microsoft.resources/subscriptions/resourcegroups').map((row) => str(row['name']));
    expect(groups).toEqual(expect.arrayContaining(['rg-(legacy)', 'rg-données-clients']));
  });

  it('has 150+ resources of 12+ types, tagged with owner, environment and criticality', () => {
    const resources = rows.filter((row) => !/^microsoft\.(security|resources)\//.test(typeOf(row)));
    expect(resources.length).toBeGreaterThanOrEqual(150);
    expect(new Set(resources.map(typeOf)).size).toBeGreaterThanOrEqual(12);
    const tagged = (key: string) => resources.filter((row) => get(row, 'tags', key) !== undefined).length / resources.length;
    expect(tagged('owner')).toBeGreaterThan(0.85);
    expect(tagged('environment')).toBe(1);
    expect(tagged('criticality')).toBe(1);
    const envs = new Set(resources.map((row) => str(get(row, 'tags', 'environment'))));
    expect([...envs].sort()).toEqual(['dev', 'production', 'staging']);
    for (const type of ['microsoft.awsconnector/s3buckets', 'microsoft.awsconnector/ec2instances', 'microsoft.compute/virtualmachines']) {
      expect(resources.some((row) => typeOf(row) === type)).toBe(true);
    }
  });

  it('keeps awkward names and a prompt-injection tag as plain data', () => {
    const names = rows.map((row) => str(row['name']));
    expect(names).toEqual(expect.arrayContaining(['jumpbox-$(whoami)-01', 'données-clients']));
    expect(rows.some((row) => /ignore previous instructions/i.test(JSON.stringify(row['tags'] ?? {})))).toBe(true);
  });

  it('has 600+ assessments with catalog keys on plausible resource types (individual recommendations: generated keys)', () => {
    expect(assessments.length).toBeGreaterThanOrEqual(600);
    const keys = new Set(CATALOG_FACTS.map((fact) => fact.key));
    for (const row of assessments.filter((r) => !isIndividual(r))) {
      const key = str(row['name']);
      expect(keys.has(key)).toBe(true);
      expect(str(row['id']).toLowerCase().endsWith(`/providers/microsoft.security/assessments/${key}`)).toBe(true);
    }
    const vmKey = assessments.filter((row) => str(row['name']).startsWith('4ab6e3c5'));
    for (const row of vmKey) expect(str(row['id'])).toMatch(/virtualMachines|securityentitydata\/aws-ec2-instance/);
  });

  it('mixes statuses: mostly unhealthy, some healthy, not applicable with causes, and exempt', () => {
    const count = (pred: (row: Row) => boolean) => assessments.filter(pred).length;
    const unhealthy = count((row) => statusCode(row) === 'Unhealthy');
    expect(unhealthy / assessments.length).toBeGreaterThan(0.5);
    expect(count((row) => statusCode(row) === 'Healthy')).toBeGreaterThan(50);
    const na = assessments.filter((row) => statusCode(row) === 'NotApplicable');
    expect(na.every((row) => str(get(row, 'properties', 'status', 'cause')).length > 0)).toBe(true);
    expect(na.filter((row) => get(row, 'properties', 'status', 'cause') === 'Exempt').length).toBeGreaterThan(3);
  });

  it('carries metadata on most rows and none on some', () => {
    const withMeta = assessments.filter((row) => get(row, 'properties', 'metadata') !== undefined);
    expect(withMeta.length / assessments.length).toBeGreaterThan(0.7);
    expect(withMeta.length).toBeLessThan(assessments.length);
    for (const row of withMeta) {
      for (const field of ['displayName', 'severity', 'categories', 'description', 'remediationDescription', 'assessmentType']) {
        expect(get(row, 'properties', 'metadata', field)).toBeDefined();
      }
    }
  });

  it('puts risk on most unhealthy rows, with two or more spellings of every factor', () => {
    const unhealthy = assessments.filter((row) => statusCode(row) === 'Unhealthy');
    const risky = unhealthy.filter((row) => get(row, 'properties', 'risk') !== undefined);
    expect(risky.length / unhealthy.length).toBeGreaterThan(0.7);
    const levels = new Set(risky.map((row) => str(get(row, 'properties', 'risk', 'level'))));
    expect([...levels].sort()).toEqual(['Critical', 'High', 'Low', 'Medium']);
    const seen = new Set(risky.flatMap((row) => (get(row, 'properties', 'risk', 'riskFactors') as string[] | undefined) ?? []));
    for (const spellings of Object.values(FACTOR_SPELLINGS)) {
      expect(spellings.filter((s) => seen.has(s)).length).toBeGreaterThanOrEqual(2);
    }
    // Internet exposure plus vulnerabilities is what makes a risk Critical.
    const exposedAndVulnerable = risky.filter((row) => {
      const factors = ((get(row, 'properties', 'risk', 'riskFactors') as string[]) ?? []).join('|').toLowerCase();
      return /internet|exposed/.test(factors) && /vulnerab/.test(factors);
    });
    expect(exposedAndVulnerable.length).toBeGreaterThan(0);
    for (const row of exposedAndVulnerable) expect(get(row, 'properties', 'risk', 'level')).toBe('Critical');
  });

  it('spells keys in mixed case on at least 10% of assessment rows', () => {
    const hasUpper = (value: unknown): boolean => {
      if (!value || typeof value !== 'object') return false;
      return Object.entries(value as Row).some(([key, child]) =>
        !['tags', 'resourceDetails', 'additionalData'].includes(key) && (/^[A-Z]/.test(key) || hasUpper(child)));
    };
    expect(assessments.filter(hasUpper).length / assessments.length).toBeGreaterThanOrEqual(0.1);
    const sources = assessments.map((row) => Object.keys((get(row, 'properties', 'resourceDetails') ?? {}) as Row));
    expect(sources.some((keys) => keys.includes('Source'))).toBe(true);
    expect(sources.some((keys) => keys.includes('source'))).toBe(true);
  });

  it('connects an AWS account through a security connector, with ARNs and resource names', () => {
    const [connector] = ofType('microsoft.security/securityconnectors');
    expect(connector).toBeDefined();
    expect(get(connector, 'properties', 'environmentName')).toBe('AWS');
    const aws = assessments.filter((row) => /^aws$/i.test(str(get(row, 'properties', 'resourceDetails', 'source'))));
    expect(aws.length).toBeGreaterThan(20);
    expect(new Set(aws.map((row) => str(get(row, 'properties', 'resourceDetails', 'source')))).size).toBe(2);
    for (const row of aws) {
      expect(str(get(row, 'properties', 'resourceDetails', 'id'))).toMatch(/^arn:aws:/);
      expect(get(row, 'properties', 'resourceDetails', 'connectorId')).toBe(connector?.['id']);
      const name = get(row, 'properties', 'resourceDetails', 'resourceName')
        ?? get(row, 'properties', 'additionalData', 'resourceName') ?? get(row, 'properties', 'additionalData', 'cloudNativeResourceName');
      expect(str(name).length).toBeGreaterThan(0);
    }
  });

  it('has 5+ attack paths whose references resolve both ways', () => {
    const paths = ofType('microsoft.security/attackpaths');
    expect(paths.length).toBeGreaterThanOrEqual(5);
    const byId = new Map(assessments.map((row) => [str(row['id']), row]));
    const resourceIds = new Set(rows.map((row) => str(row['id'])));
    for (const path of paths) {
      const p = props(path);
      expect(['Critical', 'High', 'Medium', 'Low']).toContain(p['riskLevel']);
      expect(str(p['displayName']).length).toBeGreaterThan(10);
      expect(resourceIds.has(str(p['entryPointEntityInternalID']))).toBe(true);
      expect(resourceIds.has(str(p['targetEntityInternalID']))).toBe(true);
      const refs = ((get(p, 'graphComponent', 'insights') as Row[]) ?? []).map((i) => str(i['assessmentId']));
      expect(refs.length).toBeGreaterThan(0);
      expect(((get(p, 'assessments') as Row[]) ?? []).map((i) => str(i['assessmentId']))).toEqual(refs);
      for (const ref of refs) {
        const assessment = byId.get(ref);
        expect(assessment).toBeDefined();
        expect(get(assessment, 'properties', 'risk', 'attackPathsReferences') ?? []).toContain(path['name']);
      }
    }
  });

  it('is a current export: vulnerabilities, secrets, SQL rules and IaC findings are mostly individual recommendations', () => {
    const individual = assessments.filter(isIndividual);
    const category = (row: Row) => str(get(row, 'properties', 'metadata', 'recommendationCategory'));
    const legacyParents = assessments.filter((row) => VULNERABILITY_KEYS.includes(str(row['name'])));
    expect(individual.length).toBeGreaterThan(3 * legacyParents.length);
    expect(legacyParents.length).toBeGreaterThan(0);
    for (const wanted of ['SoftwareUpdate', 'ExposedSecrets', 'IacVulnerabilities']) expect(individual.some((row) => category(row) === wanted)).toBe(true);
    const iac = individual.filter((row) => category(row) === 'IacVulnerabilities');
    expect(new Set(iac.map((row) => str(get(row, 'properties', 'resourceDetails', 'id')))).size).toBe(1);
    const software = individual.filter((row) => category(row) === 'SoftwareUpdate');
    const cvesDetails = software.map((row) => get(row, 'properties', 'additionalData', 'CvesDetails'));
    expect(cvesDetails.some((value) => typeof value === 'string')).toBe(true);
    expect(cvesDetails.some((value) => Array.isArray(value))).toBe(true);
    const ids = cvesDetails.flatMap((value) => (typeof value === 'string' ? JSON.parse(value) : value) as Row[]).map((item) => str(item['CveId']));
    expect(ids).toContain('CVE-2021-44228');
    for (const row of software) expect(get(row, 'properties', 'additionalData', 'DetectedSoftwareVersions')).toEqual(expect.any(Array));
    expect(software.some((row) => get(row, 'properties', 'additionalData', 'FixedVersion') === '')).toBe(true);
    const details = ofType('microsoft.security/cvedetails');
    expect(details.length).toBeGreaterThan(5);
    // Some CVEs have no details row, so answers must work without one.
    expect(new Set(details.map((row) => str(row['name']))).size).toBeLessThan(new Set(ids).size);
  });

  it('keeps a legacy part: CVE findings under the machine, SQL and image vulnerability keys', () => {
    const findings = ofType('microsoft.security/assessments/subassessments');
    const parentKey = (row: Row) => /\/assessments\/([^/]+)\/subassessments\//i.exec(str(row['id']))?.[1];
    const parents = new Set(findings.map(parentKey));
    for (const key of ['1195afff-c881-495e-9bc5-1486211ae03f', '82e20e14-edc5-4373-bfc4-f13121257c37', 'dbd0cb49-b563-45e7-9724-889e799fa648']) {
      expect(parents.has(key)).toBe(true);
    }
    const cves = findings.filter((row) => /^CVE-\d{4}-\d{4,}$/.test(str(get(row, 'properties', 'id'))));
    expect(cves.length).toBeGreaterThan(10);
    for (const row of cves) {
      expect(typeof get(row, 'properties', 'additionalData', 'cvss', '3.0', 'base')).toBe('number');
      expect(typeof get(row, 'properties', 'additionalData', 'patchable')).toBe('boolean');
    }
    const assessmentIds = new Set(assessments.map((row) => str(row['id'])));
    for (const row of findings) expect(assessmentIds.has(str(row['id']).replace(/\/subassessments\/[^/]+$/, ''))).toBe(true);
  });

  it('assigns owners and due dates to some unhealthy assessments: some overdue, some on time, many unassigned', () => {
    const governance = ofType('microsoft.security/assessments/governanceassignments');
    const due = governance.map((row) => Date.parse(str(get(row, 'properties', 'remediationDueDate'))));
    expect(due.filter((ms) => ms < generatedAt).length).toBeGreaterThan(10);
    expect(due.filter((ms) => ms >= generatedAt).length).toBeGreaterThan(10);
    const assigned = new Set(governance.map((row) => str(get(row, 'properties', 'assignedResourceId')).toLowerCase()));
    const unhealthy = assessments.filter((row) => statusCode(row) === 'Unhealthy');
    expect(unhealthy.filter((row) => !assigned.has(str(row['id']).toLowerCase())).length / unhealthy.length).toBeGreaterThan(0.3);
    const ids = new Set(assessments.map((row) => str(row['id']).toLowerCase()));
    for (const id of assigned) expect(ids.has(id)).toBe(true);
  });

  it('has a secure score per subscription, with controls', () => {
    const scores = ofType('microsoft.security/securescores');
    const subs = new Set(ofType('microsoft.resources/subscriptions').map((row) => str(row['subscriptionId'])));
    for (const sub of subs) expect(scores.some((row) => row['subscriptionId'] === sub)).toBe(true);
    for (const row of scores) {
      const pct = get(row, 'properties', 'score', 'percentage') as number;
      expect(pct).toBeGreaterThan(0);
      expect(pct).toBeLessThanOrEqual(1);
    }
    expect(ofType('microsoft.security/securescores/securescorecontrols').length).toBeGreaterThan(10);
  });

  it('dates evaluations before the generation time', () => {
    for (const row of assessments) {
      expect(Date.parse(str(get(row, 'properties', 'status', 'firstEvaluationDate')))).toBeLessThanOrEqual(generatedAt);
      expect(Date.parse(str(get(row, 'properties', 'status', 'statusChangeDate')))).toBeLessThanOrEqual(generatedAt);
    }
  });
});
