// The Resource Graph queries one full read runs, in order: subscriptions first (their display names), then the
// Defender for Cloud rows, then the resources themselves (names, tags, locations). Each is sorted by id so pages are
// stable while a read goes on (queries with `limit`/`take` would get no $skipToken, so none is used).
export interface PostureQuery {
  table: 'resourcecontainers' | 'securityresources' | 'resources' | 'resourcechanges';
  query: string;
}

/** The securityresources types the row normaliser reads (src/posture/load/normalizeRow.ts). */
export const SECURITY_TYPES = [
  'microsoft.security/assessments',
  'microsoft.security/assessments/subassessments',
  'microsoft.security/assessments/governanceassignments',
  'microsoft.security/attackpaths',
  'microsoft.security/securescores',
  'microsoft.security/securescores/securescorecontrols',
] as const;

const typeList = (types: readonly string[]) => types.map((type) => `'${type}'`).join(', ');

/** Rows that say when they last changed: assessments (their status) and sub-assessments (when generated). */
export const CHANGE_DATED_TYPES = ['microsoft.security/assessments', 'microsoft.security/assessments/subassessments'] as const;
/** The other Defender rows carry no change date: few, so an incremental refresh reads them all again. */
export const WHOLE_TYPES = SECURITY_TYPES.filter((type) => !(CHANGE_DATED_TYPES as readonly string[]).includes(type));
/** Governance assignments: the largest of the whole types (a fifth of the assessments or more), read again on a slower cadence. */
export const GOVERNANCE_TYPE = 'microsoft.security/assessments/governanceassignments';
/** Read again in full by every refresh (the resourcecontainers query and the whole types), replacing the kept rows of those types. */
export const REPLACED_TYPES: ReadonlySet<string> = new Set(['microsoft.resources/subscriptions', 'microsoft.resources/subscriptions/resourcegroups', ...WHOLE_TYPES]);

/** Resource ids per `where id in~ (...)` query when resources that changed are read again. */
export const IDS_PER_QUERY = 100;

const RESOURCE_COLUMNS = 'project id, name, type, location, resourceGroup, subscriptionId, tags';

export const POSTURE_QUERIES: readonly PostureQuery[] = [
  {
    table: 'resourcecontainers',
    // Resource groups too, and tags: the owner of a finding may be named only on its resource group or subscription.
    query: "resourcecontainers | where type in~ ('microsoft.resources/subscriptions', 'microsoft.resources/subscriptions/resourcegroups') | project id, name, type, subscriptionId, properties, tags | order by id asc",
  },
  {
    table: 'securityresources',
    query: `securityresources | where type in~ (${typeList(SECURITY_TYPES)}) | order by id asc`,
  },
  {
    table: 'resources',
    query: `resources | ${RESOURCE_COLUMNS} | order by id asc`,
  },
];

/**
 * An incremental refresh: the subscriptions and resource groups, the Defender rows without a change date (governance
 * assignments only when `governance` is set: otherwise the kept ones stay), only the
 * assessments and sub-assessments whose status changed (or that were generated) at or after `since`, and the resource
 * changes (created, updated, deleted resources: Resource Graph keeps 14 days of them) recorded at or after `since`.
 * The resources those changes name are then read again by id (resourcesByIds).
 */
export function changeQueries(since: number, options: { governance: boolean } = { governance: true }): readonly PostureQuery[] {
  const [subscriptions] = POSTURE_QUERIES;
  const whole = WHOLE_TYPES.filter((type) => options.governance || type !== GOVERNANCE_TYPE);
  return [
    subscriptions as PostureQuery,
    { table: 'securityresources', query: `securityresources | where type in~ (${typeList(whole)}) | order by id asc` },
    {
      table: 'securityresources',
      query:
        `securityresources | where type in~ (${typeList(CHANGE_DATED_TYPES)})` +
        ' | extend changedAt = coalesce(todatetime(properties.status.statusChangeDate), todatetime(properties.timeGenerated))' +
        ` | where changedAt >= datetime(${new Date(since).toISOString()}) | project-away changedAt | order by id asc`,
    },
    {
      table: 'resourcechanges',
      query:
        'resourcechanges | extend changedAt = todatetime(properties.changeAttributes.timestamp)' +
        ` | where changedAt >= datetime(${new Date(since).toISOString()}) | project id, type, properties | order by id asc`,
    },
  ];
}

/** ARM resource ids never hold quotes or backslashes; one that does is not asked for (it could end the string). */
export const safeResourceId = (id: string): boolean => id.length > 0 && !/['"\\]/.test(id);

/** The resources with these ids, as the full read's resources query gives them (names, tags, location). */
export function resourcesByIds(ids: readonly string[]): PostureQuery {
  return { table: 'resources', query: `resources | where id in~ (${ids.map((id) => `'${id}'`).join(', ')}) | ${RESOURCE_COLUMNS} | order by id asc` };
}
