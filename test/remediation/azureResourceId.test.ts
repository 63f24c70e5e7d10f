// Azure naming checks: accept every name Azure accepts (hostile-looking ones included), refuse what Azure refuses.
import { armUrl, parseAzureResourceId } from '../../src/remediation/azureResourceId';
import { parseAwsArn, parseGcpResourceName } from '../../src/remediation/cloudResourceIds';

const SUB = '89a9ac1f-3fe3-4250-b6ad-1a8747fb5de7';
const sqlDb = (group: string, db: string): string => `/subscriptions/${SUB}/resourceGroups/${group}/providers/Microsoft.Sql/servers/sql-one/databases/${db}`;

describe('accepted', () => {
  const cases: Array<[string, string]> = [
    ['rg-(legacy)', 'db$(touch pwned)'],
    ['rg-émeraude-ß', 'db`id`'],
    ['rg_data.prod', `db'"quoted"`],
    ['RG-Upper', 'données'],
  ];
  for (const [group, db] of cases) {
    test(`${group} / ${db}`, () => {
      const parsed = parseAzureResourceId(sqlDb(group, db));
      expect(parsed).toEqual({
        ok: true,
        value: expect.objectContaining({ subscriptionId: SUB, resourceGroup: group, resourceType: 'microsoft.sql/servers/databases', names: ['sql-one', db], name: db }),
      });
    });
  }
  test('lower-case fixed segments and a trailing slash', () => {
    const parsed = parseAzureResourceId(`/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.storage/storageaccounts/stalder01/`);
    expect(parsed.ok && parsed.value.resourceType).toBe('microsoft.storage/storageaccounts');
  });
});

describe('refused', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a newline in a name', sqlDb('rg', 'db\ntouch pwned'), /control character/],
    ['a resource group with $', sqlDb('rg-$(x)', 'db'), /resource group/],
    ['a resource group ending in a period', sqlDb('rg.', 'db'), /resource group/],
    ['a SQL database name with a backslash', sqlDb('rg', 'a\\b'), /databases name/],
    ['a SQL server with upper case', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/SQL-One`, /servers name/],
    ['a storage account with a hyphen', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st-alder`, /storageAccounts name/],
    ['a subscription that is not a GUID', sqlDb('rg', 'db').replace(SUB, 'not-a-guid'), /GUID/],
    ['a partial id', `/subscriptions/${SUB}/resourceGroups/rg`, /full Azure resource id/],
  ];
  for (const [what, id, reason] of cases) {
    test(what, () => {
      const parsed = parseAzureResourceId(id);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    });
  }
});

test('the ARM URL percent-encodes each segment', () => {
  const parsed = parseAzureResourceId(sqlDb('rg-émeraude-ß', 'db $x?'.replace('?', '')));
  if (!parsed.ok) throw new Error(parsed.reason);
  expect(armUrl(parsed.value, ['transparentDataEncryption', 'current'], '2021-11-01')).toBe(
    `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-%C3%A9meraude-%C3%9F/providers/Microsoft.Sql/servers/sql-one/databases/db%20%24x/transparentDataEncryption/current?api-version=2021-11-01`,
  );
});

test('AWS ARNs: parts parsed, bad partition, region or account refused', () => {
  expect(parseAwsArn('arn:aws:rds:us-east-1:123456789012:db:orders')).toEqual({
    ok: true,
    value: { arn: 'arn:aws:rds:us-east-1:123456789012:db:orders', partition: 'aws', service: 'rds', region: 'us-east-1', accountId: '123456789012', resource: 'db:orders' },
  });
  expect(parseAwsArn('arn:evil:rds:us-east-1:123456789012:db:x').ok).toBe(false);
  expect(parseAwsArn('arn:aws:rds:$(x):123456789012:db:x').ok).toBe(false);
  expect(parseAwsArn('arn:aws:rds:us-east-1:12345:db:x').ok).toBe(false);
  expect(parseAwsArn('arn:aws:rds:us-east-1:123456789012:db:x\ny').ok).toBe(false);
});

test('GCP resource names: buckets in both spellings, projects checked', () => {
  const a = parseGcpResourceName('//storage.googleapis.com/projects/_/buckets/alder-exports');
  const b = parseGcpResourceName('//storage.googleapis.com/alder-exports');
  expect(a.ok && a.value.resource).toBe('alder-exports');
  expect(b.ok && b.value.resource).toBe('alder-exports');
  expect(parseGcpResourceName('//sqladmin.googleapis.com/projects/alder-prod/instances/pg-1')).toEqual({
    ok: true,
    value: { name: '//sqladmin.googleapis.com/projects/alder-prod/instances/pg-1', service: 'sqladmin.googleapis.com', project: 'alder-prod', resource: 'pg-1', collection: 'instances' },
  });
  expect(parseGcpResourceName('//storage.googleapis.com/UPPER').ok).toBe(false);
});
