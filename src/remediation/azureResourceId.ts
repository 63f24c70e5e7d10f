// Parses an Azure resource id and checks each name against Azure's own naming rules for the types we fix. The
// checks refuse only what Azure itself would refuse (so a real resource is never turned away); the defence against
// hostile names is quoting, not this check.
export interface AzureResourceId {
  /** The id as given, trimmed of a trailing slash. */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  /** e.g. 'Microsoft.Sql' */
  provider: string;
  /** Full type, lower-cased: 'microsoft.sql/servers/databases' */
  resourceType: string;
  /** Names from the top-level resource down: ['sql-billing', 'db1'] */
  names: string[];
  /** The last name. */
  name: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Control characters (C0, DEL, C1): no Azure resource name accepts them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Resource group (Azure: ^[-\w._()]+$ with .NET word characters): 1-90 letters or digits (Unicode), underscores, hyphens, periods, parentheses; not ending in a period. */
const RESOURCE_GROUP = /^[\p{L}\p{N}\p{Mn}\p{Pc}\-.()]{1,90}$/u;

interface NameRule {
  test: (name: string) => boolean;
  says: string;
}

const rule = (pattern: RegExp, says: string): NameRule => ({ test: (name) => pattern.test(name), says });
const lengthBetween = (min: number, max: number, inner: NameRule): NameRule => ({
  test: (name) => [...name].length >= min && [...name].length <= max && inner.test(name),
  says: `${min}-${max} characters; ${inner.says}`,
});

/** Per-type rules (lower-cased type). Types not listed get only the generic checks. */
const NAME_RULES: Record<string, NameRule> = {
  'microsoft.storage/storageaccounts': rule(/^[a-z0-9]{3,24}$/, '3-24 lower-case letters and digits'),
  'microsoft.sql/servers': rule(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, '1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen'),
  'microsoft.sql/servers/databases': lengthBetween(1, 128, rule(/^[^<>*%&:\\/?]*[^<>*%&:\\/?.\s]$/u, "no <>*%&:\\/? and not ending with a period or space")),
  'microsoft.sql/managedinstances': rule(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, '1-63 lower-case letters, digits and hyphens'),
  'microsoft.web/sites': lengthBetween(2, 60, rule(/^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u, 'letters, digits and hyphens, not starting or ending with a hyphen')),
  'microsoft.keyvault/vaults': rule(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){1,22}[a-zA-Z0-9]$/, '3-24 letters, digits and single hyphens, starting with a letter'),
  'microsoft.documentdb/databaseaccounts': rule(/^[a-z0-9](?:[a-z0-9-]{1,42}[a-z0-9])$/, '3-44 lower-case letters, digits and hyphens'),
  'microsoft.dbforpostgresql/servers': rule(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, '3-63 lower-case letters, digits and hyphens'),
  'microsoft.dbformysql/servers': rule(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, '3-63 lower-case letters, digits and hyphens'),
  'microsoft.containerregistry/registries': rule(/^[a-zA-Z0-9]{5,50}$/, '5-50 letters and digits'),
  'microsoft.cache/redis': rule(/^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?!-)){0,61}[a-zA-Z0-9]$|^[a-zA-Z0-9]$/, '1-63 letters, digits and single hyphens'),
  'microsoft.containerservice/managedclusters': rule(/^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/, '1-63 letters, digits, underscores and hyphens'),
};

function checkGenericName(name: string, where: string): string | undefined {
  if (name.length === 0) return `${where} is empty`;
  if (CONTROL.test(name)) return `${where} holds a control character, which Azure does not allow in names`;
  return undefined;
}

/**
 * `/subscriptions/{guid}/resourceGroups/{rg}/providers/{Namespace}/{type}/{name}[/{type}/{name}]...`
 * Case of the fixed segments is not significant (Azure ids arrive in both casings).
 */
export function parseAzureResourceId(raw: string): ParseResult<AzureResourceId> {
  const id = raw.replace(/\/+$/, '');
  const parts = id.split('/');
  if (parts[0] !== '' || parts.length < 9) return { ok: false, reason: 'not a full Azure resource id (/subscriptions/.../resourceGroups/.../providers/...)' };
  const [, subscriptions, subscriptionId = '', resourceGroups, resourceGroup = '', providers, provider = '', ...rest] = parts;
  if (subscriptions?.toLowerCase() !== 'subscriptions' || resourceGroups?.toLowerCase() !== 'resourcegroups' || providers?.toLowerCase() !== 'providers') {
    return { ok: false, reason: 'not a full Azure resource id (/subscriptions/.../resourceGroups/.../providers/...)' };
  }
  if (!GUID.test(subscriptionId)) return { ok: false, reason: 'the subscription id is not a GUID' };
  const groupProblem = checkGenericName(resourceGroup, 'the resource group name');
  if (groupProblem) return { ok: false, reason: groupProblem };
  if (!RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.')) {
    return { ok: false, reason: 'the resource group name breaks Azure naming rules (1-90 letters, digits, _-.() and not ending with a period)' };
  }
  if (!/^[A-Za-z][A-Za-z0-9]*\.[A-Za-z0-9.]+$/.test(provider)) return { ok: false, reason: 'the resource provider namespace is not valid' };
  if (rest.length === 0 || rest.length % 2 !== 0) return { ok: false, reason: 'the id does not end with a type/name pair' };
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const type = rest[i] ?? '';
    const name = rest[i + 1] ?? '';
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(type)) return { ok: false, reason: `resource type segment ${i / 2 + 1} is not valid` };
    const problem = checkGenericName(name, `the name of the ${type} segment`);
    if (problem) return { ok: false, reason: problem };
    types.push(type);
    names.push(name);
  }
  const resourceType = `${provider}/${types.join('/')}`.toLowerCase();
  const nameRule = NAME_RULES[resourceType];
  const name = names[names.length - 1] ?? '';
  if (nameRule && !nameRule.test(name)) return { ok: false, reason: `the ${types[types.length - 1]} name breaks Azure naming rules (${nameRule.says})` };
  for (let depth = 1; depth < names.length; depth++) {
    const parentType = `${provider}/${types.slice(0, depth).join('/')}`.toLowerCase();
    const parentRule = NAME_RULES[parentType];
    const parentName = names[depth - 1] ?? '';
    if (parentRule && !parentRule.test(parentName)) return { ok: false, reason: `the ${types[depth - 1]} name breaks Azure naming rules (${parentRule.says})` };
  }
  return { ok: true, value: { id, subscriptionId: subscriptionId.toLowerCase(), resourceGroup, provider, resourceType, names, name } };
}

/** The ARM URL of a resource (each segment percent-encoded), optionally with child segments and the api-version. */
export function armUrl(id: AzureResourceId, childSegments: readonly string[], apiVersion: string): string {
  const segments = [...id.id.split('/').slice(1), ...childSegments];
  return `https://management.azure.com/${segments.map(encodeURIComponent).join('/')}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** The same path without the host, as Invoke-AzRestMethod -Path takes it. */
export function armPath(id: AzureResourceId, childSegments: readonly string[], apiVersion: string): string {
  return armUrl(id, childSegments, apiVersion).slice('https://management.azure.com'.length);
}
