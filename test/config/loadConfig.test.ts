// Configuration: precedence (process env > .env.<name>.user > .env.<name>), booleans, every problem listed,
// production refusing to start without a bot identity.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig, pickEnvName } from '../../src/config/loadConfig';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

const BOT_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const TENANT = '11111111-2222-4333-8444-555555555555';

let envDir: TempDataDir;
beforeEach(() => {
  envDir = createTempDataDir('posture-bot-env-');
});
afterEach(() => envDir.cleanup());

const write = (name: string, text: string) => writeFileSync(join(envDir.dir, name), text);
const load = (env: Record<string, string | undefined> = {}) => loadConfig({ env, envDir: envDir.dir, cwd: '/srv/bot' });

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives local defaults with no files and no variables', () => {
    const config = load();
    expect(config).toMatchObject({ appEnv: 'local', production: false, port: 3978, dataDir: '/srv/bot/.data', logLevel: 'info', allowedTenantIds: [], postureLenient: false });
    expect(config.bot).toBeUndefined();
  });

  it('lets the process environment win over .env.<name>.user, which wins over .env.<name>', () => {
    write('.env.local', 'PORT=4000\nLOG_LEVEL=debug\nDATA_DIR=./from-file\n');
    write('.env.local.user', 'PORT=4001\nLOG_LEVEL=warn\n');
    const config = load({ PORT: '4002' });
    expect(config.port).toBe(4002);
    expect(config.logLevel).toBe('warn');
    expect(config.dataDir).toBe('/srv/bot/from-file');
  });

  it('picks the env file from APP_ENV, then NODE_ENV=production, then local', () => {
    expect(pickEnvName({})).toEqual({ name: 'local', explicit: false });
    expect(pickEnvName({ NODE_ENV: 'production' })).toEqual({ name: 'production', explicit: false });
    expect(pickEnvName({ APP_ENV: 'dev', NODE_ENV: 'production' })).toEqual({ name: 'dev', explicit: true });
    write('.env.dev', 'PORT=5000\n');
    expect(load({ APP_ENV: 'dev' }).port).toBe(5000);
  });

  it('refuses an APP_ENV without a file, or one that could name a path', () => {
    expect(problemsOf({ APP_ENV: 'staging' })).toEqual([expect.stringContaining('APP_ENV: staging has no env file')]);
    expect(problemsOf({ APP_ENV: '../secrets' })[0]).toMatch(/^APP_ENV: must be a short lower-case name/);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['', false],
  ])('reads POSTURE_LENIENT=%j as %s', (value, expected) => {
    expect(load({ POSTURE_LENIENT: value }).postureLenient).toBe(expected);
  });

  it.each([
    [undefined, 'auto'],
    ['', 'auto'],
    ['auto', 'auto'],
    [' AUTO ', 'auto'],
    ['1', 1],
    ['2', 2],
  ])('reads POSTURE_LOAD_THREADS=%j as %j', (value, expected) => {
    expect(load({ POSTURE_LOAD_THREADS: value }).postureLoadThreads).toBe(expected);
  });

  it('refuses a thread count the loader does not have', () => {
    for (const value of ['3', '0', 'two', '1.5']) expect(problemsOf({ POSTURE_LOAD_THREADS: value })).toEqual([expect.stringMatching(/^POSTURE_LOAD_THREADS: /)]);
  });

  it('refuses booleans it cannot read', () => {
    expect(problemsOf({ POSTURE_LENIENT: 'yes please' })).toEqual([expect.stringMatching(/^POSTURE_LENIENT: must be true, false, 1 or 0/)]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', BOT_ID: 'not-a-guid', ALLOWED_TENANT_IDS: `${TENANT},nope`, BOT_TYPE: 'Robot', POSTURE_LENIENT: 'maybe' });
    const fields = problems.map((p) => p.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'BOT_ID', 'ALLOWED_TENANT_IDS', 'BOT_TYPE', 'POSTURE_LENIENT', 'BOT_PASSWORD']));
  });

  it('requires the secret and tenant that go with a bot id', () => {
    expect(problemsOf({ BOT_ID }).map((p) => p.split(':')[0]).sort()).toEqual(['ALLOWED_TENANT_IDS', 'BOT_PASSWORD', 'BOT_TENANT_ID']);
    expect(problemsOf({ BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: 'x', BOT_TENANT_ID: TENANT })).toEqual([expect.stringMatching(/^BOT_PASSWORD: must be empty/)]);
    const msi = load({ BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT });
    expect(msi.bot).toEqual({ id: BOT_ID, type: 'UserAssignedMSI', tenantId: TENANT });
  });

  it('serves the bot tenant by default once a single-tenant bot is configured', () => {
    write('.env.local.user', 'BOT_PASSWORD=s3cret\n');
    const config = load({ BOT_ID, BOT_TENANT_ID: TENANT.toUpperCase() });
    expect(config.bot).toEqual({ id: BOT_ID, password: 's3cret', tenantId: TENANT.toUpperCase(), type: 'SingleTenant' });
    expect(config.allowedTenantIds).toEqual([TENANT]);
  });

  it('reads ALLOWED_TENANT_IDS as a trimmed, lower-cased, de-duplicated list', () => {
    const other = 'AAAAAAAA-2222-4333-8444-555555555555';
    expect(load({ ALLOWED_TENANT_IDS: ` ${TENANT}, ${other},${TENANT} ,` }).allowedTenantIds).toEqual([TENANT, other.toLowerCase()]);
  });

  it('refuses to start in production without a bot identity or a tenant list', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID: required in production/), expect.stringMatching(/^ALLOWED_TENANT_IDS: required in production/)]));
    write('.env.production', 'NODE_ENV=production\n');
    expect(problemsOf({ APP_ENV: 'production' })[0]).toMatch(/^BOT_ID: required in production/);
  });

  it('starts in production with a full identity, the secret coming from the process', () => {
    write('.env.production', `NODE_ENV=production\nBOT_ID=${BOT_ID}\nBOT_TENANT_ID=${TENANT}\n`);
    const config = load({ NODE_ENV: 'production', BOT_PASSWORD: 'from-secret-store' });
    expect(config.production).toBe(true);
    expect(config.bot?.password).toBe('from-secret-store');
  });

  it('treats empty placeholders in files as unset, and keeps absolute paths', () => {
    write('.env.local', 'BOT_ID=\nBOT_PASSWORD=\nPOSTURE_SNAPSHOT=/data/export.json\nDATA_DIR=/var/lib/bot\n');
    const config = load();
    expect(config.bot).toBeUndefined();
    expect(config.postureSnapshot).toBe('/data/export.json');
    expect(config.dataDir).toBe('/var/lib/bot');
  });

  it('says what is wrong in the error message itself', () => {
    expect(() => load({ PORT: '70000' })).toThrow(/PORT: must be a port number/);
  });
});

