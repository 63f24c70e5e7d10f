// The demo start (no settings) loads no optional integration's package: they cost startup time and the demo never
// calls them. Each is loaded by the factory that needs it, when its setting is on. Checked on the built entry
// (dist/, `npm run build` first) in child processes, whose require.cache says what was loaded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/paths';

const dist = (...segments: string[]) => projectPath('dist', 'src', ...segments);

/** Packages the demo must not load: each belongs to a setting the demo does not have. */
const OPTIONAL_PACKAGES = [
  '@azure/data-tables', // STORAGE=azure
  '@azure/storage-blob', // STORAGE=azure
  '@azure/arm-resourcegraph', // POSTURE_SOURCE=azure
  'azure-devops-node-api', // AZURE_DEVOPS_* pull requests
  '@octokit/rest', // GITHUB_* pull requests
  'isomorphic-git', // a local or demo repository, at the first pull request
  'nodemailer', // SMTP_HOST, or the outbox's first message
  '@opentelemetry/api', // OTEL_EXPORTER_OTLP_ENDPOINT
  'openai', // an LLM planner's settings (teams-ai's index would load it too: src/teams/teamsAi.ts avoids that)
  'gpt-tokenizer', // teams-ai's index only
];

/** Code run first in a child: `loadedPackages()` names every package in require.cache (the innermost node_modules). */
const LOADED_PACKAGES = `
globalThis.loadedPackages = () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const parts = file.slice(at + 14).split('/');
    names.add(parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]);
  }
  return [...names].sort();
};
globalThis.report = (names) => { process.stdout.write('\\nLOADED ' + JSON.stringify(names) + '\\n'); process.exit(0); };
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'optional-integrations-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runChild(args: string[], env: NodeJS.ProcessEnv): string[] {
  const result = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 60_000, cwd: projectPath() });
  const line = result.stdout.split('\n').find((text) => text.startsWith('LOADED '));
  if (!line) throw new Error(`the child reported nothing (status ${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('LOADED '.length)) as string[];
}

/** Runs `body` (which ends with report(...)) in a fresh node after the helpers above. */
function inChild(body: string): string[] {
  const file = join(work, `child-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(file, `${LOADED_PACKAGES}\n(async () => {\n${body}\n})().catch((error) => { console.error(error); process.exit(2); });\n`);
  return runChild([file], { DATA_DIR: join(work, 'data-child') });
}

describe('optional integrations at startup', () => {
  beforeAll(() => {
    if (!existsSync(dist('index.js'))) throw new Error('dist/src/index.js is missing: run `npm run build` first');
  });

  it('the demo start (no settings) listens without loading any of them', () => {
    const preload = join(work, 'onListening.js');
    // Once the bot listens (the moment /healthz can answer), report what is loaded and exit.
    writeFileSync(
      preload,
      `${LOADED_PACKAGES}
const http = require('node:http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  this.once('listening', () => report(loadedPackages()));
  return listen.apply(this, args);
};`,
    );
    const dataDir = mkdtempSync(join(work, 'data-'));
    const loaded = runChild(['--require', preload, dist('index.js')], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    // The bot did start: its SDKs and storage are there (so an empty list cannot pass).
    expect(loaded).toEqual(expect.arrayContaining(['@microsoft/teams-ai', 'botbuilder', 'better-sqlite3', 'restify']));
    expect(loaded.filter((name) => OPTIONAL_PACKAGES.includes(name))).toEqual([]);
  });

  const cases: { name: string; packages: string[]; body: string }[] = [
    {
      name: 'STORAGE=azure: the Table and Blob clients',
      packages: ['@azure/data-tables', '@azure/storage-blob'],
      // openStorage requires them before its first await (the probe, which fails here: nothing listens on port 9).
      body: `const { openStorage } = require(${JSON.stringify(dist('storage', 'openStorage.js'))});
const before = loadedPackages();
const connectionString = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;';
openStorage({ dataDir: process.env.DATA_DIR, storage: { kind: 'azure', connectionString, table: 't', container: 'c', cloud: 'AzurePublicCloud' } }, { info() {}, warn() {}, error() {}, debug() {} }).catch(() => {});
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'POSTURE_SOURCE=azure: the credential and the Resource Graph client',
      packages: ['@azure/identity', '@azure/arm-resourcegraph'],
      body: `const { defaultCredential } = require(${JSON.stringify(dist('posture', 'source', 'azure', 'azureLoader.js'))});
const { createResourceGraphQueries } = require(${JSON.stringify(dist('posture', 'source', 'azure', 'azureSource.js'))});
const { createQuotaGate } = require(${JSON.stringify(dist('posture', 'source', 'azure', 'quotaGate.js'))});
const before = loadedPackages();
const credential = defaultCredential({ cloud: 'AzurePublicCloud' });
createResourceGraphQueries({ cloud: 'AzurePublicCloud', credential }, createQuotaGate());
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'USER_SCOPE: the on-behalf-of credential',
      packages: ['@azure/identity'],
      body: `const { createOboArmTokenExchange } = require(${JSON.stringify(dist('access', 'oboArmToken.js'))});
const before = loadedPackages();
createOboArmTokenExchange({ tenantId: 't', clientId: 'c', clientSecret: 's' });
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'SMTP_HOST: nodemailer',
      packages: ['nodemailer'],
      body: `const { createMailer } = require(${JSON.stringify(dist('mail', 'createMailer.js'))});
const before = loadedPackages();
createMailer({ smtp: { host: '127.0.0.1', port: 9, secure: false } }, process.env.DATA_DIR);
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'the outbox: nodemailer at the first message, not before',
      packages: ['nodemailer'],
      body: `const { createMailer } = require(${JSON.stringify(dist('mail', 'createMailer.js'))});
const before = loadedPackages();
const mailer = createMailer({}, process.env.DATA_DIR);
if (loadedPackages().includes('nodemailer')) throw new Error('the outbox loaded nodemailer before its first message');
await mailer.send({ messageId: '<a1@posture-bot.localhost>', from: 'bot@example.com', to: ['a@example.com'], cc: [], subject: 's', text: 't' });
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'GITHUB_*: Octokit at the first pull request',
      packages: ['@octokit/rest'],
      body: `const { pullRequestHost } = require(${JSON.stringify(dist('iac', 'pullRequests', 'hostFactory.js'))});
const before = loadedPackages();
await pullRequestHost({ kind: 'github', repository: 'o/r', token: 't', apiUrl: 'http://127.0.0.1:9' }, process.env.DATA_DIR)();
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'AZURE_DEVOPS_*: azure-devops-node-api at the first pull request',
      packages: ['azure-devops-node-api'],
      body: `const { pullRequestHost } = require(${JSON.stringify(dist('iac', 'pullRequests', 'hostFactory.js'))});
const before = loadedPackages();
await pullRequestHost({ kind: 'azureDevOps', orgUrl: 'http://127.0.0.1:9/org', project: 'p', repository: 'r', token: 't' }, process.env.DATA_DIR)();
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
    {
      name: 'the demo repository: isomorphic-git at the first pull request',
      packages: ['isomorphic-git'],
      body: `const { pullRequestHost } = require(${JSON.stringify(dist('iac', 'pullRequests', 'hostFactory.js'))});
const before = loadedPackages();
await pullRequestHost({ kind: 'demo' }, process.env.DATA_DIR)();
report(loadedPackages().filter((name) => !before.includes(name)));`,
    },
  ];

  it.each(cases)('$name: loaded when configured', ({ packages, body }) => {
    expect(inChild(body)).toEqual(expect.arrayContaining(packages));
  });
});
