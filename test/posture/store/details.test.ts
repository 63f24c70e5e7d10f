import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, engineOf, NOW } from './records';
import { dbDisk, s3, STG, stgNetwork, tenantRecords, webEndpoint, webVuln } from './tenant';

const engine = engineOf(tenantRecords(), { now: NOW });

describe('details', () => {
  it('finds the assessment by id in any casing, with every joined field', () => {
    const details = engine.details(SYSTEM_VIEWER, `  ${webVuln.id.toUpperCase()} `);
    expect(details).toMatchObject({
      assessmentId: webVuln.id,
      riskFactorLabels: ['Internet exposure', 'Vulnerabilities'],
      statusCause: 'FindingsFound',
      description: 'Vulnerabilities found on machines',
      location: 'westeurope',
      tags: { env: 'prod', team: 'web' },
      owner: 'alice@contoso.com',
      ticketNumber: 'T-1',
      governance: 'overdue',
      findingCount: 2,
    });
    expect(details?.findings.map((f) => [f.findingId, f.status])).toEqual([
      ['cve-2', 'Unhealthy'],
      ['cve-1', 'Unhealthy'],
      ['cve-3', 'Healthy'],
    ]);
    expect(details?.findings[0]).toMatchObject({ cves: ['CVE-2024-0002'], cvssScore: 9.8, severity: 'Critical' });
    expect(details?.attackPaths.map((p) => p.id)).toEqual(['ap1']);
  });

  it('other recommendations on the resource do not borrow its findings', () => {
    const details = engine.details(SYSTEM_VIEWER, webEndpoint.id);
    expect(details?.findings).toEqual([]);
    expect(details?.findingCount).toBe(0);
    expect(details?.attackPaths.map((p) => p.id)).toEqual(['ap1']);
  });

  it('attack paths naming the resource are listed', () => {
    expect(engine.details(SYSTEM_VIEWER, stgNetwork.id)?.attackPaths).toEqual([{ id: 'ap3', displayName: 'Exposed storage' }]);
    expect(STG).toBeTruthy();
  });

  it('non-standard ids (AWS) work, and optional fields are absent rather than undefined', () => {
    const details = engine.details(SYSTEM_VIEWER, s3.id.toLowerCase());
    expect(details).toMatchObject({ cloud: 'AWS', nativeResourceId: 'arn:aws:s3:::my-bucket', tags: {}, findings: [], attackPaths: [] });
    expect(details).not.toHaveProperty('location');
    expect(details).not.toHaveProperty('resourceGroup');
    expect(engine.details(SYSTEM_VIEWER, dbDisk.id)?.governance).toBe('completed');
  });

  it('unknown or malformed ids give undefined', () => {
    for (const id of ['', '   ', 'nope', `${webVuln.id}x`, '/providers/Microsoft.Security/assessments/k-vuln']) {
      expect(engine.details(SYSTEM_VIEWER, id)).toBeUndefined();
    }
  });

  it("describes a resource with its own cloud's text when one key's rows come from several clouds", () => {
    const ec2 = assessment({ key: 'k-scan', resourceName: 'ec2-web', resourceType: 'microsoft.awsconnector/ec2instances', cloud: 'AWS', description: 'Scans of the EC2 instance found vulnerabilities.' });
    const vm = assessment({ key: 'k-scan', resourceName: 'vm-web', cloud: 'Azure', description: 'Scans of the virtual machine found vulnerabilities.', remediationDescription: 'Patch the VM.' });
    const gcp = assessment({ key: 'k-scan', resourceName: 'gce-web', resourceType: 'microsoft.gcpconnector/computeinstances', cloud: 'GCP' });
    const mixed = engineOf([ec2, vm, gcp], { now: NOW });
    expect(mixed.details(SYSTEM_VIEWER, vm.id)).toMatchObject({ description: 'Scans of the virtual machine found vulnerabilities.', remediationDescription: 'Patch the VM.' });
    expect(mixed.details(SYSTEM_VIEWER, ec2.id)?.description).toBe('Scans of the EC2 instance found vulnerabilities.');
    expect(mixed.details(SYSTEM_VIEWER, ec2.id)).not.toHaveProperty('remediationDescription');
    // No text for its cloud: none rather than another cloud's.
    expect(mixed.details(SYSTEM_VIEWER, gcp.id)).not.toHaveProperty('description');
  });
});

describe('portal links', () => {
  // A key's rows usually share one link (it names the recommendation), kept once per key: every row still says its own.
  const link = (text: string) => `https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/${text}`;
  const rows = [
    assessment({ resourceName: 'vm-none-first', key: 'k-late' }),
    assessment({ resourceName: 'vm-late', key: 'k-late', portalLink: link('k-late') }),
    assessment({ resourceName: 'vm-a', key: 'k1', portalLink: link('k1') }),
    assessment({ resourceName: 'vm-b', key: 'k1', portalLink: link('k1') }),
    assessment({ resourceName: 'vm-other', key: 'k1', portalLink: link('k1/other') }),
    assessment({ resourceName: 'vm-none', key: 'k1' }),
    assessment({ resourceName: 'vm-empty', key: 'k1', portalLink: '' }),
  ];
  const linked = engineOf(rows, { now: NOW });
  it.each(rows.map((row) => [row.resourceName, row]))('%s keeps its own link', (_name, row) => {
    expect(linked.details(SYSTEM_VIEWER, row.id)?.portalLink).toBe(row.portalLink || undefined);
  });
});
