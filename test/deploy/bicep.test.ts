// infra/*.bicep: parsed with tree-sitter-bicep (no Bicep compiler here, see README "Deploy to Azure"), resource
// types and API versions checked against the list below, and the resources issue 21 asks for checked by their
// properties. A real `az deployment group what-if` is the first thing a deployment must run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { treeSitterParsers } from '../../src/iac/parsers/treeSitter';
import { readBicep, type BicepFile } from './support/bicepFile';

const INFRA = join(__dirname, '..', '..', 'infra');

// Resource types and the API versions this project deploys them with (all generally available, none preview).
// A new type or version is added here on purpose, after checking it in the Azure resource reference.
const API_VERSIONS: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
  'Microsoft.OperationalInsights/workspaces': '2023-09-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.Storage/storageAccounts': '2023-05-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.KeyVault/vaults': '2023-07-01',
  'Microsoft.KeyVault/vaults/secrets': '2023-07-01',
  'Microsoft.Web/serverfarms': '2023-12-01',
  'Microsoft.Web/sites': '2023-12-01',
  'Microsoft.Web/sites/config': '2023-12-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

// Built-in role definition ids, the same in every tenant.
const ROLE = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  securityReader: '39bc4728-0917-49c7-9d2c-d95423bc2eb4',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
};

