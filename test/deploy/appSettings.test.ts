// The app settings infra/azure.bicep gives App Service against the settings the bot's configuration reads
// (src/config/features/*.ts): every name is one the bot or the platform knows, every secret goes through Key Vault,
// and production starts with them, but not without the bot's app ID.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAppConfig } from '../../src/config/appConfig';
import { bicepLiteral, readBicep, type BicepFile } from './support/bicepFile';
import { knownSettings } from './support/settingNames';

const INFRA = join(__dirname, '..', '..', 'infra');

// App settings that are not the bot's, and who reads them.
const PLATFORM_SETTINGS: Record<string, string> = {
  AZURE_CLIENT_ID: '@azure/identity: DefaultAzureCredential signs in as this user-assigned identity',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'App Service\'s Application Insights agent',
  ApplicationInsightsAgent_EXTENSION_VERSION: 'App Service: turns the Node.js Application Insights agent on',
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service: builds zip deployments on the host (Oryx)',
  CUSTOM_BUILD_COMMAND: 'App Service (Oryx): the build command',
};

// Settings of the Azure storage ports, being added by the several-replicas workstream (issue 20) under these names.
// Once that lands they are read from the feature schemas like every other setting.
const STORAGE_SETTINGS_OF_ISSUE_20 = ['STORAGE', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_CONNECTION_STRING'];

// Settings that hold secrets: they may reach App Service only as Key Vault references (secretSettings).
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEY|CONNECTION_STRING)$/;
// Secret settings the deployment leaves out on purpose.
const SECRETS_NOT_DEPLOYED: Record<string, string> = {
  BOT_PASSWORD: 'the bot signs in as its managed identity (BOT_TYPE=UserAssignedMSI has no password)',
  AZURE_STORAGE_CONNECTION_STRING: 'the storage account takes the managed identity (AZURE_STORAGE_ACCOUNT), shared keys are off',
};

// Values for settings the template computes (identity ids, host names), to start the configuration with.
const SAMPLE_VALUES: Record<string, string> = {
  BOT_ID: '0b5c3bbf-4f6d-4a38-9c55-2a8e9d1a7f01',
  BOT_TENANT_ID: '7c1f0e3a-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  AZURE_CLIENT_ID: '0b5c3bbf-4f6d-4a38-9c55-2a8e9d1a7f01',
  ALLOWED_TENANT_IDS: '7c1f0e3a-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  BOT_DOMAIN: 'app-posture-abc123.azurewebsites.net',
  PUBLIC_BASE_URL: 'https://app-posture-abc123.azurewebsites.net',
  POSTURE_SOURCE: 'azure',
  AZURE_SCOPE: '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  AZURE_CLOUD: 'AzurePublicCloud',
  AZURE_STORAGE_ACCOUNT: 'stpostureabc123',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
};

interface ParameterFile {
  parameters: { botSettings: { value: Record<string, string> }; secretSettings: { value: Record<string, string> } };
}

let main: BicepFile;
let fixed: Map<string, string>;
let parameterFile: ParameterFile;
let known: Set<string>;
beforeAll(async () => {
  main = await readBicep(join(INFRA, 'azure.bicep'));
  fixed = main.objectVar('fixedSettings');
  parameterFile = JSON.parse(readFileSync(join(INFRA, 'azure.parameters.json'), 'utf8')) as ParameterFile;
  known = knownSettings();
});

/** The settings App Service gets in production, with sample values where the template computes them. */
function deployedEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, valueText] of fixed) {
    const value = bicepLiteral(valueText) ?? SAMPLE_VALUES[name];
    if (value === undefined) throw new Error(`${name} = ${valueText}: add a sample value for it to SAMPLE_VALUES`);
    env[name] = value;
  }
  return env;
}

describe('app settings in infra/azure.bicep', () => {
  it('reads the bot\'s settings from its feature schemas (the list is not empty or made up)', () => {
    expect(known.has('BOT_ID')).toBe(true);
    expect(known.has('AZURE_SCOPE')).toBe(true);
    expect(known.has('LLM_MAX_REPAIRS')).toBe(true);
    expect(known.has('NOT_A_SETTING')).toBe(false);
  });

  it('sets only settings the bot or the platform reads', () => {
    const names = [...fixed.keys(), ...Object.keys(parameterFile.parameters.botSettings.value), ...Object.keys(parameterFile.parameters.secretSettings.value)];
    const unknown = names.filter((name) => !known.has(name) && !(name in PLATFORM_SETTINGS) && !STORAGE_SETTINGS_OF_ISSUE_20.includes(name));
    expect(unknown).toEqual([]);
  });

  it('gives every secret setting the bot reads a Key Vault reference, and no secret in plain app settings', () => {
    const secrets = [...known, ...STORAGE_SETTINGS_OF_ISSUE_20].filter((name) => SECRET_NAME.test(name) && !(name in SECRETS_NOT_DEPLOYED));
    expect(secrets.length).toBeGreaterThan(3);
    expect(Object.keys(parameterFile.parameters.secretSettings.value).sort()).toEqual([...new Set(secrets)].sort());
    const plain = [...fixed.keys(), ...Object.keys(parameterFile.parameters.botSettings.value)].filter((name) => SECRET_NAME.test(name) && !(name in PLATFORM_SETTINGS));
    expect(plain).toEqual([]);
    // Parameter values come from the Toolkit's encrypted SECRET_* variables, never from a committed value.
    for (const [name, value] of Object.entries(parameterFile.parameters.secretSettings.value)) expect(value).toBe(`\${{SECRET_${name}}}`);
  });

  it('passes every optional bot setting of the parameters file from the env variable of the same name', () => {
    for (const [name, value] of Object.entries(parameterFile.parameters.botSettings.value)) expect(value).toBe(`\${{${name}}}`);
  });

  it('starts the bot in production: the app ID, the managed identity type, the tenant and the posture scope are set', () => {
    const env = deployedEnvironment();
    expect(env.NODE_ENV).toBe('production');
    expect(env.BOT_TYPE).toBe('UserAssignedMSI');
    expect(fixed.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(fixed.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(env.BOT_PASSWORD).toBeUndefined();
    const result = parseAppConfig(env, { appEnv: 'production', cwd: '/home/site/wwwroot' });
    expect(result).toMatchObject({ ok: true, config: { production: true, bot: { id: SAMPLE_VALUES.BOT_ID, type: 'UserAssignedMSI' }, postureSource: 'azure' } });
  });

  it('refuses to start in production when the app ID is missing (no unauthenticated bot in Azure)', () => {
    const { BOT_ID: _dropped, ...env } = deployedEnvironment();
    const result = parseAppConfig(env, { appEnv: 'production', cwd: '/home/site/wwwroot' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID: required in production/)]));
  });

  it('refuses the live Azure source without a scope, which the template always sets for it', () => {
    const env = { ...deployedEnvironment(), AZURE_SCOPE: '' };
    expect(parseAppConfig(env, { appEnv: 'production', cwd: '/srv' }).ok).toBe(false);
    expect(fixed.get('AZURE_SCOPE')).toBe("sourceKind == 'azure' ? readScope : ''");
    expect(main.text).toMatch(/var readScope = empty\(postureScope\) \? '\/subscriptions\/\$\{subscription\(\)\.subscriptionId\}' : postureScope/);
  });
});
