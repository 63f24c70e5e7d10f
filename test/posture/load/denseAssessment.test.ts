// Dense assessment records (every member, an absent one undefined: one object shape) carry exactly what the sparse
// ones carry, and the store builder, which takes them, ends in the same state as when it gets sparse ones.
import { readFileSync } from 'node:fs';
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { denseAssessment, normalizeAssessment } from '../../../src/posture/load/normalizeAssessment';
import { takesDenseRecords } from '../../../src/posture/load/rowIntake';
import { createExportFileSource } from '../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import type { PostureRecord } from '../../../src/posture/model';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { projectPath } from '../../../src/paths';
import { VM, VM_KEY, awsAssessment, azureAssessment, gcpAssessment } from './rowFixtures';

const demo = projectPath('src', 'posture', 'demo', 'demo-tenant.json');
const catalog = createCatalog();

function assessmentRows(): unknown[] {
  const demoRows = (JSON.parse(readFileSync(demo, 'utf8')) as { data: Array<{ type?: string }> }).data;
  return [
    azureAssessment(),
    awsAssessment(),
    gcpAssessment(),
    // No metadata (catalog or nothing), no status texts, a risk level, an IaC rule, a finding's facts.
    { id: `${VM}/providers/Microsoft.Security/assessments/${VM_KEY}`, type: 'microsoft.security/assessments', properties: { status: { code: 'Healthy' } } },
    azureAssessment({ properties: { status: { code: 'Unhealthy', cause: 'c' }, risk: { level: 'High', riskFactors: ['Internet exposure'] }, resourceDetails: { id: VM } } }),
    azureAssessment({ properties: { status: { code: 'Unhealthy' }, metadata: { severity: 'Low', recommendationCategory: 'IacVulnerabilities' }, additionalData: { RuleId: ' r-1 ' }, resourceDetails: { id: VM } } }),
    azureAssessment({
      properties: {
        status: { code: 'Unhealthy' },
        metadata: { severity: 'High', recommendationCategory: 'SoftwareUpdate' },
        additionalData: { SoftwareName: 'openssl', FixedVersion: '3.0.2', CvesDetails: [{ CveId: 'CVE-2024-0001', Severity: 'High' }] },
        resourceDetails: { id: VM },
      },
    }),
    ...demoRows.filter((row) => row.type?.toLowerCase() === 'microsoft.security/assessments'),
  ];
}

describe('dense assessment records', () => {
  const rows = assessmentRows();

  it('have one shape: the same members in the same order on every row', () => {
    const shapes = new Set(rows.map((row) => Object.keys(denseAssessment(row, catalog)).join(',')));
    expect(shapes.size).toBe(1);
    // The sparse records of the same rows differ (the rows do not all carry the same facts).
    expect(new Set(rows.map((row) => Object.keys(normalizeAssessment(row, catalog)).join(','))).size).toBeGreaterThan(1);
  });

  it('are the sparse record plus undefined members, in the sparse record member order', () => {
    for (const row of rows) {
      const dense = denseAssessment(row, catalog) as unknown as Record<string, unknown>;
      const sparse = normalizeAssessment(row, catalog) as unknown as Record<string, unknown>;
      expect(Object.keys(sparse)).toEqual(Object.keys(dense).filter((name) => dense[name] !== undefined));
      expect(sparse).toStrictEqual(Object.fromEntries(Object.entries(dense).filter(([, value]) => value !== undefined)));
    }
  });

  it('are what the store builder gets, and it answers as with sparse ones', async () => {
    const dense = createPostureStoreBuilder();
    expect(takesDenseRecords(dense)).toBe(true);
    // A wrapper that does not say it takes dense records gets sparse ones.
    const inner = createPostureStoreBuilder();
    const sparse = { add: (record: PostureRecord) => inner.add(record), finish: () => inner.finish() };
    expect(takesDenseRecords(sparse)).toBe(false);
    await createExportFileSource({ path: demo }).load(dense);
    await createExportFileSource({ path: demo }).load(sparse);
    const answers = (engine: ReturnType<typeof inner.finish>) => {
      const items = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 100_000 }).items;
      return { items, details: items.map((item) => engine.details(SYSTEM_VIEWER, item.assessmentId)) };
    };
    const fromDense = answers(dense.finish());
    expect(fromDense.items.length).toBeGreaterThan(100);
    expect(fromDense).toStrictEqual(answers(sparse.finish()));
  });
});
