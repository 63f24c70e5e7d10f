// The knowledge base: every entry keyed by a real catalog key, the areas the issue names all covered, every
// individual-recommendation category present, every fix definition rendering in all its forms, and search finding
// entries from the words people use.
import { createCatalog } from '../../src/posture/catalog/catalog';
import { ALL_KEY_ENTRIES } from '../../src/remediation/knowledge/entries';
import { createKnowledgeBase } from '../../src/remediation/knowledge/knowledgeBase';
import { RECOMMENDATION_CATEGORIES } from '../../src/remediation/knowledge/model';
import { createRemediation } from '../../src/remediation/remediation';
import { sampleResourceId } from './sampleResources';

const catalog = createCatalog();
const knowledge = createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName });
const remediation = createRemediation({ knowledge });

test('at least 80 recommendation keys and every individual-recommendation category', () => {
  expect(knowledge.keys().length).toBeGreaterThanOrEqual(80);
  expect([...knowledge.categories()].sort()).toEqual([...RECOMMENDATION_CATEGORIES].sort());
  for (const category of RECOMMENDATION_CATEGORIES) expect(knowledge.entryForCategory(category.toLowerCase())?.steps.length).toBeGreaterThan(1);
});

test('every entry key exists in the catalog', () => {
  const missing = knowledge.keys().filter((key) => !catalog.byKey(key));
  expect(missing).toEqual([]);
});

describe('areas the issue names each have entries', () => {
  const typesOf = (key: string): string[] => (catalog.byKey(key)?.resourceTypes ?? []).map((t) => t.toLowerCase());
  const areas: Record<string, (key: string) => boolean> = {
    storage: (key) => typesOf(key).some((t) => t.startsWith('microsoft.storage/')),
    sql: (key) => typesOf(key).some((t) => t.startsWith('microsoft.sql/')),
    'virtual machines': (key) => typesOf(key).some((t) => t.startsWith('microsoft.compute/virtualmachines')),
    networking: (key) => catalog.byKey(key)?.categories.includes('Networking') === true,
    'App Service': (key) => typesOf(key).includes('microsoft.web/sites'),
    'Key Vault': (key) => typesOf(key).includes('microsoft.keyvault/vaults'),
    AKS: (key) => typesOf(key).includes('microsoft.containerservice/managedclusters'),
    'Cosmos DB': (key) => typesOf(key).includes('microsoft.documentdb/databaseaccounts'),
    'container registries': (key) => typesOf(key).includes('microsoft.containerregistry/registries'),
    identity: (key) => catalog.byKey(key)?.categories.includes('IdentityAndAccess') === true,
    AWS: (key) => catalog.byKey(key)?.cloud === 'AWS',
  };
  for (const [area, inArea] of Object.entries(areas)) {
    test(area, () => {
      expect(knowledge.keys().filter(inArea).length).toBeGreaterThanOrEqual(3);
    });
  }
});

test('every fix an entry names fits the recommendation (cloud and resource type) and renders in all its forms', () => {
  let withFix = 0;
  for (const key of knowledge.keys()) {
    const entry = knowledge.entryFor(key)!;
    if (!entry.fix) continue;
    withFix++;
    const definition = remediation.definitions().find((d) => d.id === entry.fix)!;
    const facts = catalog.byKey(key)!;
    expect({ key, cloud: definition.cloud }).toEqual({ key, cloud: facts.cloud.toLowerCase() });
    if (definition.cloud === 'azure') expect({ key, types: facts.resourceTypes.map((t) => t.toLowerCase()) }).toEqual({ key, types: expect.arrayContaining([definition.azureType]) });
    const lookup = remediation.fixFor(key, sampleResourceId(definition));
    if (lookup.status !== 'fix') throw new Error(`${key}: ${JSON.stringify(lookup)}`);
    const rendered = remediation.renderScripts(lookup.fix);
    expect(rendered.bash.text).toMatch(definition.cloud === 'azure' ? /\naz / : definition.cloud === 'aws' ? /\naws / : /\ngcloud /);
    if (definition.cloud === 'azure') {
      expect(rendered.powershell?.text).toContain('Set-AzContext');
      expect(rendered.arm?.url).toMatch(/^https:\/\/management\.azure\.com\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/.+\?api-version=\d{4}-\d{2}-\d{2}$/);
    } else {
      expect(rendered.powershell).toBeUndefined();
      expect(rendered.arm).toBeUndefined();
    }
    expect(remediation.describeChange(lookup.fix).sentence.length).toBeGreaterThan(20);
  }
  expect(withFix).toBeGreaterThanOrEqual(30);
});

test('a recommendation without a scripted fix gives its manual steps; an unknown key says so', () => {
  const manual = remediation.fixFor('94208a8b-16e8-4e5b-abbd-4e81c9d02bee', '/subscriptions/89a9ac1f-3fe3-4250-b6ad-1a8747fb5de7/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-one');
  expect(manual.status).toBe('manual');
  if (manual.status === 'manual') expect(manual.steps[0]).toMatch(/destination/);
  expect(remediation.fixFor('00000000-0000-0000-0000-000000000000', 'x').status).toBe('unknown');
});

test('a fix for another resource type is refused for this resource', () => {
  const lookup = remediation.fixFor('1c5de8e1-f68d-6a17-e0d2-ec259c42768c', '/subscriptions/89a9ac1f-3fe3-4250-b6ad-1a8747fb5de7/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-one');
  expect(lookup.status).toBe('invalidTarget');
  if (lookup.status === 'invalidTarget') expect(lookup.reason).toMatch(/storage account/);
});

describe('search', () => {
  test('the recommendation title finds its entry first', () => {
    const hits = knowledge.search("what does 'Storage accounts should restrict network access using virtual network rules' mean?");
    expect(hits[0]?.key).toBe('ad4f3ff1-30eb-5042-16ed-27198f640b8d');
  });
  test('the words people use: SQL public network access', () => {
    expect(knowledge.search('summarize the SQL public network access one')[0]?.key).toBe('22e93e92-4a31-b4cd-d640-3ef908430aa6');
  });
  test('a category by its subject', () => {
    expect(knowledge.search('exposed secrets in a repository')[0]?.category).toBe('ExposedSecrets');
  });
  test('nothing for words it does not know', () => {
    expect(knowledge.search('the weather in Lisbon')).toEqual([]);
  });
});

describe('validation when the knowledge base is built', () => {
  const one = ALL_KEY_ENTRIES[0]!;
  test('a duplicate key is refused', () => {
    expect(() => createKnowledgeBase({ keyEntries: [one, one], categoryEntries: [] })).toThrow(/twice/);
  });
  test('an unknown fix id is refused', () => {
    expect(() => createKnowledgeBase({ keyEntries: [{ ...one, fix: 'storage.noSuchFix' }], categoryEntries: [] })).toThrow(/unknown fix/);
  });
  test('an entry without steps is refused', () => {
    expect(() => createKnowledgeBase({ keyEntries: [{ ...one, steps: [] }], categoryEntries: [] })).toThrow();
  });
});
