// `microsoft.security/assessments/subassessments` rows under the three vulnerability recommendations: CVEs on
// machines (Azure VMs and AWS EC2), SQL vulnerability assessment checks, and CVEs in container registry images.
import type { BuiltAssessment } from './assessments';
import type { Prng } from './prng';
import type { DemoResource } from './resources';
import { MACHINE_VULNERABILITY_KEY, REGISTRY_VULNERABILITY_KEY, SQL_VULNERABILITY_KEY } from './resourceKinds';
import { CVES, IMAGE_REPOSITORIES, SQL_CHECKS, severityForCvss, type CveFact } from './vulnerabilityFacts';

export interface FindingContext {
  prng: Prng;
  tenantId: string;
  generatedAtMs: number;
  /** Upper bound of findings per parent assessment. */
  maxPerParent: number;
  connectorId: string;
}

const HOUR = 3_600_000;
const OS_CVES = CVES.filter((c) => c.where !== 'image');
const IMAGE_CVES = CVES.filter((c) => c.where !== 'os');

function baseRow(ctx: FindingContext, parent: BuiltAssessment, resource: DemoResource, properties: Record<string, unknown>): Record<string, unknown> {
  const name = ctx.prng.guid();
  return {
    id: `${parent.id}/subassessments/${name}`, name, type: 'microsoft.security/assessments/subassessments', tenantId: ctx.tenantId,
    kind: '', location: 'global', resourceGroup: resource.resourceGroup.toLowerCase(), subscriptionId: resource.subscriptionId, properties,
  };
}

function cveProperties(ctx: FindingContext, resource: DemoResource, cve: CveFact, assessedType: string, detailsId: string, extra: Record<string, unknown>): Record<string, unknown> {
  const severity = severityForCvss(cve.cvss);
  const aws = resource.aws;
  return {
    id: cve.cve,
    displayName: cve.title,
    status: { code: 'Unhealthy', severity, cause: '', description: 'The resource is unhealthy' },
    category: 'Vulnerability',
    description: `${cve.title}. Affects ${cve.packageName} before ${cve.fixedVersion}.`,
    remediation: cve.patchable ? `Update ${cve.packageName} to ${cve.fixedVersion} or later and redeploy.` : 'No vendor fix yet: limit exposure and watch for an update.',
    impact: severity === 'Critical' || severity === 'High' ? 'An attacker could run code or read data on this resource.' : 'Limited impact on its own; can help a wider attack.',
    timeGenerated: new Date(ctx.generatedAtMs - ctx.prng.int(1, 96) * HOUR).toISOString(),
    resourceDetails: aws ? { source: 'Aws', id: aws.arn, connectorId: ctx.connectorId, region: aws.region } : { source: 'Azure', id: detailsId },
    additionalData: {
      assessedResourceType: assessedType,
      ...extra,
      cve: [{ title: cve.cve, link: `https://nvd.nist.gov/vuln/detail/${cve.cve}` }],
      cvss: { '3.0': { base: cve.cvss } },
      patchable: cve.patchable,
      vendorReferences: [],
      softwareDetails: { packageName: cve.packageName, fixedVersion: cve.fixedVersion },
    },
  };
}

/** Findings for one unhealthy parent assessment (empty for other keys). */
export function findingsFor(ctx: FindingContext, parent: BuiltAssessment, resource: DemoResource, sqlDatabaseId: string | undefined): Record<string, unknown>[] {
  const { prng } = ctx;
  if (parent.status !== 'Unhealthy') return [];
  const count = prng.int(2, ctx.maxPerParent);
  if (parent.key === MACHINE_VULNERABILITY_KEY) {
    return prng.sample(OS_CVES, count).map((cve) => baseRow(ctx, parent, resource, cveProperties(ctx, resource, cve, 'ServerVulnerability', resource.id, {})));
  }
  if (parent.key === REGISTRY_VULNERABILITY_KEY) {
    const repository = prng.pick(IMAGE_REPOSITORIES);
    const digest = `sha256:${prng.guid().replace(/-/g, '')}${prng.guid().replace(/-/g, '')}`;
    return prng.sample(IMAGE_CVES, count).map((cve) => baseRow(ctx, parent, resource, cveProperties(
      ctx, resource, cve, 'ContainerRegistryVulnerability', `${resource.id}/repository/${repository}/imageDigest/${digest}`,
      { repositoryName: repository, imageDigest: digest, type: 'Vulnerability' },
    )));
  }
  if (parent.key === SQL_VULNERABILITY_KEY) {
    const database = sqlDatabaseId ?? `${resource.id}/databases/master`;
    return prng.sample(SQL_CHECKS, Math.min(count, SQL_CHECKS.length)).map((check) => baseRow(ctx, parent, resource, {
      id: check.id,
      displayName: check.title,
      status: { code: 'Unhealthy', severity: check.severity, cause: 'Unknown' },
      category: check.category,
      description: `${check.title}. The check compares the database with its approved baseline.`,
      remediation: 'Review the reported items, fix the ones that are not intended, and approve the rest as the new baseline.',
      impact: 'Weak settings here make unauthorised access or data exposure easier.',
      timeGenerated: new Date(ctx.generatedAtMs - prng.int(1, 96) * HOUR).toISOString(),
      resourceDetails: { source: 'Azure', id: database },
      additionalData: { assessedResourceType: 'SqlServerVulnerability', type: 'AzureDatabase', benchmarks: [] },
    }));
  }
  return [];
}
