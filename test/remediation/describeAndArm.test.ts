// The confirmation sentence, the ARM request, the never-applied flags and the software-update advice.
import { fixDefinitionSchema } from '../../src/remediation/fixes/model';
import { softwareUpdateAdvice } from '../../src/remediation/fixes/softwareUpdate';
import { createKnowledgeBase } from '../../src/remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../src/remediation/remediation';
import { SAMPLE_SUBSCRIPTION as SUB } from './sampleResources';

const remediation = createRemediation({ knowledge: createKnowledgeBase() });

function fix(key: string, id: string) {
  const lookup = remediation.fixFor(key, id);
  if (lookup.status !== 'fix') throw new Error(JSON.stringify(lookup));
  return lookup.fix;
}

test('describeChange: what changes on which resource, with its impact', () => {
  const sql = fix('22e93e92-4a31-b4cd-d640-3ef908430aa6', `/subscriptions/${SUB}/resourceGroups/rg-(legacy)/providers/Microsoft.Sql/servers/sql-billing`);
  expect(remediation.describeChange(sql)).toEqual({
    sentence: `Set public network access to Disabled on SQL server "sql-billing" (resource group "rg-(legacy)", subscription ${SUB}).`,
    resourceLabel: 'SQL server',
    resourceName: 'sql-billing',
    location: `resource group "rg-(legacy)", subscription ${SUB}`,
    impact: expect.stringMatching(/public endpoint/),
    appliable: true,
  });
  const tde = fix('651967bf-044e-4bde-8376-3e08e0600105', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-billing/databases/orders`);
  expect(remediation.describeChange(tde).sentence).toBe(`Turn Transparent Data Encryption on for SQL database "sql-billing/orders" (resource group "rg", subscription ${SUB}).`);
  const snapshot = fix('02e8de17-1a01-45cb-b906-6d07a78f4b3c', 'arn:aws:ec2:eu-central-1:123456789012:snapshot/snap-0abc');
  expect(remediation.describeChange(snapshot)).toMatchObject({
    sentence: 'Remove the permission for every AWS account to create volumes from it ("all") from EBS snapshot "snap-0abc" (AWS account 123456789012, region eu-central-1).',
    appliable: false,
    notAppliableReason: expect.stringMatching(/Azure Resource Manager/),
  });
});

test('ARM requests: PATCH with a nested body, PUT on a child path', () => {
  const storage = fix('1c5de8e1-f68d-6a17-e0d2-ec259c42768c', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stalder01`);
  expect(remediation.renderScripts(storage).arm).toEqual({
    method: 'PATCH',
    url: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stalder01?api-version=2023-01-01`,
    body: { properties: { supportsHttpsTrafficOnly: true } },
  });
  const tde = fix('651967bf-044e-4bde-8376-3e08e0600105', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-billing/databases/orders`);
  expect(remediation.renderScripts(tde).arm).toEqual({
    method: 'PUT',
    url: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-billing/databases/orders/transparentDataEncryption/current?api-version=2021-11-01`,
    body: { properties: { state: 'Enabled' } },
  });
});

test('a fix that opens network access or destroys data can never be marked appliable', () => {
  const base = remediation.definitions().find((d) => d.id === 'sql.minimalTls12')!;
  expect(fixDefinitionSchema.safeParse({ ...base, opensNetwork: true }).success).toBe(false);
  expect(fixDefinitionSchema.safeParse({ ...base, destroysData: true }).success).toBe(false);
  expect(fixDefinitionSchema.safeParse({ ...base, opensNetwork: true, appliable: false, notAppliableReason: 'It would open the server.' }).success).toBe(true);
  expect(fixDefinitionSchema.safeParse({ ...base, appliable: false }).success).toBe(false);
  for (const definition of remediation.definitions()) {
    if (definition.appliable) expect({ id: definition.id, opensNetwork: definition.opensNetwork, destroysData: definition.destroysData }).toEqual({ id: definition.id, opensNetwork: false, destroysData: false });
  }
});

test('appliable Azure property changes say how to undo them', () => {
  const missing = remediation
    .definitions()
    .filter((d) => d.appliable && d.change.kind === 'setProperty' && d.change.undoValue === undefined && !/minimalTls|minTls/.test(d.id))
    .map((d) => d.id);
  expect(missing).toEqual([]);
});

describe('software updates say which version fixes the CVEs', () => {
  test('with a fixed version', () => {
    expect(softwareUpdateAdvice({ packageName: 'openssl', detectedVersions: ['3.0.2', '3.0.2', '3.0.7'], fixedVersion: '3.0.13', cves: ['cve-2024-0727', 'CVE-2023-5678'] })).toEqual({
      hasFixedVersion: true,
      sentence: 'Update openssl from 3.0.2 and 3.0.7 to 3.0.13 or later; that version fixes CVE-2023-5678 and CVE-2024-0727.',
      packageName: 'openssl',
      fixedVersion: '3.0.13',
      cves: ['CVE-2023-5678', 'CVE-2024-0727'],
    });
  });
  test('without one yet', () => {
    const advice = softwareUpdateAdvice({ packageName: 'log4j-core', detectedVersions: ['2.14.1'], fixedVersion: '', cves: ['CVE-2021-44228'] });
    expect(advice.hasFixedVersion).toBe(false);
    expect(advice.sentence).toBe('No fixed version of log4j-core is published yet for CVE-2021-44228; limit exposure of the resource and check again when the vendor releases one.');
  });
});

test('fixes that close network or anonymous access say their undo would open it again', () => {
  const closing = remediation.definitions().filter((d) => /public|network action|anonymous/i.test(d.change.label) || /NoPublic|NotPublic/.test(d.id));
  expect(closing.length).toBeGreaterThanOrEqual(10);
  for (const definition of closing) expect({ id: definition.id, undoOpensNetwork: definition.undoOpensNetwork }).toEqual({ id: definition.id, undoOpensNetwork: true });
  expect(remediation.definitions().find((d) => d.id === 'sql.minimalTls12')?.undoOpensNetwork).toBe(false);
});
