// Every check in all three languages: a misconfigured sample is found (with its rule's Defender mapping) and fixed
// so that it re-scans clean; a secure sample is not found. Plus values from parameters, variables, parameter files
// and documented defaults, computed values as unknown, and unparsable files reported and skipped.
import { applyFixes } from '../../src/iac/fixer';
import { IAC_RULES } from '../../src/iac/rules/catalog';
import { scanSources } from '../../src/iac/scanner';
import { armTemplate, bicepTemplate, CHECK_SAMPLES, terraformTemplate } from './checkSamples';

const MANUAL = new Set(['aks-authorized-ip-ranges']);
const samplesOf = (sample: (typeof CHECK_SAMPLES)[number], which: 'bad' | 'good') => [
  { language: 'arm', file: 'main.json', text: armTemplate(sample.arm.type, sample.arm.apiVersion, sample.arm[which]) },
  { language: 'bicep', file: 'main.bicep', text: bicepTemplate(sample.arm.type, sample.arm.apiVersion, sample.arm[which]) },
  { language: 'terraform', file: 'main.tf', text: terraformTemplate(sample.terraform.type, sample.terraform[which]) },
];

describe('IaC checks in ARM, Bicep and Terraform', () => {
  it('has a sample for every rule', () => {
    expect(CHECK_SAMPLES.map((s) => s.rule).sort()).toEqual(IAC_RULES.map((r) => r.id).filter((id) => id !== 'sql-auditing').sort());
  });

  describe.each(CHECK_SAMPLES)('$rule', (sample) => {
    it.each(samplesOf(sample, 'bad'))('finds the misconfigured $language sample, and its fix re-scans clean', async ({ file, text }) => {
      const scan = await scanSources([{ file, text }]);
      expect(scan.problems).toEqual([]);
      const found = scan.findings.filter((f) => f.ruleId === sample.rule);
      expect(found).toHaveLength(1);
      const rule = IAC_RULES.find((r) => r.id === sample.rule);
      expect(found[0]).toMatchObject({ file, assessmentKey: rule?.assessmentKey, recommendation: rule?.recommendation, severity: rule?.severity });
      expect(found[0]?.line).toBeGreaterThan(1);
      const outcome = await applyFixes([{ file, text }], found);
      if (MANUAL.has(sample.rule)) {
        expect(outcome.refused).toHaveLength(1);
        expect(outcome.changedFiles).toEqual([]);
        return;
      }
      expect(outcome.refused).toEqual([]);
      const fixed = outcome.sources[0]?.text ?? '';
      expect((await scanSources([{ file, text: fixed }])).findings.filter((f) => f.ruleId === sample.rule)).toEqual([]);
      // Minimal edit: the first line (a comment or the schema) and the resource's name line are untouched.
      expect(fixed.split('\n')[0]).toBe(text.split('\n')[0]);
    });

    it.each(samplesOf(sample, 'good'))('passes the secure $language sample', async ({ file, text }) => {
      const scan = await scanSources([{ file, text }]);
      expect(scan.problems).toEqual([]);
      expect(scan.findings.filter((f) => f.ruleId === sample.rule)).toEqual([]);
    });
  });
});

