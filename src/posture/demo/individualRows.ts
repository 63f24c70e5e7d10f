// The current data model (since 31 July 2026): each vulnerable package, SQL vulnerability assessment rule, exposed
// secret and IaC finding is its own `microsoft.security/assessments` row, grouped by
// `properties.metadata.recommendationCategory`, with CVEs in `additionalData.CvesDetails`. Built here from the same
// findings the legacy model puts under a grouped parent, so both models describe the same weaknesses. Keys are
// generated (Defender's are dynamic too) but stable: a hash of what the recommendation is about.
import { createHash } from 'node:crypto';
import type { BuiltAssessment } from './assessments';
import type { Prng } from './prng';
import { renameKey } from './rowCasing';
import { CVES, severityForCvss, type CveFact } from './vulnerabilityFacts';

export type Row = Record<string, unknown>;

const SEVERITY_ORDER = ['Low', 'Medium', 'High', 'Critical'];

/** A GUID-shaped key derived from a label, the same in every run. */
export function stableKey(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface IndividualContext {
  /** A stream of its own, so the legacy rows and everything else stay as they were for the same seed. */
  prng: Prng;
  tenantId: string;
}

interface ParentParts {
  scope: string;
  properties: Row;
  row: Row;
}

/** The parent's scope (what precedes /providers/Microsoft.Security/assessments/) and its properties, any casing. */
function partsOf(parent: BuiltAssessment): ParentParts {
  const row = parent.row;
  const properties = (row['properties'] ?? row['Properties']) as Row;
  return { scope: parent.id.slice(0, parent.id.indexOf('/providers/Microsoft.Security/assessments/')), properties, row };
}

function statusOf(parts: ParentParts): Row {
  const status = (parts.properties['status'] ?? parts.properties['Status']) as Row;
  return { code: 'Unhealthy', firstEvaluationDate: status['firstEvaluationDate'], statusChangeDate: status['statusChangeDate'] };
}

function assessmentRow(ctx: IndividualContext, parts: ParentParts, key: string, properties: Row, resourceDetails?: Row): Row {
  const props: Row = {
    resourceDetails: resourceDetails ?? parts.properties['resourceDetails'],
    ...properties,
    links: { azurePortal: `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${key}` },
  };
  const risk = parts.properties['risk'];
  if (risk) props['risk'] = risk;
  // Connector resources sometimes name themselves only in additionalData: the replacement rows keep that.
  const parentAdditional = parts.properties['additionalData'] as Row | undefined;
  if (parentAdditional && !resourceDetails) props['additionalData'] = { ...parentAdditional, ...(props['additionalData'] as Row | undefined) };
  const scope = resourceDetails ? String(resourceDetails['Id']) : parts.scope;
  const row: Row = {
    id: `${scope}/providers/Microsoft.Security/assessments/${key}`, name: key, type: 'microsoft.security/assessments', tenantId: ctx.tenantId,
    kind: '', location: 'global', resourceGroup: parts.row['resourceGroup'], subscriptionId: parts.row['subscriptionId'], properties: props,
  };
  // Casing varies in real exports: keep some rows in other spellings so the loader's case-insensitivity stays tested.
  return ctx.prng.chance(0.08) ? renameKey(row, 'properties', 'Properties') : row;
}

/** A version below every fixed one, for DetectedSoftwareVersions. */
function detectedVersion(packageName: string, fixed: readonly string[]): string {
  if (packageName.startsWith('windows-')) return '10.0.17763.1';
  const numeric = fixed.map((v) => v.match(/^(\d+)\.(\d+)(?:\.(\d+))?/)).filter((m): m is RegExpMatchArray => m !== null);
  if (numeric.length === 0) return '1.0.0';
  const lowest = numeric.map((m) => [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])[0] as readonly [number, number, number];
  return lowest[1] > 0 ? `${lowest[0]}.${lowest[1] - 1}.${lowest[2]}` : lowest[2] > 0 ? `${lowest[0]}.${lowest[1]}.${lowest[2] - 1}` : `${Math.max(0, lowest[0] - 1)}.9.0`;
}

function cveItem(cve: CveFact): Row {
  return {
    CveId: cve.cve,
    Severity: severityForCvss(cve.cvss),
    Cvss: [{ Key: '3.1', Value: { Base: cve.cvss } }],
    FixStatus: cve.patchable ? 'FixAvailable' : 'NoFixAvailable',
    Description: cve.title,
  };
}

/**
 * One `SoftwareUpdate` recommendation per vulnerable package among the parent's CVE findings. `machine` says whether
 * the parent is a machine (OS packages) or a registry (image packages): the wording follows.
 */
export function softwareRows(ctx: IndividualContext, parent: BuiltAssessment, findings: readonly Row[], machine: boolean): Row[] {
  const parts = partsOf(parent);
  const byPackage = new Map<string, CveFact[]>();
  for (const finding of findings) {
    const cveId = String((finding['properties'] as Row)['id']);
    const fact = CVES.find((c) => c.cve === cveId);
    if (!fact) continue;
    const list = byPackage.get(fact.packageName);
    if (list) list.push(fact);
    else byPackage.set(fact.packageName, [fact]);
  }
  const rows: Row[] = [];
  for (const [packageName, cves] of byPackage) {
    const severity = SEVERITY_ORDER[Math.max(...cves.map((c) => SEVERITY_ORDER.indexOf(severityForCvss(c.cvss))))] as string;
    const fixes = cves.filter((c) => c.patchable).map((c) => c.fixedVersion);
    const fixedVersion = fixes.sort().pop() ?? '';
    const displayName = machine ? `Vulnerabilities in ${packageName} should be remediated` : `Container images should have vulnerabilities in ${packageName} remediated`;
    const key = stableKey(`${machine ? 'machine' : 'image'}-software:${packageName}`);
    const list = cves.map(cveItem);
    const additionalData: Row = {
      SoftwareName: packageName,
      SoftwareVendor: packageName.startsWith('windows-') ? 'microsoft' : packageName.split('-')[0],
      DetectedSoftwareVersions: [detectedVersion(packageName, cves.map((c) => c.fixedVersion))],
      FixedVersion: fixedVersion,
      // Resource Graph hands CvesDetails over as a JSON string; some tools store the parsed array.
      CvesDetails: ctx.prng.chance(0.7) ? JSON.stringify(list) : list,
    };
    rows.push(assessmentRow(ctx, parts, key, {
      displayName,
      status: statusOf(parts),
      metadata: {
        displayName, severity, recommendationCategory: 'SoftwareUpdate', assessmentType: 'BuiltIn', categories: [machine ? 'Compute' : 'Containers'],
        description: `${packageName} on this ${machine ? 'machine' : 'image'} has ${cves.length === 1 ? 'a known vulnerability' : `${cves.length} known vulnerabilities`}.`,
        remediationDescription: fixedVersion ? `Update ${packageName} to ${fixedVersion} or later.` : `No fix yet for ${packageName}: limit exposure and watch for an update.`,
      },
      additionalData,
    }));
  }
  return rows;
}

/** One recommendation per SQL vulnerability assessment rule, reported on the database (not the server). */
export function sqlRuleRows(ctx: IndividualContext, parent: BuiltAssessment, findings: readonly Row[]): Row[] {
  const parts = partsOf(parent);
  // The server's application database (the legacy findings name `master`, which is not where the data lives).
  const serverName = parts.scope.slice(parts.scope.lastIndexOf('/') + 1);
  const database = `${parts.scope}/databases/${serverName.replace(/^sql-?/, '')}-db`;
  return findings.map((finding) => {
    const props = finding['properties'] as Row;
    const ruleId = String(props['id']);
    const title = String(props['displayName']);
    const severity = String((props['status'] as Row)['severity']);
    return assessmentRow(ctx, parts, stableKey(`sql-va:${ruleId}`), {
      displayName: `SQL databases: ${title}`,
      status: statusOf(parts),
      metadata: {
        displayName: `SQL databases: ${title}`, severity, assessmentType: 'BuiltIn', categories: ['Data'],
        description: String(props['description']), remediationDescription: String(props['remediation']),
      },
      additionalData: { AssessedResourceType: 'SqlServerVulnerability', RuleId: ruleId, Category: props['category'], Benchmarks: [] },
    }, { Source: 'Azure', Id: database, ResourceType: 'microsoft.sql/servers/databases' });
  });
}

const SECRET_TYPES = [
  { type: 'SSH private key', path: '/home/azureuser/.ssh/id_rsa', severity: 'High' },
  { type: 'Azure Storage account access key', path: '/etc/app/appsettings.json', severity: 'High' },
  { type: 'SQL connection string with a password', path: 'C:\\inetpub\\wwwroot\\web.config', severity: 'High' },
  { type: 'GitHub personal access token', path: '/root/.bash_history', severity: 'Medium' },
] as const;

/** Secrets found on a machine: one `ExposedSecrets` recommendation per secret type. */
export function secretRows(ctx: IndividualContext, parent: BuiltAssessment): Row[] {
  const parts = partsOf(parent);
  return ctx.prng.sample(SECRET_TYPES, ctx.prng.int(1, 2)).map((secret) => {
    const displayName = `Machines should have secrets findings resolved: ${secret.type}`;
    return assessmentRow(ctx, parts, stableKey(`machine-secret:${secret.type}`), {
      displayName,
      status: statusOf(parts),
      metadata: {
        displayName, severity: secret.severity, recommendationCategory: 'ExposedSecrets', assessmentType: 'BuiltIn', categories: ['Compute'],
        description: `A ${secret.type} is stored in clear text on this machine; whoever gets onto it can use it to move on.`,
        remediationDescription: 'Rotate the secret, remove it from the machine, and keep it in a key vault.',
      },
      additionalData: { SecretType: secret.type, FilePath: secret.path, ScannerName: 'agentless' },
    });
  });
}

/** The sample infrastructure repository scanned through the GitHub connector. */
export interface RepositoryTarget {
  subscriptionId: string;
  resourceGroup: string;
  connectorName: string;
  owner: string;
  repository: string;
}

const IAC_FINDINGS = [
  { rule: 'IAC-STORAGE-PUBLIC-BLOB', title: 'Storage accounts should not allow public blob access', file: 'modules/storage/main.tf', line: 27, severity: 'High' },
  { rule: 'IAC-STORAGE-TLS', title: 'Storage accounts should require TLS 1.2 or later', file: 'modules/storage/main.tf', line: 19, severity: 'Medium' },
  { rule: 'IAC-NSG-SSH-ANY', title: 'Network security groups should not allow SSH from the internet', file: 'modules/network/nsg.tf', line: 44, severity: 'High' },
  { rule: 'IAC-NSG-RDP-ANY', title: 'Network security groups should not allow RDP from the internet', file: 'modules/network/nsg.tf', line: 58, severity: 'High' },
  { rule: 'IAC-KV-PURGE', title: 'Key vaults should have purge protection enabled', file: 'modules/keyvault/main.tf', line: 12, severity: 'Medium' },
  { rule: 'IAC-SQL-AUDIT', title: 'SQL servers should have auditing enabled', file: 'modules/sql/server.tf', line: 33, severity: 'Medium' },
  { rule: 'IAC-AKS-RBAC', title: 'Kubernetes clusters should use Azure RBAC', file: 'envs/prod/aks.tf', line: 71, severity: 'High' },
  { rule: 'IAC-VM-DISK-ENC', title: 'Virtual machine disks should be encrypted at host', file: 'modules/compute/vm.tf', line: 88, severity: 'Low' },
] as const;

/** `IacVulnerabilities` findings (and one exposed secret) on the sample infrastructure repository. */
export function repositoryRows(ctx: IndividualContext, repo: RepositoryTarget, firstEvaluation: string): Row[] {
  const id = `/subscriptions/${repo.subscriptionId}/resourceGroups/${repo.resourceGroup}/providers/Microsoft.Security/securityConnectors/${repo.connectorName}/devops/default/gitHubOwners/${repo.owner}/repos/${repo.repository}`;
  const resourceDetails = { Source: 'GitHub', Id: id, ResourceType: 'microsoft.security/securityconnectors/devops/githubowners/repos', ResourceName: repo.repository };
  const row = (key: string, properties: Row): Row => ({
    id: `${id}/providers/Microsoft.Security/assessments/${key}`, name: key, type: 'microsoft.security/assessments', tenantId: ctx.tenantId, kind: '',
    location: 'global', resourceGroup: repo.resourceGroup, subscriptionId: repo.subscriptionId,
    properties: { resourceDetails, ...properties, links: { azurePortal: `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${key}` } },
  });
  const status = { code: 'Unhealthy', firstEvaluationDate: firstEvaluation, statusChangeDate: firstEvaluation };
  const rows = IAC_FINDINGS.map((finding) => {
    const displayName = `IaC: ${finding.title}`;
    return row(stableKey(`iac:${finding.rule}`), {
      displayName,
      status,
      metadata: {
        displayName, severity: finding.severity, recommendationCategory: 'IacVulnerabilities', assessmentType: 'BuiltIn', categories: ['DevOps'],
        description: `${finding.file} line ${finding.line} declares infrastructure that breaks this rule: every deployment from it repeats the weakness.`,
        remediationDescription: 'Fix the template in the repository; the next deployment then fixes the resources it creates.',
      },
      additionalData: { RuleId: finding.rule, FilePath: finding.file, LineNumber: finding.line, Tool: 'template scanner', Branch: 'main' },
    });
  });
  const secret = 'Azure service principal client secret';
  rows.push(row(stableKey(`repo-secret:${secret}`), {
    displayName: `GitHub repositories should have secrets findings resolved: ${secret}`,
    status,
    metadata: {
      displayName: `GitHub repositories should have secrets findings resolved: ${secret}`, severity: 'High', recommendationCategory: 'ExposedSecrets',
      assessmentType: 'BuiltIn', categories: ['DevOps'],
      description: 'A client secret is committed in the repository history.', remediationDescription: 'Rotate the secret, then remove it from the history.',
    },
    additionalData: { SecretType: secret, FilePath: 'envs/prod/terraform.tfvars', LineNumber: 3 },
  }));
  return rows;
}

/**
 * `microsoft.security/cvedetails` rows for the CVEs the tenant names. Their shape is not documented: this is one
 * plausible shape (id, title, severity, CVSS by version). Every fifth CVE has none, so answers must work without.
 */
export function cveDetailRows(tenantId: string, cveIds: ReadonlySet<string>): Row[] {
  return CVES.filter((cve, index) => cveIds.has(cve.cve) && index % 5 !== 4).map((cve) => ({
    id: `/providers/Microsoft.Security/cveDetails/${cve.cve}`,
    name: cve.cve,
    type: 'microsoft.security/cvedetails',
    tenantId,
    properties: {
      cveId: cve.cve,
      title: cve.title,
      severity: severityForCvss(cve.cvss),
      cvss: { '3.1': { base: cve.cvss } },
      exploitabilityDetails: { IsPubliclyDisclosed: true, IsInExploitKit: cve.cvss >= 9 },
    },
  }));
}
