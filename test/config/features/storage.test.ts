// DATA_DIR / STORAGE / AZURE_STORAGE_*: SQLite by default, Azure by connection string or account name, clear problems.
import { storageFeature } from '../../../src/config/features/storage';

const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>) => storageFeature.schema(context).safeParse(env);
const problems = (env: Record<string, string>): string[] => {
  const result = parse(env);
  if (result.success) throw new Error('expected problems');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('storage config', () => {
  it('is SQLite under ./.data by default', () => {
    expect(parse({}).data).toEqual({ dataDir: '/srv/bot/.data', storage: { kind: 'sqlite' } });
  });

  it('is Azure by connection string (Azurite) or by account name in the configured cloud', () => {
    expect(parse({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).data?.storage).toEqual({
      kind: 'azure',
      connectionString: 'UseDevelopmentStorage=true',
      cloud: 'AzurePublicCloud',
      table: 'postureBotRecords',
      container: 'posture-bot-records',
    });
    expect(parse({ STORAGE: 'azure', AZURE_STORAGE_ACCOUNT: 'contosobot', AZURE_CLOUD: 'AzureUSGovernment', AZURE_STORAGE_TABLE: 'botRecords', AZURE_STORAGE_CONTAINER: 'bot-big' }).data?.storage).toEqual({
      kind: 'azure',
      account: 'contosobot',
      cloud: 'AzureUSGovernment',
      table: 'botRecords',
      container: 'bot-big',
    });
  });

  it('says what is missing or malformed', () => {
    expect(problems({ STORAGE: 'azure' })).toEqual(['STORAGE: STORAGE=azure needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT']);
    expect(problems({ STORAGE: 'cosmos' })[0]).toMatch(/^STORAGE: must be sqlite or azure/);
    expect(problems({ STORAGE: 'azure', AZURE_STORAGE_ACCOUNT: 'Bad_Name' })[0]).toMatch(/^AZURE_STORAGE_ACCOUNT: must be a storage account name/);
    expect(problems({ STORAGE: 'azure', AZURE_STORAGE_ACCOUNT: 'ok123', AZURE_STORAGE_CONNECTION_STRING: 'x' })).toEqual(['AZURE_STORAGE_ACCOUNT: give AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT, not both']);
    expect(problems({ AZURE_STORAGE_TABLE: '1table' })[0]).toMatch(/^AZURE_STORAGE_TABLE/);
    expect(problems({ AZURE_STORAGE_CONTAINER: 'Big--Values' })[0]).toMatch(/^AZURE_STORAGE_CONTAINER/);
  });
});