describe('values as the platform sees them', () => {
  it('resolves Bicep parameters (default or parameter file) and variables, and treats computed values as unknown', async () => {
    const text = "param tls string = 'TLS1_0'\nparam open bool\nvar https = false\nresource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n  properties: {\n    minimumTlsVersion: tls\n    allowBlobPublicAccess: open\n    supportsHttpsTrafficOnly: https\n    networkAcls: {\n      defaultAction: toUpper('deny')\n    }\n  }\n}\n";
    const alone = await scanSources([{ file: 'main.bicep', text }]);
    expect(alone.findings.map((f) => f.ruleId).sort()).toEqual(['storage-https-only', 'storage-min-tls']);
    expect(alone.findings.find((f) => f.ruleId === 'storage-min-tls')?.message).toContain('(from the parameter)');
    const parameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { tls: { value: 'TLS1_2' }, open: { value: true } } });
    const withFile = await scanSources([{ file: 'main.bicep', text }, { file: 'main.parameters.json', text: parameters }]);
    expect(withFile.findings.map((f) => f.ruleId).sort()).toEqual(['storage-https-only', 'storage-public-blob']);
  });

  it('judges a missing ARM property by the documented default for its apiVersion', async () => {
    const old = await scanSources([{ file: 'a.json', text: armTemplate('Microsoft.Storage/storageAccounts', '2018-07-01', { networkAcls: { defaultAction: 'Deny' }, minimumTlsVersion: 'TLS1_2' }) }]);
    expect(old.findings.map((f) => f.ruleId).sort()).toEqual(['storage-https-only', 'storage-public-blob']);
    const current = await scanSources([{ file: 'a.json', text: armTemplate('Microsoft.Storage/storageAccounts', '2023-01-01', { networkAcls: { defaultAction: 'Deny' }, minimumTlsVersion: 'TLS1_2' }) }]);
    expect(current.findings).toEqual([]);
    // SQL's minimal TLS has no documented default: unknown, not a finding.
    const sql = await scanSources([{ file: 's.json', text: armTemplate('Microsoft.Sql/servers', '2021-11-01', { publicNetworkAccess: 'Disabled' }) }]);
    expect(sql.findings.map((f) => f.ruleId)).toEqual(['sql-auditing']);
  });

  it('resolves Terraform variables from tfvars, defaults and locals, and ignores references to other resources', async () => {
    const tf = 'variable "tls" {\n  default = "TLS1_2"\n}\nlocals {\n  public = true\n}\nresource "azurerm_storage_account" "sa" {\n  min_tls_version                 = var.tls\n  allow_nested_items_to_be_public = local.public\n  https_traffic_only_enabled      = azurerm_x.y.enabled\n  network_rules {\n    default_action = "Deny"\n  }\n}\n';
    const plain = await scanSources([{ file: 'm/main.tf', text: tf }]);
    expect(plain.findings.map((f) => f.ruleId)).toEqual(['storage-public-blob']);
    const withVars = await scanSources([{ file: 'm/main.tf', text: tf }, { file: 'm/terraform.tfvars', text: 'tls = "TLS1_0"\n' }]);
    expect(withVars.findings.map((f) => f.ruleId).sort()).toEqual(['storage-min-tls', 'storage-public-blob']);
    expect(withVars.findings.find((f) => f.ruleId === 'storage-min-tls')?.message).toContain('parameter file');
  });

  it('reports an unparsable file with its line and still scans the others', async () => {
    const scan = await scanSources([
      { file: 'broken.tf', text: 'resource "azurerm_storage_account" "x" {\n  name = \n}\n' },
      { file: 'broken.json', text: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n}\n' },
      { file: 'ok.bicep', text: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    enableSoftDelete: false\n  }\n}\n" },
    ]);
    expect(scan.problems.map((p) => p.file).sort()).toEqual(['broken.json', 'broken.tf']);
    expect(scan.problems.find((p) => p.file === 'broken.tf')?.line).toBe(2);
    expect(scan.findings.some((f) => f.file === 'ok.bicep' && f.ruleId === 'keyvault-soft-delete')).toBe(true);
  });

  it('keeps comments and formatting, and adds SQL auditing inside the server (Bicep) or right after it (Terraform)', async () => {
    const bicep = "// keep me\nresource sql 'Microsoft.Sql/servers@2021-11-01' = {\n  name: 'sql'   // and me\n  properties: {\n    minimalTlsVersion: '1.2'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n";
    const tf = '# keep me\nresource "azurerm_mssql_server" "db" {\n  name                          = "db" # and me\n  public_network_access_enabled = false\n}\n';
    const sources = [{ file: 'a/sql.bicep', text: bicep }, { file: 'b/sql.tf', text: tf }];
    const scan = await scanSources(sources);
    expect(scan.findings.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual(['a/sql.bicep sql-auditing', 'b/sql.tf sql-auditing']);
    const outcome = await applyFixes(sources, scan.findings);
    expect(outcome.refused).toEqual([]);
    const [fixedBicep, fixedTf] = outcome.sources.map((s) => s.text);
    expect(fixedBicep).toContain("  name: 'sql'   // and me\n");
    expect(fixedBicep).toContain("  resource auditing 'auditingSettings@2021-11-01' = {\n    name: 'default'\n");
    expect(fixedTf?.startsWith(tf.trimEnd())).toBe(true);
    expect(fixedTf).toContain('server_id              = azurerm_mssql_server.db.id');
    expect((await scanSources(outcome.sources)).findings).toEqual([]);
  });
});
