// Raw rows as Resource Graph and REST return them, with the casing quirks real data has.
export const SUB = '11111111-2222-3333-4444-555555555555';
export const VM = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
export const VM_KEY = '181ac480-f7c4-544b-9865-11b8ffe87f47';
export const VM_ASSESSMENT = `${VM}/providers/Microsoft.Security/assessments/${VM_KEY}`;

export function azureAssessment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: VM_ASSESSMENT,
    name: VM_KEY,
    type: 'microsoft.security/assessments',
    subscriptionId: SUB,
    resourceGroup: 'rg-web',
    properties: {
      displayName: 'Machines should have vulnerability findings resolved',
      status: { code: 'Unhealthy', cause: '', firstEvaluationDate: '2026-01-02T03:04:05Z', statusChangeDate: '2026-02-01T00:00:00Z' },
      resourceDetails: { Source: 'Azure', Id: VM, ResourceName: 'vm-web-01', ResourceType: 'microsoft.compute/virtualmachines' },
      metadata: { displayName: 'Machines should have vulnerability findings resolved', severity: 'high', categories: ['Compute'], assessmentType: 'BuiltIn', threats: ['dataExfiltration'] },
      risk: { level: 'Critical', riskFactors: ['Internet exposure', 'Sensitive data', 'Vulnerabilities'], attackPathsReferences: ['ap-1', 'ap-2'] },
      links: { azurePortal: 'portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/x' },
    },
    ...overrides,
  };
}

export const AWS_KEY = '02e8de17-1a01-45cb-b906-6d07a78f4b3c';
export const AWS_CONNECTOR_ID = `/subscriptions/${SUB}/resourcegroups/multicloud/providers/microsoft.security/securityconnectors/aws-prod`;
export const AWS_RESOURCE = `${AWS_CONNECTOR_ID}/securityentitydata/aws-ec2-snapshot-snap-0abc-us-east-1`;

export function awsAssessment(): Record<string, unknown> {
  return {
    id: `${AWS_RESOURCE}/providers/Microsoft.Security/assessments/${AWS_KEY}`,
    name: AWS_KEY,
    type: 'Microsoft.Security/assessments',
    Properties: {
      Status: { Code: 'unhealthy' },
      ResourceDetails: {
        Source: 'Aws',
        Id: AWS_RESOURCE,
        ConnectorId: AWS_CONNECTOR_ID,
        NativeResourceId: 'arn:aws:ec2:us-east-1:123456789012:snapshot/snap-0abc',
        ResourceType: 'AwsEc2Snapshot',
        ResourceName: 'snap-0abc',
      },
    },
  };
}

export const GCP_KEY = '3b2c8e52-7b4e-4c3c-9e0a-6f5b1c2d3e4f';
export const GCP_AZURE_ID = `/subscriptions/${SUB}/resourceGroups/gcp-connector/providers/Microsoft.Security/securityConnectors/gcp-proj/gcpbuckets/logs-bucket`;

export function gcpAssessment(): Record<string, unknown> {
  return {
    id: `${GCP_AZURE_ID}/providers/Microsoft.Security/assessments/${GCP_KEY}`,
    name: GCP_KEY,
    type: 'microsoft.security/assessments',
    properties: {
      displayName: 'Cloud Storage buckets should not be publicly accessible',
      status: { code: 'Unhealthy' },
      resourceDetails: { source: 'Gcp', azureResourceId: GCP_AZURE_ID, gcpResourceId: '//storage.googleapis.com/logs-bucket' },
      additionalData: { CloudNativeResourceName: 'logs-bucket' },
      metadata: { severity: 'Medium' },
    },
  };
}

