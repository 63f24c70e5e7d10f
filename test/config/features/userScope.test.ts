// AZURE_SSO_* / ACCESS_SCOPE_TTL_SECONDS: off without a connection, complete settings when on, clear problems.
import { userScopeFeature } from '../../../src/config/features/userScope';

const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>) => userScopeFeature.schema(context).safeParse(env);
const rules = (env: Record<string, string>) => userScopeFeature.rules?.((name) => env[name] ?? '', context) ?? [];
const ON = { AZURE_SSO_CONNECTION: 'azure', AZURE_SSO_TENANT_ID: 't', AZURE_SSO_CLIENT_ID: 'c', AZURE_SSO_CLIENT_SECRET: 's' };

describe('userScope config', () => {
  it('is off (answers not scoped) without a connection, and on with the whole on-behalf-of settings', () => {
    expect(parse({}).data).toEqual({ writesAsBot: false });
    expect(parse(ON).data).toEqual({ writesAsBot: false, userScope: { connectionName: 'azure', tenantId: 't', clientId: 'c', clientSecret: 's', scopeTtlSeconds: 300 } });
    expect(parse({ ...ON, ACCESS_SCOPE_TTL_SECONDS: '60', AZURE_ARM_ENDPOINT: 'https://management.usgovcloudapi.net' }).data?.userScope).toMatchObject({ scopeTtlSeconds: 60, armEndpoint: 'https://management.usgovcloudapi.net' });
  });

  it('reads AZURE_WRITES_AS_BOT as a yes/no flag, off by default', () => {
    expect(parse({ AZURE_WRITES_AS_BOT: 'true' }).data?.writesAsBot).toBe(true);
    expect(parse({ ...ON, AZURE_WRITES_AS_BOT: '0' }).data?.writesAsBot).toBe(false);
    expect(parse({ AZURE_WRITES_AS_BOT: 'maybe' }).success).toBe(false);
  });

  it('names what is missing or wrong', () => {
    expect(rules({ AZURE_SSO_CONNECTION: 'azure', AZURE_SSO_TENANT_ID: 't' })).toEqual([
      expect.stringMatching(/^AZURE_SSO_CLIENT_ID: must be set/),
      expect.stringMatching(/^AZURE_SSO_CLIENT_SECRET: must be set/),
    ]);
    expect(parse({ ...ON, ACCESS_SCOPE_TTL_SECONDS: '86400' }).success).toBe(false);
    expect(parse({ ...ON, AZURE_ARM_ENDPOINT: 'http://arm' }).success).toBe(false);
  });
});
