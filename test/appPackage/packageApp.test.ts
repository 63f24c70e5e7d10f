import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackageError, fillPlaceholders, packageApp } from '../../src/cli/packageApp';
import { readZip } from './support/readZip';

const projectAppDir = join(__dirname, '..', '..', 'appPackage');
const APP_ID = '11111111-2222-4333-8444-555555555555';
const BOT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'posture-bot-package-'));
  cpSync(projectAppDir, join(root, 'appPackage'), { recursive: true });
  mkdirSync(join(root, 'env'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const writeEnv = (name: string, text: string) => writeFileSync(join(root, 'env', name), text);

async function expectPackageError(promise: Promise<unknown>): Promise<PackageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

describe('packageApp', () => {
  it('zips the filled manifest and both icons at the zip root', async () => {
    writeEnv('.env.dev', 'BOT_DOMAIN=posture.example.net\nBOT_ID=\n');
    writeEnv('.env.dev.user', `BOT_ID=${BOT_ID}\n`);
    const outFile = join(root, 'out', 'app.zip');
    const result = await packageApp({ rootDir: root, envName: 'dev', env: { TEAMS_APP_ID: APP_ID }, outFile });

    expect(result.filled).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    const entries = readZip(readFileSync(outFile));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifestText = entries.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '';
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as { id: string; bots: Array<{ botId: string }>; validDomains: string[] };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['posture.example.net']);
    for (const icon of ['color.png', 'outline.png']) {
      expect(entries.find((e) => e.name === icon)?.data.equals(readFileSync(join(projectAppDir, icon)))).toBe(true);
    }
  });

  it('lets the .user file override the env file, and the process environment override both', async () => {
    const other = 'cccccccc-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    writeEnv('.env.local', `BOT_ID=${other}\nBOT_DOMAIN=from-file.example.net\nTEAMS_APP_ID=${APP_ID}\n`);
    writeEnv('.env.local.user', `BOT_ID=${BOT_ID}\nBOT_DOMAIN=from-user-file.example.net\n`);
    const result = await packageApp({ rootDir: root, env: { BOT_DOMAIN: 'from-env.example.net' }, outFile: join(root, 'a.zip') });
    expect(result.envName).toBe('local');
    expect(result.manifest.validDomains).toEqual(['from-env.example.net']);
    expect((result.manifest.bots as Array<{ botId: string }>)[0]?.botId).toBe(BOT_ID);
  });

  it('picks the env files named by APP_ENV when no env name is given', async () => {
    writeEnv('.env.staging', `BOT_ID=${BOT_ID}\nBOT_DOMAIN=staging.example.net\nTEAMS_APP_ID=${APP_ID}\n`);
    const result = await packageApp({ rootDir: root, env: { APP_ENV: 'staging' }, outFile: join(root, 'a.zip') });
    expect(result.envName).toBe('staging');
    expect(result.manifest.validDomains).toEqual(['staging.example.net']);
  });

  it('reads the production files when NODE_ENV=production, like the bot does', async () => {
    writeEnv('.env.production', `BOT_ID=${BOT_ID}\nBOT_DOMAIN=bot.example.org\nTEAMS_APP_ID=${APP_ID}\n`);
    const result = await packageApp({ rootDir: root, env: { NODE_ENV: 'production' }, outFile: join(root, 'a.zip') });
    expect(result.envName).toBe('production');
    expect(result.manifest.validDomains).toEqual(['bot.example.org']);
  });

  it('refuses a fresh clone without ids, naming every missing variable and where to set it', async () => {
    const outFile = join(root, 'build', 'appPackage.zip');
    const error = await expectPackageError(packageApp({ rootDir: root, env: {}, outFile }));
    expect(error.message).toContain('BOT_ID');
    expect(error.message).toContain('TEAMS_APP_ID');
    expect(error.message).toContain('BOT_DOMAIN');
    expect(error.message).toContain('env/.env.local.user');
    expect(existsSync(outFile)).toBe(false);
  });

  it('treats an empty value as unset', async () => {
    const error = await expectPackageError(
      packageApp({ rootDir: root, env: { BOT_ID: '  ', TEAMS_APP_ID: APP_ID, BOT_DOMAIN: 'x.example.net' }, outFile: join(root, 'a.zip') }),
    );
    expect(error.problems.join('\n')).toMatch(/unfilled placeholders.*BOT_ID/);
  });

  it('rejects values Teams would reject: a non-GUID bot id and a URL instead of a domain', async () => {
    const error = await expectPackageError(
      packageApp({
        rootDir: root,
        env: { BOT_ID: 'my-bot', TEAMS_APP_ID: APP_ID, BOT_DOMAIN: 'https://x.example.net/api' },
        outFile: join(root, 'a.zip'),
      }),
    );
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('check BOT_ID');
    expect(error.message).toContain('check BOT_DOMAIN');
  });

  it('refuses env names that could point outside env/', async () => {
    const error = await expectPackageError(packageApp({ rootDir: root, envName: '../secrets', env: {} }));
    expect(error.message).toContain('env name');
  });

  it('adds the command menu from the given sample prompts, one list per bot scope', async () => {
    const env = { TEAMS_APP_ID: APP_ID, BOT_ID, BOT_DOMAIN: 'posture.example.net' };
    const commands = [{ ref: 'x1', title: 'Try this', prompt: 'show critical risks', description: 'Critical risks.' }];
    const result = await packageApp({ rootDir: root, env, commands, outFile: join(root, 'a.zip') });
    const bot = (result.manifest.bots as Array<{ scopes: string[]; commandLists: unknown }>)[0];
    expect(bot?.commandLists).toEqual(
      bot?.scopes.map((scope) => ({ scopes: [scope], commands: [{ title: 'Try this', description: 'Critical risks.', type: 'prompt', prompt: 'show critical risks' }] })),
    );
  });

  it('refuses a template that keeps its own command menu (it would go stale)', async () => {
    const path = join(root, 'appPackage', 'manifest.json');
    const template = JSON.parse(readFileSync(path, 'utf8')) as { bots: Array<Record<string, unknown>> };
    template.bots[0]!.commandLists = [];
    writeFileSync(path, JSON.stringify(template));
    const env = { TEAMS_APP_ID: APP_ID, BOT_ID, BOT_DOMAIN: 'posture.example.net' };
    const error = await expectPackageError(packageApp({ rootDir: root, env, outFile: join(root, 'a.zip') }));
    expect(error.message).toContain('must not list bot commands');
  });

  it('reports a broken manifest and missing icons together', async () => {
    writeFileSync(join(root, 'appPackage', 'manifest.json'), '{ "id": ');
    rmSync(join(root, 'appPackage', 'outline.png'));
    const error = await expectPackageError(packageApp({ rootDir: root, env: {}, outFile: join(root, 'a.zip') }));
    expect(error.message).toContain('not valid JSON');
    expect(error.message).toContain('outline.png is missing');
  });
});

describe('fillPlaceholders', () => {
  it('inserts values as data, so quotes and newlines cannot break the JSON', () => {
    const missing = new Set<string>();
    const filled = new Set<string>();
    const hostile = 'a"b\\c\n}, "evil": {';
    const result = fillPlaceholders({ x: ['${{ V }} and ${{W}}'] }, { V: hostile }, missing, filled);
    const roundTrip = JSON.parse(JSON.stringify(result)) as { x: string[]; evil?: unknown };
    expect(roundTrip.x[0]).toBe(`${hostile} and \${{W}}`);
    expect(roundTrip.evil).toBeUndefined();
    expect([...missing]).toEqual(['W']);
    expect([...filled]).toEqual(['V']);
  });
});
