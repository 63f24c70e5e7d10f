// Turns the raw catalog facts (../shared/defender/catalog.json plus additions.json from Defender's reference
// pages) into the committed catalog.json: one shape, lower-cased keys, categories derived where Defender's API
// gave none. Used by src/cli/buildCatalog.ts; the product only reads the result.
import { categoriesForResourceTypes } from './categories';
import type { CatalogEntry } from './catalog';
import { CATEGORIES, CLOUDS, SEVERITIES, type Category, type Cloud, type Severity } from '../model';

interface RawFact {
  assessmentKey?: unknown;
  displayName?: unknown;
  severity?: unknown;
  resourceType?: unknown;
  categories?: unknown;
  policyDefinitionId?: unknown;
  assessmentType?: unknown;
  userImpact?: unknown;
  implementationEffort?: unknown;
  threats?: unknown;
  preview?: unknown;
  cloud?: unknown;
  source?: unknown;
}

/** Defender's reference pages are grouped by area: an entry known only from one page belongs to that area. */
const CATEGORY_BY_SOURCE_PAGE: ReadonlyArray<readonly [RegExp, Category]> = [
  [/docs-data|recommendations-reference-data/, 'Data'],
  [/docs-networking|recommendations-reference-networking/, 'Networking'],
  [/docs-app-services|recommendations-reference-app-services/, 'AppServices'],
  [/recommendations-reference-container/, 'Containers'],
  [/recommendations-reference-identity-access/, 'IdentityAndAccess'],
  [/recommendations-reference-compute/, 'Compute'],
];

function categoriesFromSources(sources: readonly string[]): Category[] {
  const found = new Set<Category>();
  for (const source of sources) for (const [pattern, category] of CATEGORY_BY_SOURCE_PAGE) if (pattern.test(source)) found.add(category);
  return [...found];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

function toEntry(raw: RawFact, where: string): CatalogEntry {
  const key = text(raw.assessmentKey)?.toLowerCase();
  const displayName = text(raw.displayName);
  const severity = SEVERITIES.find((s) => s.toLowerCase() === String(raw.severity).toLowerCase()) as Severity | undefined;
  if (!key || !/^[0-9a-f-]{36}$/.test(key)) throw new Error(`${where}: bad assessmentKey ${String(raw.assessmentKey)}`);
  if (!displayName || !severity) throw new Error(`${where} (${key}): displayName and severity are required`);
  const resourceTypes = texts(raw.resourceType);
  const apiCategories = texts(raw.categories).filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));
  const byType = resourceTypes.length > 0 ? categoriesForResourceTypes(resourceTypes) : [];
  const derived = byType.length > 0 && !(byType.length === 1 && byType[0] === 'Other') ? byType : categoriesFromSources(texts(raw.source));
  const categories = apiCategories.length > 0 ? apiCategories : derived;
  const cloud = (CLOUDS.find((c) => c.toLowerCase() === String(raw.cloud ?? 'Azure').toLowerCase()) ?? 'Other') as Cloud;
  const entry: CatalogEntry = {
    key,
    displayName,
    severity,
    categories,
    categorySource: apiCategories.length > 0 ? 'api' : categories.length > 0 ? 'derived' : 'none',
    resourceTypes,
    cloud,
    threats: texts(raw.threats),
    source: texts(raw.source),
  };
  const optional: Partial<CatalogEntry> = {
    policyDefinitionId: text(raw.policyDefinitionId),
    assessmentType: text(raw.assessmentType),
    userImpact: text(raw.userImpact),
    implementationEffort: text(raw.implementationEffort),
    preview: typeof raw.preview === 'boolean' ? raw.preview : undefined,
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) (entry as unknown as Record<string, unknown>)[name] = value;
  return entry;
}

/** Shared facts win for keys they hold; additions only add keys the shared catalog lacks. Sorted by key. */
export function buildCatalogEntries(shared: readonly unknown[], additions: readonly unknown[]): CatalogEntry[] {
  const byKey = new Map<string, CatalogEntry>();
  shared.forEach((raw, index) => {
    const entry = toEntry(raw as RawFact, `shared catalog entry ${index}`);
    byKey.set(entry.key, entry);
  });
  additions.forEach((raw, index) => {
    const entry = toEntry(raw as RawFact, `addition ${index}`);
    if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
  });
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One entry per line: readable diffs when the catalog is regenerated. */
export function serializeCatalog(entries: readonly CatalogEntry[]): string {
  return `[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`;
}