const bicepFiles = readdirSync(INFRA).filter((name) => name.endsWith('.bicep'));
const files = new Map<string, BicepFile>();
beforeAll(async () => {
  for (const name of bicepFiles) files.set(name, await readBicep(join(INFRA, name)));
});
const file = (name: string): BicepFile => {
  const found = files.get(name);
  if (!found) throw new Error(`infra/${name} is missing`);
  return found;
};
const resourcesOf = (name: string, type: string) => file(name).resources.filter((r) => r.type === type);
const one = (name: string, type: string) => {
  const found = resourcesOf(name, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('infra/*.bicep', () => {
  it('has the main template and the two posture-reader templates', () => {
    expect(bicepFiles.sort()).toEqual(['azure.bicep', 'posture-reader.managementGroup.bicep', 'posture-reader.subscription.bicep']);
  });

  it.each(bicepFiles)('%s parses without a syntax error', (name) => {
    expect(file(name).syntaxErrors).toEqual([]);
    expect(file(name).resources.length).toBeGreaterThan(0);
  });

  it('the parser would see a broken template (the check above can fail)', async () => {
    const { bicep } = await treeSitterParsers();
    expect(bicep.parse("resource x 'A/b@2020-01-01' = {\n  name: 'a'\n  properties: { v: [1, 2 }\n}\n")?.rootNode.hasError).toBe(true);
  });

  it.each(bicepFiles)('%s uses only listed resource types at their listed API versions', (name) => {
    for (const resource of file(name).resources) {
      expect({ type: resource.type, apiVersion: resource.apiVersion }).toEqual({ type: resource.type, apiVersion: API_VERSIONS[resource.type] });
    }
  });
});

describe('infra/azure.bicep', () => {
  const main = 'azure.bicep';

  it('gives the bot a user-assigned managed identity and registers it as the Azure Bot with the Teams channel', () => {
    one(main, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    const bot = one(main, 'Microsoft.BotService/botServices');
    expect(bot.body).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bot.body).toMatch(/msaAppId:\s*identity\.properties\.clientId/);
    expect(bot.body).toMatch(/msaAppMSIResourceId:\s*identity\.id/);
    expect(bot.body).toMatch(/endpoint:\s*'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
    const channel = one(main, 'Microsoft.BotService/botServices/channels');
    expect(channel.body).toMatch(/parent:\s*bot\b/);
    expect(channel.body).toMatch(/channelName:\s*'MsTeamsChannel'/);
  });

  it('runs the bot on a Linux App Service plan with several instances, on Node 22, signing in as the identity', () => {
    const plan = one(main, 'Microsoft.Web/serverfarms');
    expect(plan.body).toMatch(/reserved:\s*true/);
    expect(plan.body).toMatch(/capacity:\s*instanceCount/);
    expect(file(main).text).toMatch(/param instanceCount int = ([2-9]|\d{2,})\b/);
    const site = one(main, 'Microsoft.Web/sites');
    expect(site.body).toMatch(/linuxFxVersion:\s*'NODE\|22-lts'/);
    expect(site.body).toMatch(/httpsOnly:\s*true/);
    expect(site.body).toMatch(/clientAffinityEnabled:\s*false/);
    expect(site.body).toMatch(/'\$\{identity\.id\}':\s*\{\}/);
    expect(site.body).toMatch(/keyVaultReferenceIdentity:\s*identity\.id/);
    expect(site.body).toMatch(/healthCheckPath:\s*'\/readyz'/);
    const settings = one(main, 'Microsoft.Web/sites/config');
    expect(settings.body).toMatch(/name:\s*'appsettings'/);
  });

  it('creates the storage account without shared keys and gives the identity blob and table data roles on it', () => {
    const storage = one(main, 'Microsoft.Storage/storageAccounts');
    expect(storage.body).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(storage.body).toMatch(/allowBlobPublicAccess:\s*false/);
    const text = file(main).text;
    for (const role of [ROLE.storageBlobDataContributor, ROLE.storageTableDataContributor]) expect(text).toContain(role);
    const onStorage = resourcesOf(main, 'Microsoft.Authorization/roleAssignments').filter((r) => /scope:\s*storage\b/.test(r.body));
    expect(onStorage).toHaveLength(2);
    for (const assignment of onStorage) expect(assignment.body).toMatch(/principalId:\s*identity\.properties\.principalId/);
  });

  it('keeps secrets in an RBAC Key Vault the identity may read, and app settings reference them', () => {
    const vault = one(main, 'Microsoft.KeyVault/vaults');
    expect(vault.body).toMatch(/enableRbacAuthorization:\s*true/);
    expect(vault.body).toMatch(/enablePurgeProtection:\s*true/);
    expect(file(main).text).toContain(ROLE.keyVaultSecretsUser);
    expect(resourcesOf(main, 'Microsoft.Authorization/roleAssignments').some((r) => /scope:\s*vault\b/.test(r.body))).toBe(true);
    one(main, 'Microsoft.KeyVault/vaults/secrets');
    expect(file(main).text).toMatch(/'@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=/);
    expect(file(main).text).toMatch(/@secure\(\)\s*(@description\([^)]*\)\s*)?param secretSettings object/);
  });

  it('sends telemetry to Application Insights on a Log Analytics workspace', () => {
    const insights = one(main, 'Microsoft.Insights/components');
    expect(insights.body).toMatch(/WorkspaceResourceId:\s*workspace\.id/);
    expect(file(main).objectVar('fixedSettings').get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('insights.properties.ConnectionString');
  });

  it('outputs what the Agents Toolkit and the posture-reader templates need', () => {
    expect(file(main).outputs).toEqual(expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_ID', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'BOT_PRINCIPAL_ID']));
  });

  it('azure.parameters.json sets only declared parameters and every parameter without a default', () => {
    const parameters = (JSON.parse(readFileSync(join(INFRA, 'azure.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> }).parameters;
    const declared = file(main).parameters;
    for (const name of Object.keys(parameters)) expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
    for (const [name, { hasDefault }] of declared) if (!hasDefault) expect(Object.keys(parameters)).toContain(name);
  });
});

describe('posture-reader templates', () => {
  it.each([
    ['posture-reader.subscription.bicep', 'subscription'],
    ['posture-reader.managementGroup.bicep', 'managementGroup'],
  ])('%s assigns Reader and Security Reader at %s scope', (name, scope) => {
    expect(file(name).targetScope).toBe(scope);
    expect(file(name).text).toContain(ROLE.reader);
    expect(file(name).text).toContain(ROLE.securityReader);
    expect(file(name).parameters.get('principalId')).toEqual({ hasDefault: false });
    expect(one(name, 'Microsoft.Authorization/roleAssignments').body).toMatch(/principalType:\s*'ServicePrincipal'/);
  });

  it('the README gives the commands that deploy them', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain('az deployment sub create');
    expect(readme).toContain('infra/posture-reader.subscription.bicep');
    expect(existsSync(join(INFRA, 'posture-reader.managementGroup.bicep'))).toBe(true);
  });
});
