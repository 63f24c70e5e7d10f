// The contract every PostureSource keeps (export files now, Azure Resource Graph later): the same raw rows give
// the same normalized records, the hash identifies the data, and a broken row refuses the load with its field.
import { AppError } from '../../../src/errors/appError';
import type { PostureRecord } from '../../../src/posture/model';
import type { PostureSource } from '../../../src/posture/source';
import { AWS_KEY, GCP_AZURE_ID, SUB, VM, VM_ASSESSMENT, VM_KEY, azureAssessment, mixedRows } from '../load/rowFixtures';

async function collect(source: PostureSource): Promise<{ records: PostureRecord[]; report: Awaited<ReturnType<PostureSource['load']>> }> {
  const records: PostureRecord[] = [];
  const report = await source.load({ add: (record) => records.push(record) });
  return { records, report };
}

const byKind = <K extends PostureRecord['kind']>(records: PostureRecord[], kind: K): Array<Extract<PostureRecord, { kind: K }>> =>
  records.filter((record): record is Extract<PostureRecord, { kind: K }> => record.kind === kind);

/** `selectsTypes`: the source asks only for the row types it reads (Resource Graph queries), so others never arrive. */
export function runPostureSourceContract(name: string, makeSource: (rows: unknown[]) => Promise<PostureSource>, options: { selectsTypes?: boolean } = {}): void {
  describe(`PostureSource contract: ${name}`, () => {
    it('turns known raw rows into the expected normalized records', async () => {
      const { records, report } = await collect(await makeSource(mixedRows()));
      expect(report.rows).toBe(options.selectsTypes ? 10 : 11);
      expect(report.records).toBe(10);
      expect(records).toHaveLength(10);
      expect(report.skipped).toBe(0);
      expect(report.ignoredTypes).toEqual(options.selectsTypes ? {} : { 'microsoft.security/governancerules': 1 });

      const assessments = byKind(records, 'assessment');
      expect(assessments.map((a) => a.cloud).sort()).toEqual(['AWS', 'Azure', 'GCP']);
      const azure = assessments.find((a) => a.cloud === 'Azure');
      expect(azure).toMatchObject({
        id: VM_ASSESSMENT,
        key: VM_KEY,
        status: 'Unhealthy',
        severity: 'High',
        riskLevel: 'Critical',
        riskFactors: ['internetExposure', 'sensitiveData', 'vulnerabilities'],
        attackPathIds: ['ap-1', 'ap-2'],
        resourceId: VM,
        resourceName: 'vm-web-01',
        subscriptionId: SUB,
        resourceGroup: 'rg-web',
        metadataSource: 'row',
      });
      const aws = assessments.find((a) => a.cloud === 'AWS');
      expect(aws).toMatchObject({ key: AWS_KEY, status: 'Unhealthy', nativeResourceId: 'arn:aws:ec2:us-east-1:123456789012:snapshot/snap-0abc', metadataSource: 'catalog' });
      expect(assessments.find((a) => a.cloud === 'GCP')).toMatchObject({ resourceId: GCP_AZURE_ID, resourceName: 'logs-bucket' });

      expect(byKind(records, 'governance')[0]).toMatchObject({ assessmentId: VM_ASSESSMENT.toLowerCase(), owner: 'alice@contoso.com' });
      expect(byKind(records, 'finding')[0]).toMatchObject({ parentKey: '1195afff-c881-495e-9bc5-1486211ae03f', resourceId: VM, severity: 'Critical', cvssScore: 9.8 });
      expect(byKind(records, 'attackPath')[0]).toMatchObject({ riskLevel: 'High', riskFactors: ['internetExposure', 'lateralMovement'], resourceIds: [VM] });
      expect(byKind(records, 'subscription')[0]).toEqual({ kind: 'subscription', subscriptionId: SUB, displayName: 'Contoso Production', state: 'Enabled' });
      expect(byKind(records, 'secureScore')[0]).toMatchObject({ current: 23.53, max: 39, percentage: 0.6033, subscriptionId: SUB });
      expect(byKind(records, 'secureScoreControl')[0]).toMatchObject({ displayName: 'Enable MFA', current: 10, max: 10 });
      expect(byKind(records, 'resource')[0]).toMatchObject({ id: VM, tags: { env: 'prod', Owner: 'web-team' }, location: 'westeurope' });
    });

    it('emits plain data records (they survive a JSON round trip unchanged)', async () => {
      const { records } = await collect(await makeSource(mixedRows()));
      expect(JSON.parse(JSON.stringify(records))).toEqual(records);
    });

    it('reports a hash that is stable across loads and changes when the data changes', async () => {
      const source = await makeSource(mixedRows());
      const first = (await collect(source)).report.hash;
      const second = (await collect(source)).report.hash;
      const again = (await collect(await makeSource(mixedRows()))).report.hash;
      const changedRows = mixedRows();
      changedRows[2] = azureAssessment({ properties: { ...(azureAssessment().properties as object), status: { code: 'Healthy' } } });
      const changed = (await collect(await makeSource(changedRows))).report.hash;
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(second).toBe(first);
      expect(again).toBe(first);
      expect(changed).not.toBe(first);
    });

    it('knows its hash before loading when it offers a fingerprint', async () => {
      const source = await makeSource(mixedRows());
      if (!source.fingerprint) return;
      const fingerprint = await source.fingerprint();
      expect((await collect(source)).report.hash).toBe(fingerprint);
    });

    it('refuses the whole load when one row is broken, naming the field', async () => {
      const rows = mixedRows();
      rows.splice(3, 0, azureAssessment({ properties: { status: { code: 'Sick' } } }));
      const source = await makeSource(rows);
      const error = await source.load({ add: () => undefined }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('EXPORT_INVALID');
      expect((error as AppError).message).toContain('properties.status.code: "Sick" is not Healthy/Unhealthy/NotApplicable');
    });

    it('describes itself', async () => {
      expect((await makeSource(mixedRows())).describe()).toEqual(expect.any(String));
    });
  });
}