describe('committed env files', () => {
  it('parse without problems for local and hold no secrets', () => {
    const repoEnv = join(__dirname, '..', '..', 'env');
    for (const name of ['.env.local', '.env.dev', '.env.production']) {
      const values = parseEnv(readFileSync(join(repoEnv, name), 'utf8'));
      expect(values.BOT_PASSWORD ?? '').toBe('');
    }
    expect(() => loadConfig({ env: {}, envDir: repoEnv, cwd: '/srv/bot' })).not.toThrow();
    expect(() => loadConfig({ env: { APP_ENV: 'dev' }, envDir: repoEnv, cwd: '/srv/bot' })).not.toThrow();
    // Production must refuse until an identity is supplied.
    expect(() => loadConfig({ env: { APP_ENV: 'production' }, envDir: repoEnv, cwd: '/srv/bot' })).toThrow(ConfigError);
  });
});

describe('issue 9 item 6: production, tenants and the data folder', () => {
  it.each(['Production', 'PRODUCTION', ' production '])('treats NODE_ENV=%j as production (refuses to start unauthenticated)', (value) => {
    expect(problemsOf({ NODE_ENV: value })).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID: required in production/)]));
    expect(pickEnvName({ NODE_ENV: value }).name).toBe('production');
  });

  it('treats APP_ENV=production as production even without NODE_ENV', () => {
    write('.env.production', 'PORT=3978\n');
    expect(problemsOf({ APP_ENV: 'production' })).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID: required in production/)]));
  });

  it('warns about an unknown NODE_ENV and runs as non-production', () => {
    const config = load({ NODE_ENV: 'prod' });
    expect(config.production).toBe(false);
    expect(config.warnings).toEqual([expect.stringMatching(/^NODE_ENV: "prod" is not one of production, development, test/)]);
    expect(load({ NODE_ENV: 'development' }).warnings).toEqual([]);
  });

  it('refuses a MultiTenant bot with no tenant list', () => {
    expect(problemsOf({ BOT_ID, BOT_TYPE: 'MultiTenant', BOT_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS: required when BOT_ID is set .*\*/)]);
  });

  it('serves every tenant only when the operator writes ALLOWED_TENANT_IDS=*', () => {
    const config = load({ BOT_ID, BOT_TYPE: 'MultiTenant', BOT_PASSWORD: 'x', ALLOWED_TENANT_IDS: '*' });
    expect(config.allowedTenantIds).toEqual([]);
    expect(problemsOf({ ALLOWED_TENANT_IDS: `${TENANT},*` })).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS: \* \(every tenant\) must be the whole value/)]);
  });

  it('keeps a MultiTenant bot with a tenant list to that list', () => {
    expect(load({ BOT_ID, BOT_TYPE: 'MultiTenant', BOT_PASSWORD: 'x', ALLOWED_TENANT_IDS: TENANT }).allowedTenantIds).toEqual([TENANT]);
  });
});

describe('per-feature configuration (issue 8 item 8)', () => {
  it('gives each feature its defaults: retention and delivery', () => {
    const config = load();
    expect(config.retention).toEqual({
      dedupMs: 24 * 3600_000,
      conversationIdleMs: 30 * 86_400_000,
      replyRecordsMs: 90 * 86_400_000,
      auditMs: 90 * 86_400_000,
      pendingGraceMs: 24 * 3600_000,
      intervalMs: 3600_000,
      batchSize: 500,
    });
    expect(config.delivery).toEqual({ leaseMs: 10_000 });
    expect(config.confirmation).toEqual({ ttlMs: 15 * 60_000 });
  });

  it('lists problems from every feature at once', () => {
    const problems = problemsOf({ PORT: 'x', RETENTION_AUDIT_DAYS: '0', DELIVERY_LEASE_SECONDS: 'soon', POSTURE_LENIENT: 'perhaps', CONFIRMATION_TTL_MINUTES: '0' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'POSTURE_LENIENT', 'RETENTION_AUDIT_DAYS', 'DELIVERY_LEASE_SECONDS', 'CONFIRMATION_TTL_MINUTES']);
  });

  it('has one file per feature, each declaring its own schema, composed by the app schema', () => {
    const { FEATURES } = jest.requireActual<typeof import('../../src/config/appConfig')>('../../src/config/appConfig');
    const dir = join(__dirname, '..', '..', 'src', 'config', 'features');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'feature.ts');
    expect(FEATURES.map((f) => `${f.name}.ts`).sort()).toEqual(files.sort());
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8')).toMatch(/defineFeature</);
  });
});
