// Extra conformance: Microsoft's REST examples and a real recorded list response (../shared) through the loader.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../../src/paths';
import type { PostureRecord } from '../../../src/posture/model';
import { createExportFileSource, type LoadReport } from '../../../src/posture/source';
import { tempDir } from '../source/exportWriters';

const shared = resolve(projectRoot(), '../shared/defender');
const available = existsSync(join(shared, 'api-examples'));
if (!available) console.warn(`Skipping shared conformance tests: ${shared} is absent (it lives beside the project, at ../shared).`);
const describeShared = available ? describe : describe.skip;

async function loadText(name: string, text: string): Promise<{ records: PostureRecord[]; report: LoadReport }> {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  const records: PostureRecord[] = [];
  const report = await createExportFileSource({ path: file }).load({ add: (record) => records.push(record) });
  return { records, report };
}

function examples(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? examples(full) : entry.endsWith('.json') ? [full] : [];
  });
}

/** Every response body of an example: a REST list page or one resource. */
function bodies(file: string): unknown[] {
  const example = JSON.parse(readFileSync(file, 'utf8')) as { responses?: Record<string, { body?: unknown }> };
  return Object.values(example.responses ?? {})
    .map((response) => response.body)
    .filter((body): body is object => typeof body === 'object' && body !== null);
}

describeShared('shared conformance: Microsoft.Security REST examples', () => {
  it('loads every example body without error; unknown Defender types are only counted', async () => {
    let loaded = 0;
    for (const file of examples(join(shared, 'api-examples'))) {
      for (const body of bodies(file)) {
        const { report } = await loadText('body.json', JSON.stringify(body));
        const ignored = Object.values(report.ignoredTypes).reduce((sum, n) => sum + n, 0);
        expect(report.records + ignored).toBe(report.rows);
        loaded++;
      }
    }
    expect(loaded).toBeGreaterThan(20);
  });

  const body = (path: string, status = '200'): string => {
    const example = JSON.parse(readFileSync(join(shared, 'api-examples', path), 'utf8')) as { responses: Record<string, { body: unknown }> };
    return JSON.stringify(example.responses[status]?.body);
  };

  it('assessments: statuses, causes, portal link and the REST resourceDetails oddity', async () => {
    const list = await loadText('a.json', body('assessments/2021-06-01/ListAssessments_example.json'));
    expect(list.records.map((r) => r.kind === 'assessment' && [r.resourceName, r.status, r.statusCause])).toEqual([
      ['vmss1', 'Healthy', undefined],
      ['vmss2', 'NotApplicable', 'OffByPolicy'],
    ]);
    const expand = await loadText('a.json', body('assessments/2021-06-01/GetAssessmentWithExpand_example.json'));
    expect(expand.records[0]).toMatchObject({ portalLink: expect.stringContaining('assessmentKey/21300918'), resourceType: 'Microsoft.Compute/virtualMachineScaleSets', metadataSource: 'catalog' });
    const put = await loadText('a.json', body('assessments/2025-05-04/PutAssessment_example.json'));
    expect(put.records[0]).toMatchObject({ resourceId: expect.stringMatching(/virtualMachineScaleSets\/vmss1$/), metadataSource: 'none', severity: 'Low' });
  });

  it('sub-assessments: parent key, parent resource, CVE and CVSS', async () => {
    const { records } = await loadText('s.json', body('subAssessments/2019-01-01-preview/ListSubscriptionSubAssessments_example.json'));
    expect(records[0]).toMatchObject({ kind: 'finding', parentKey: '21300918-b2e3-0346-785f-c77ff57d243b', resourceId: expect.stringMatching(/registries\/myRegistry$/), cves: ['CVE-2019-12345'], cvssScore: 10, severity: 'High' });
  });

  it('governance assignments without assignedResourceId join on the row id parent', async () => {
    const { records } = await loadText('g.json', body('governanceAssignments/2022-01-01-preview/ListGovernanceAssignments_example.json'));
    expect(records[0]).toMatchObject({ kind: 'governance', assessmentId: expect.stringMatching(/^\/subscriptions\/c32e05d9.*\/win2012\/providers\/microsoft\.security\/assessments\/6b9421dd-5555-2251-9b3d-2be58e2f82cd$/), owner: 'user@contoso.com', ticketNumber: '123123', isGracePeriod: true });
  });

  it('secure scores and controls', async () => {
    const scores = await loadText('s.json', body('secureScores/2020-01-01/ListSecureScores_example.json'));
    expect(scores.records[0]).toMatchObject({ kind: 'secureScore', current: 23.53, max: 39, percentage: 0.6033, weight: 67, subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23' });
    const controls = await loadText('c.json', body('secureScoreControls/2020-01-01/ListSecureScoreControls_example.json'));
    expect(controls.records.every((r) => r.kind === 'secureScoreControl')).toBe(true);
    expect(controls.records.length).toBeGreaterThan(5);
  });
});

describeShared('shared conformance: recorded assessments list (capitalised resourceDetails)', () => {
  it('loads the 14 real items with their resource ids and catalog metadata', async () => {
    const file = join(shared, 'recorded-assessments-list-2020-11-30-first14.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { value: Array<{ properties: { resourceDetails: { Id: string }; status: { code: string } } }> };
    const records: PostureRecord[] = [];
    const report = await createExportFileSource({ path: file }).load({ add: (record) => records.push(record) });
    expect(report.rows).toBe(14);
    expect(records.map((r) => r.kind === 'assessment' && r.resourceId)).toEqual(raw.value.map((item) => item.properties.resourceDetails.Id));
    expect(records.map((r) => r.kind === 'assessment' && r.status)).toEqual(raw.value.map((item) => item.properties.status.code));
    expect(records.every((r) => r.kind === 'assessment' && r.metadataSource === 'catalog' && r.cloud === 'Azure')).toBe(true);
  });
});
