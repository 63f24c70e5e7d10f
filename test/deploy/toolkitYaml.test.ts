// teamsapp.yml and teamsapp.local.yml: parsed with the `yaml` library, validated against the Agents Toolkit's
// published JSON schema (v1.13, shipped in the @microsoft/teamsfx-core package; `.ci/fetch-toolkit-schema`
// puts it in node_modules/.cache), and checked for what the schema cannot see: every ${{VAR}} the files, the
// parameters file and the app manifest use is produced by an earlier action or defined in the environment's files.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseEnv } from 'node:util';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { packageApp } from '../../src/cli/packageApp';
import { parseAppConfig } from '../../src/config/appConfig';
import { readBicep } from './support/bicepFile';
import { knownSettings } from './support/settingNames';

const ROOT = join(__dirname, '..', '..');
const SCHEMA_VERSION = 'v1.13';
const TOOLKIT_SCHEMA_PATH = process.env.TEAMSAPP_YAML_SCHEMA ?? join(ROOT, 'node_modules', '.cache', 'teamsapp-yaml-schema', SCHEMA_VERSION, 'yaml.schema.json');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// Set by the Toolkit itself for every run.
const TOOLKIT_BUILT_INS = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX'];

interface Action {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const PROJECTS = [
  { file: 'teamsapp.yml', environments: ['dev', 'production'] },
  { file: 'teamsapp.local.yml', environments: ['local'] },
] as const;

function readProject(file: string): Project {
  const document = parseDocument(readFileSync(join(ROOT, file), 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings].map(String);
  if (problems.length > 0) throw new Error(`${file} is not clean YAML:\n${problems.join('\n')}`);
  return document.toJS() as Project;
}

const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
const envFileKeys = (name: string): string[] => Object.keys(parseEnv(readFileSync(join(ROOT, 'env', `.env.${name}`), 'utf8')));
const STAGES = ['provision', 'deploy', 'publish'] as const;

describe.each(PROJECTS)('$file', ({ file, environments }) => {
  const project = readProject(file);
  const actions = STAGES.flatMap((stage) => (project[stage] ?? []).map((action) => ({ stage, action })));

  it(`declares schema ${SCHEMA_VERSION}, ./env, and provision, deploy and publish where they apply`, () => {
    expect(project.version).toBe(SCHEMA_VERSION);
    expect(readFileSync(join(ROOT, file), 'utf8')).toContain(`$schema=https://aka.ms/teams-toolkit/${SCHEMA_VERSION}/yaml.schema.json`);
    expect(project.environmentFolderPath).toBe('./env');
    expect(project.provision?.length).toBeGreaterThan(0);
    expect(project.deploy?.length).toBeGreaterThan(0);
  });

  const schemaIt = existsSync(TOOLKIT_SCHEMA_PATH) ? it : process.env.CI ? it : it.skip;
  schemaIt('passes the Agents Toolkit\'s published JSON schema', () => {
    if (!existsSync(TOOLKIT_SCHEMA_PATH)) throw new Error(`${TOOLKIT_SCHEMA_PATH} is missing: run .ci/fetch-toolkit-schema`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(TOOLKIT_SCHEMA_PATH, 'utf8')) as object);
    const valid = validate(project);
    expect(valid ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n').slice(0, 20)).toEqual([]);
  });
  if (!existsSync(TOOLKIT_SCHEMA_PATH) && !process.env.CI) {
    // Said once per file so a local run shows why the schema check did not run.
    console.warn(`${file}: the Toolkit's JSON schema is not at ${TOOLKIT_SCHEMA_PATH}; run .ci/fetch-toolkit-schema to check it`);
  }

  it.each(environments)('every ${{VAR}} it uses is produced by an earlier action or set for --env %s', async (environment) => {
    const defined = new Set<string>([...TOOLKIT_BUILT_INS, ...envFileKeys(environment)]);
    const armOutputs = file === 'teamsapp.yml' ? (await readBicep(join(ROOT, 'infra', 'azure.bicep'))).outputs : [];
    const missing: string[] = [];
    for (const { stage, action } of actions) {
      const used = placeholders(JSON.stringify(action));
      if (action.uses === 'arm/deploy') used.push(...placeholders(readFileSync(join(ROOT, 'infra', 'azure.parameters.json'), 'utf8')));
      if (action.uses === 'cli/runNpmCommand' && String(action.with?.args).startsWith('run package')) {
        // The packager fills the manifest from the env files and the action's env.
        const manifestNeeds = placeholders(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8'));
        used.push(...manifestNeeds.filter((name) => !(name in (action.env ?? {}))));
      }
      for (const name of used) if (!defined.has(name)) missing.push(`${stage} ${action.uses}: ${name}`);
      for (const name of Object.values(action.writeToEnvironmentFile ?? {})) defined.add(name);
      if (action.uses === 'arm/deploy') for (const name of armOutputs) defined.add(name);
    }
    expect(missing).toEqual([]);
  });

  it('builds the app package with the project\'s packager and validates and uploads that same file', () => {
    for (const stage of STAGES) {
      const list = project[stage] ?? [];
      const packaging = list.find((a) => a.uses === 'cli/runNpmCommand' && String(a.with?.args).startsWith('run package'));
      const packagePaths = list.filter((a) => a.uses.startsWith('teamsApp/') && a.with?.appPackagePath).map((a) => a.with?.appPackagePath);
      if (packagePaths.length === 0) continue;
      expect(packaging).toBeDefined();
      const out = /--out (\S+)/.exec(String(packaging?.with?.args))?.[1];
      expect(new Set(packagePaths)).toEqual(new Set([out]));
      expect(list.indexOf(packaging!)).toBeLessThan(list.findIndex((a) => a.uses === 'teamsApp/validateAppPackage'));
      expect(Object.keys(packaging?.env ?? {}).sort()).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    }
  });

  it.each(environments)('its package step, run as the Toolkit would for --env %s, builds a package with the command menu', async (environment) => {
    const packaging = actions.find(({ action }) => action.uses === 'cli/runNpmCommand' && String(action.with?.args).startsWith('run package'))!.action;
    const args = String(packaging.with?.args).replace(PLACEHOLDER, (_w, name: string) => (name === 'TEAMSFX_ENV' ? environment : `<${name}>`));
    const [, envName, out] = /^run package -- --env (\S+) --out (\S+)$/.exec(args) ?? [];
    expect(envName).toBe(environment);
    const samples: Record<string, string> = { TEAMS_APP_ID: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c', BOT_ID: '0b5c3bbf-4f6d-4a38-9c55-2a8e9d1a7f01', TEAMS_BOT_ID: '0b5c3bbf-4f6d-4a38-9c55-2a8e9d1a7f01', BOT_DOMAIN: 'app-posture.azurewebsites.net', TUNNEL_DOMAIN: 'abc123.devtunnels.ms' };
    const env = Object.fromEntries(Object.entries(packaging.env ?? {}).map(([name, value]) => [name, value.replace(PLACEHOLDER, (_w, v: string) => samples[v] ?? '')]));
    const outDir = mkdtempSync(join(tmpdir(), 'posture-toolkit-package-'));
    try {
      const result = await packageApp({ rootDir: ROOT, envName, env, outFile: join(outDir, basename(out!)) });
      const bots = result.manifest.bots as Array<{ botId: string; commandLists?: unknown[] }>;
      expect(bots[0]?.botId).toBe(samples.BOT_ID);
      expect(bots[0]?.commandLists?.length).toBeGreaterThan(0);
      expect(result.manifest.validDomains).toEqual([env.BOT_DOMAIN]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('points at files that exist', () => {
    for (const { action } of actions) {
      for (const key of ['ignoreFile', 'manifestPath']) {
        const path = action.with?.[key];
        if (typeof path === 'string') expect(existsSync(join(ROOT, path))).toBe(true);
      }
      for (const template of (action.with?.templates as Array<{ path: string; parameters?: string }> | undefined) ?? []) {
        expect(existsSync(join(ROOT, template.path))).toBe(true);
        if (template.parameters) expect(existsSync(join(ROOT, template.parameters))).toBe(true);
      }
    }
  });
});

describe('teamsapp.yml on Azure', () => {
  const project = readProject('teamsapp.yml');

  it('provisions with the Bicep template and deploys to the App Service it creates', async () => {
    const arm = project.provision?.find((a) => a.uses === 'arm/deploy');
    expect(arm?.with?.templates).toEqual([expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' })]);
    const zipDeploy = project.deploy?.find((a) => a.uses === 'azureAppService/zipDeploy');
    expect(zipDeploy?.with?.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect((await readBicep(join(ROOT, 'infra', 'azure.bicep'))).outputs).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
    expect(project.publish?.map((a) => a.uses)).toContain('teamsApp/publishAppPackage');
  });

  it('installs dev dependencies even when the environment says NODE_ENV=production (the build needs TypeScript)', () => {
    const installs = STAGES.flatMap((stage) => project[stage] ?? []).filter((a) => a.uses === 'cli/runNpmCommand' && String(a.with?.args).startsWith('install'));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.with?.args).toContain('--include=dev');
    expect(parseEnv(readFileSync(join(ROOT, 'env', '.env.production'), 'utf8')).NODE_ENV).toBe('production');
  });

  it('zip deploy leaves out dependencies, build output and secrets (App Service builds on Linux)', () => {
    const ignored = readFileSync(join(ROOT, '.webappignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'env/.env.*.user', '.localConfigs', '.git']) expect(ignored).toContain(entry);
    for (const needed of ['src', 'adaptiveCards', 'env', 'package.json', 'package-lock.json', 'iac-demo']) expect(ignored).not.toContain(needed);
  });
});

describe('teamsapp.local.yml', () => {
  const project = readProject('teamsapp.local.yml');

  it('keeps the tunnel bot\'s identity apart from env/.env.local, so `npm start` stays unauthenticated', () => {
    const local = parseEnv(readFileSync(join(ROOT, 'env', '.env.local'), 'utf8'));
    expect(local.BOT_ID ?? '').toBe('');
    const written = (project.provision ?? []).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    expect(written).not.toContain('BOT_ID');
    expect(written).toEqual(expect.arrayContaining(['TEAMS_BOT_ID', 'SECRET_TEAMS_BOT_PASSWORD']));
  });

  it('writes .localConfigs with settings the bot knows, and the bot starts with them', () => {
    const write = project.deploy?.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    expect(write?.with?.target).toBe('./.localConfigs');
    const envs = write?.with?.envs as Record<string, string>;
    const known = knownSettings();
    expect(Object.keys(envs).filter((name) => !known.has(name))).toEqual([]);
    const samples: Record<string, string> = {
      TEAMS_BOT_ID: '0b5c3bbf-4f6d-4a38-9c55-2a8e9d1a7f01',
      SECRET_TEAMS_BOT_PASSWORD: 'a-client-secret',
      TEAMS_BOT_TENANT_ID: '7c1f0e3a-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
      TUNNEL_DOMAIN: 'abc123.devtunnels.ms',
    };
    const env = Object.fromEntries(Object.entries(envs).map(([name, value]) => [name, String(value).replace(PLACEHOLDER, (_w, v: string) => samples[v] ?? `<${v}>`)]));
    const result = parseAppConfig(env, { appEnv: 'local', cwd: '/srv/bot' });
    expect(result).toMatchObject({ ok: true, config: { bot: { id: samples.TEAMS_BOT_ID, type: 'SingleTenant' } } });
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts['serve:local']).toBe('node --env-file=.localConfigs dist/src/index.js');
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.localConfigs');
  });
});
