// Determinism, the committed file matching the generator, and scale mode's exact counts.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG_FACTS } from '../../../src/posture/demo/catalogFacts';
import { demoTenantRows, generateDemoTenant, parseGeneratedAt } from '../../../src/posture/demo/generator';
import { renderDemoTenant, writeDemoTenantJsonLines } from '../../../src/posture/demo/tenantFile';
import { get, str, typeOf } from './rowAccess';

const committed = join(__dirname, '../../../src/posture/demo/demo-tenant.json');
const sharedCatalog = join(__dirname, '../../../../shared/defender/catalog.json');

describe('demo tenant generator', () => {
  it('gives identical bytes for the same seed and time, and a different tenant for another seed', () => {
    const a = renderDemoTenant({ seed: 's1' }).text;
    expect(renderDemoTenant({ seed: 's1' }).text).toBe(a);
    expect(renderDemoTenant({ seed: 's2' }).text).not.toBe(a);
  });

  it('matches the committed file byte for byte (regenerate with npm run demo:generate, never hand-edit)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(renderDemoTenant().text);
  });

  it('dates everything relative to --generated-at', () => {
    const first = (iso: string) => {
      for (const row of demoTenantRows({ generatedAt: iso })) {
        if (typeOf(row) === 'microsoft.security/assessments') return Date.parse(str(get(row, 'properties', 'status', 'firstEvaluationDate')));
      }
      throw new Error('no assessment');
    };
    const shift = Date.parse('2030-01-01T00:00:00Z') - Date.parse('2026-06-01T08:00:00Z');
    expect(first('2030-01-01T00:00:00Z') - first('2026-06-01T08:00:00Z')).toBe(shift);
    const text = renderDemoTenant({ generatedAt: '2030-01-01T00:00:00Z' }).text;
    expect(text.startsWith('{"generatedAt": "2030-01-01T00:00:00.000Z"')).toBe(true);
  });

  it('refuses dates that are not ISO date-times and negative scales', () => {
    expect(() => parseGeneratedAt('yesterday')).toThrow(/ISO/);
    expect(() => parseGeneratedAt('2026-13-45T00:00:00Z')).toThrow(/ISO/);
    expect(() => [...demoTenantRows({ assessmentCount: -1 })]).toThrow(/whole number/);
  });

  it.each([1, 37, 2500])('writes exactly %i assessment rows in scale mode', (n) => {
    let count = 0;
    for (const row of demoTenantRows({ assessmentCount: n })) if (typeOf(row) === 'microsoft.security/assessments') count++;
    expect(count).toBe(n);
  });

  it('scales resources, findings and governance with the assessment count', () => {
    const counts = (n: number) => {
      const c: Record<string, number> = {};
      for (const row of demoTenantRows({ assessmentCount: n })) c[typeOf(row)] = (c[typeOf(row)] ?? 0) + 1;
      return c;
    };
    const small = counts(2000);
    const large = counts(8000);
    for (const type of ['microsoft.compute/virtualmachines', 'microsoft.security/assessments/subassessments', 'microsoft.security/assessments/governanceassignments']) {
      expect((large[type] ?? 0) / (small[type] ?? 1)).toBeGreaterThan(2.5);
    }
  });

  it('makes the same mix in scale mode: mostly individual recommendations, a legacy part, IaC findings and CVE details', () => {
    const category: Record<string, number> = {};
    let legacyParents = 0;
    let findings = 0;
    let cveDetails = 0;
    const legacyKeys = new Set(['1195afff-c881-495e-9bc5-1486211ae03f', '82e20e14-edc5-4373-bfc4-f13121257c37', 'dbd0cb49-b563-45e7-9724-889e799fa648']);
    for (const row of demoTenantRows({ assessmentCount: 8000 })) {
      const type = typeOf(row);
      if (type === 'microsoft.security/assessments') {
        const name = str(get(row, 'properties', 'metadata', 'recommendationCategory'));
        if (name) category[name] = (category[name] ?? 0) + 1;
        if (legacyKeys.has(str(row['name']))) legacyParents++;
      } else if (type === 'microsoft.security/assessments/subassessments') findings++;
      else if (type === 'microsoft.security/cvedetails') cveDetails++;
    }
    expect(category['SoftwareUpdate'] ?? 0).toBeGreaterThan(3 * legacyParents);
    expect(legacyParents).toBeGreaterThan(0);
    expect(findings).toBeGreaterThan(legacyParents);
    expect(category['ExposedSecrets'] ?? 0).toBeGreaterThan(0);
    expect(category['IacVulnerabilities']).toBe(8);
    expect(cveDetails).toBeGreaterThan(5);
  });

  it('streams JSON Lines to disk with one row per line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-tenant-'));
    try {
      const path = join(dir, 'nested', 'tenant.jsonl');
      const counts = await writeDemoTenantJsonLines(path, { assessmentCount: 3000, seed: 'jsonl' });
      const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
      expect(JSON.parse(header ?? '')).toEqual({ generatedAt: '2026-06-01T08:00:00.000Z' });
      expect(counts['microsoft.security/assessments']).toBe(3000);
      expect(lines.length).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
      expect(lines.filter((line) => (JSON.parse(line) as { type: string }).type === 'microsoft.security/assessments').length).toBe(3000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['north', 'south', 'east'])('holds its invariants for other seeds too (%s)', (seed) => {
    const rows = [...demoTenantRows({ seed })];
    const assessments = rows.filter((row) => typeOf(row) === 'microsoft.security/assessments');
    expect(assessments.length).toBeGreaterThanOrEqual(600);
    expect(rows.filter((row) => !/^microsoft\.(security|resources)\//.test(typeOf(row))).length).toBeGreaterThanOrEqual(150);
    const ids = new Set(assessments.map((row) => str(row['id'])));
    const paths = rows.filter((row) => typeOf(row) === 'microsoft.security/attackpaths');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const refs = (get(path, 'properties', 'graphComponent', 'insights') as { assessmentId: string }[]).map((i) => i.assessmentId);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ids.has(ref)).toBe(true);
    }
    const governed = rows.filter((row) => typeOf(row) === 'microsoft.security/assessments/governanceassignments');
    for (const row of governed) expect(ids.has(str(get(row, 'properties', 'assignedResourceId')))).toBe(true);
  });

  it('is also an async iterable', async () => {
    let n = 0;
    for await (const row of generateDemoTenant({ assessmentCount: 10 })) if (typeOf(row) === 'microsoft.security/assessments') n++;
    expect(n).toBe(10);
  });

  const sharedIt = existsSync(sharedCatalog) ? it : it.skip;
  if (!existsSync(sharedCatalog)) console.warn(`skipping catalog conformance: ${sharedCatalog} not found (../shared is absent)`);
  sharedIt('uses keys, names and severities exactly as the shared Defender catalog has them', () => {
    const catalog = JSON.parse(readFileSync(sharedCatalog, 'utf8')) as { assessmentKey: string; displayName: string; severity: string; policyDefinitionId?: string }[];
    const byKey = new Map(catalog.map((entry) => [entry.assessmentKey, entry]));
    for (const fact of CATALOG_FACTS) {
      const entry = byKey.get(fact.key);
      expect(entry).toBeDefined();
      expect(fact.displayName).toBe(entry?.displayName);
      expect(fact.severity).toBe(entry?.severity);
      if (fact.policyDefinitionId) expect(fact.policyDefinitionId).toBe(entry?.policyDefinitionId);
    }
  });
});
