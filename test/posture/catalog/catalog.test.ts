import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../../src/paths';
import { buildCatalogEntries, serializeCatalog } from '../../../src/posture/catalog/buildEntries';
import { createCatalog, defaultCatalogPath } from '../../../src/posture/catalog/catalog';
import { categoryForResourceType } from '../../../src/posture/catalog/categories';

describe('built-in catalog', () => {
  const catalog = createCatalog();

  it('looks keys up case-insensitively', () => {
    const entry = catalog.all()[0];
    expect(entry).toBeDefined();
    expect(catalog.byKey(entry!.key.toUpperCase())).toBe(entry);
    expect(catalog.byKey('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('covers Key Vault, containers and identity, each added entry citing its source page', () => {
    const added = catalog.all().filter((entry) => entry.source.some((source) => source.startsWith('https://')));
    expect(added.length).toBeGreaterThan(30);
    const types = new Set(catalog.all().flatMap((entry) => entry.resourceTypes.map((type) => type.toLowerCase())));
    for (const type of ['microsoft.keyvault/vaults', 'microsoft.containerservice/managedclusters', 'microsoft.containerregistry/registries', 'microsoft.storage/storageaccounts', 'microsoft.compute/virtualmachines']) {
      expect(types.has(type)).toBe(true);
    }
    expect(catalog.all().filter((entry) => entry.resourceTypes.some((type) => /keyvault/i.test(type))).length).toBeGreaterThan(5);
  });

  it('gives every entry a category (from the API, or derived) and unique keys', () => {
    expect(catalog.all().every((entry) => entry.categories.length > 0)).toBe(true);
    expect(new Set(catalog.all().map((entry) => entry.key)).size).toBe(catalog.all().length);
  });

  it('is what the build produces from ../shared and additions.json (regenerate with src/cli/buildCatalog.ts)', () => {
    const sharedCatalog = resolve(projectRoot(), '../shared/defender/catalog.json');
    if (!existsSync(sharedCatalog)) {
      console.warn(`Skipping catalog regeneration check: ${sharedCatalog} is absent.`);
      return;
    }
    const additions = JSON.parse(readFileSync(join(projectRoot(), 'src/posture/catalog/additions.json'), 'utf8')) as unknown[];
    const built = buildCatalogEntries(JSON.parse(readFileSync(sharedCatalog, 'utf8')) as unknown[], additions);
    expect(serializeCatalog(built)).toBe(readFileSync(defaultCatalogPath(), 'utf8'));
  });
});

describe('catalog build', () => {
  const fact = (key: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ assessmentKey: key, displayName: `n ${key}`, severity: 'High', resourceType: null, categories: [], source: ['docs-data-2024'], ...extra });
  const k1 = 'aaaaaaaa-0000-0000-0000-000000000001';
  const k2 = 'aaaaaaaa-0000-0000-0000-000000000002';

  it('keeps shared facts over additions and derives categories from type, then from the reference page', () => {
    const entries = buildCatalogEntries([fact(k1, { resourceType: ['Microsoft.Web/sites'] }), fact(k2)], [fact(k1.toUpperCase(), { displayName: 'other' })]);
    expect(entries.map((entry) => [entry.key, entry.displayName, entry.categories, entry.categorySource])).toEqual([
      [k1, `n ${k1}`, ['AppServices'], 'derived'],
      [k2, `n ${k2}`, ['Data'], 'derived'],
    ]);
  });

  it('refuses facts without key or severity', () => {
    expect(() => buildCatalogEntries([fact('not-a-guid')], [])).toThrow('bad assessmentKey');
    expect(() => buildCatalogEntries([fact(k1, { severity: 'Severe' })], [])).toThrow('severity');
  });
});

describe('category from resource type', () => {
  it.each([
    ['Microsoft.Compute/virtualMachines', 'Compute'],
    ['microsoft.hybridcompute/machines', 'Compute'],
    ['Microsoft.Network/networkSecurityGroups', 'Networking'],
    ['Microsoft.Storage/storageAccounts', 'Data'],
    ['Microsoft.DBforPostgreSQL/flexibleServers', 'Data'],
    ['Microsoft.DocumentDB/databaseAccounts', 'Data'],
    ['Microsoft.KeyVault/vaults', 'IdentityAndAccess'],
    ['Microsoft.Resources/subscriptions', 'IdentityAndAccess'],
    ['Microsoft.ContainerService/managedClusters', 'Containers'],
    ['Microsoft.ContainerRegistry/registries', 'Containers'],
    ['Microsoft.Web/sites', 'AppServices'],
    ['Microsoft.Devices/IotHubs', 'IoT'],
    ['microsoft.awsconnector/ec2instances', 'Compute'],
    ['microsoft.awsconnector/rdsdbinstances', 'Data'],
    ['AwsEc2Snapshot', 'Data'],
    ['microsoft.awsconnector/iamroles', 'IdentityAndAccess'],
    ['GcpContainerCluster', 'Containers'],
    ['Contoso.Custom/things', 'Other'],
    [undefined, 'Other'],
  ])('%s -> %s', (type, category) => {
    expect(categoryForResourceType(type)).toBe(category);
  });
});