export function governanceRow(): Record<string, unknown> {
  return {
    id: `${VM_ASSESSMENT}/governanceAssignments/6634ff9f-127b-4bf2-8e6e-b1737f5e789c`,
    name: '6634ff9f-127b-4bf2-8e6e-b1737f5e789c',
    type: 'microsoft.security/assessments/governanceassignments',
    properties: {
      assignedResourceId: VM_ASSESSMENT.toUpperCase(),
      owner: 'alice@contoso.com',
      remediationDueDate: '2026-03-01T00:00:00Z',
      isGracePeriod: 'true',
      remediationEta: { eta: '2026-03-10T00:00:00Z', justification: 'waiting for patch window' },
      additionalData: { ticketNumber: 4711, ticketLink: 'https://tickets.example/4711', ticketStatus: 'Active' },
    },
  };
}

export function subAssessmentRow(): Record<string, unknown> {
  return {
    id: `${VM}/providers/Microsoft.Security/assessments/1195AFFF-C881-495E-9BC5-1486211AE03F/subAssessments/cve-2024-0001`,
    name: 'cve-2024-0001',
    type: 'Microsoft.Security/assessments/subAssessments',
    properties: {
      id: 'CVE-2024-0001',
      displayName: 'OpenSSL buffer overflow',
      status: { code: 'Unhealthy', severity: 'Critical' },
      category: 'Vulnerability',
      timeGenerated: '2026-02-02T00:00:00Z',
      additionalData: { cve: [{ title: 'CVE-2024-0001', link: 'https://nvd.example' }], cvss: { '2.0': { base: 7.5 }, '3.0': { base: 9.8 } }, patchable: true },
    },
  };
}

export function attackPathRow(): Record<string, unknown> {
  return {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/attackPaths/ap-1`,
    name: 'ap-1',
    type: 'microsoft.security/attackpaths',
    properties: {
      displayName: 'Internet exposed VM with high severity vulnerabilities has access to a key vault',
      description: 'An attacker can reach the VM from the internet.',
      riskLevel: 'High',
      riskFactors: ['Exposed to the internet', 'Lateral movement'],
      entryPoint: { name: 'vm-web-01' },
      target: 'kv-secrets',
      graphComponent: { entities: [{ entityIdentifiers: { azureResourceId: VM } }] },
      assessments: { e1: [VM_ASSESSMENT.toUpperCase()] },
    },
  };
}

export function secureScoreRow(): Record<string, unknown> {
  return {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/secureScores/ascScore`,
    name: 'ascScore',
    type: 'microsoft.security/securescores',
    properties: { displayName: 'ASC score', score: { max: 39, current: 23.53, percentage: 0.6033 }, weight: 67 },
  };
}

export function secureScoreControlRow(): Record<string, unknown> {
  return {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/34a42fb3-e6db-409c-b56b-7b1db6b8aee0`,
    name: '34a42fb3-e6db-409c-b56b-7b1db6b8aee0',
    type: 'Microsoft.Security/secureScores/secureScoreControls',
    properties: { displayName: 'Enable MFA', healthyResourceCount: 1, unhealthyResourceCount: 0, notApplicableResourceCount: 0, score: { max: 10, current: 10, percentage: 1 } },
  };
}

export function subscriptionRow(): Record<string, unknown> {
  return { id: `/subscriptions/${SUB}`, name: 'Contoso Production', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, properties: { state: 'Enabled' } };
}

export function resourceRow(): Record<string, unknown> {
  return { id: VM, name: 'vm-web-01', type: 'microsoft.compute/virtualmachines', location: 'westeurope', resourceGroup: 'rg-web', subscriptionId: SUB, tags: { env: 'prod', Owner: 'web-team' } };
}

export function governanceRuleRow(): Record<string, unknown> {
  return { id: `/subscriptions/${SUB}/providers/Microsoft.Security/governanceRules/r1`, name: 'r1', type: 'microsoft.security/governancerules', properties: {} };
}

/** One of each kind, plus one row of a type the loader ignores. */
export function mixedRows(): Record<string, unknown>[] {
  return [
    subscriptionRow(),
    resourceRow(),
    azureAssessment(),
    awsAssessment(),
    gcpAssessment(),
    governanceRow(),
    subAssessmentRow(),
    attackPathRow(),
    secureScoreRow(),
    secureScoreControlRow(),
    governanceRuleRow(),
  ];
}
