// POSTURE_SOURCE / AZURE_SCOPE / AZURE_CLOUD / POSTURE_REFRESH_MINUTES: defaults, every scope form, and clear problems.
import { parseAppConfig } from '../../../src/config/appConfig';
import { parseAzureScope, postureSourceFeature } from '../../../src/config/features/postureSource';

const SUB = '00000000-aaaa-4bbb-8ccc-000000000001';
const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>) => postureSourceFeature.schema(context).safeParse(env);
const problems = (env: Record<string, string>): string[] => {
  const result = parse(env);
  if (result.success) throw new Error('expected problems');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('postureSource config', () => {
  it('is demo without settings, export when POSTURE_SNAPSHOT is set, refreshing every 15 minutes', () => {
    expect(parse({}).data).toEqual({ postureSource: 'demo', postureRefreshMs: 15 * 60_000 });
    expect(parse({ POSTURE_SNAPSHOT: './export' }).data).toMatchObject({ postureSource: 'export' });
    expect(parse({ POSTURE_SOURCE: 'demo', POSTURE_SNAPSHOT: './export' }).data).toMatchObject({ postureSource: 'demo' });
  });

  it('reads an Azure scope list in every form, in the public cloud by default', () => {
    const parsed = parse({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: ` /subscriptions/${SUB.toUpperCase()}, /providers/Microsoft.Management/managementGroups/contoso-root `, POSTURE_REFRESH_MINUTES: '5' });
    expect(parsed.data).toEqual({
      postureSource: 'azure',
      azure: { cloud: 'AzurePublicCloud', scopes: [{ kind: 'subscription', subscriptionId: SUB }, { kind: 'managementGroup', managementGroupId: 'contoso-root' }], fullRefreshMs: 24 * 3_600_000, governanceRefreshMs: 60 * 60_000 },
      postureRefreshMs: 5 * 60_000,
    });
    expect(parse({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', AZURE_CLOUD: 'AzureUSGovernment' }).data).toMatchObject({ azure: { cloud: 'AzureUSGovernment', scopes: [{ kind: 'tenant' }] } });
    expect(parse({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', POSTURE_FULL_REFRESH_HOURS: '6' }).data).toMatchObject({ azure: { fullRefreshMs: 6 * 3_600_000 } });
    expect(parse({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', POSTURE_GOVERNANCE_REFRESH_MINUTES: '240' }).data).toMatchObject({ azure: { governanceRefreshMs: 240 * 60_000 } });
  });

  it('names what is wrong', () => {
    expect(problems({ POSTURE_SOURCE: 'graph' })[0]).toContain('must be one of demo, export, azure');
    expect(problems({ POSTURE_SOURCE: 'export' })[0]).toContain('POSTURE_SOURCE=export needs POSTURE_SNAPSHOT');
    expect(problems({ POSTURE_SOURCE: 'azure' })[0]).toContain('POSTURE_SOURCE=azure needs AZURE_SCOPE');
    expect(problems({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: 'tenant', AZURE_CLOUD: 'AzureGermanCloud' })[0]).toContain('must be one of AzurePublicCloud, AzureUSGovernment, AzureChinaCloud');
    expect(problems({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: `tenant,/subscriptions/${SUB}` })[0]).toContain('tenant already covers every subscription');
    expect(problems({ AZURE_SCOPE: '/subscriptions/not-a-guid' })[0]).toContain('a subscription id is a GUID');
    expect(problems({ POSTURE_REFRESH_MINUTES: '0' })[0]).toContain('POSTURE_REFRESH_MINUTES');
    expect(problems({ POSTURE_FULL_REFRESH_HOURS: 'daily' })[0]).toContain('POSTURE_FULL_REFRESH_HOURS');
  });

  it('parses single scope entries', () => {
    expect(parseAzureScope('TENANT')).toEqual({ kind: 'tenant' });
    expect(parseAzureScope(`/subscriptions/${SUB}/`)).toEqual({ kind: 'subscription', subscriptionId: SUB });
    expect(parseAzureScope('/providers/Microsoft.Management/managementGroups/bad id')).toContain('not a valid management group id');
    expect(parseAzureScope('/resourceGroups/x')).toContain('is not /subscriptions/<id>');
  });

  it('is part of the app config', () => {
    const result = parseAppConfig({ POSTURE_SOURCE: 'azure', AZURE_SCOPE: `/subscriptions/${SUB}` }, { appEnv: 'local', cwd: '/srv/bot' });
    expect(result.ok && result.config).toMatchObject({ postureSource: 'azure', azure: { scopes: [{ kind: 'subscription', subscriptionId: SUB }] } });
  });
});
