// The Resource Graph queries one full read runs, in order: subscriptions first (their display names), then the
// Defender for Cloud rows, then the resources themselves (names, tags, locations). Each is sorted by id so pages are
// stable while a read goes on (queries with `limit`/`take` would get no $skipToken, so none is used).
export interface PostureQuery {
  table: 'resourcecontainers' | 'securityresources' | 'resources';
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
/** Read again in full by every refresh and replacing the kept rows of those types. */
export const REPLACED_TYPES: ReadonlySet<string> = new Set(['microsoft.resources/subscriptions', ...WHOLE_TYPES]);

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
    query: 'resources | project id, name, type, location, resourceGroup, subscriptionId, tags | order by id asc',
  },
];

/**
 * An incremental refresh: the subscriptions, the Defender rows without a change date, and only the assessments and
 * sub-assessments whose status changed (or that were generated) at or after `since`. Resources (names, tags) and rows
 * that disappeared are left to the next full read.
 */
export function changeQueries(since: number): readonly PostureQuery[] {
  const [subscriptions] = POSTURE_QUERIES;
  return [
    subscriptions as PostureQuery,
    { table: 'securityresources', query: `securityresources | where type in~ (${typeList(WHOLE_TYPES)}) | order by id asc` },
    {
      table: 'securityresources',
      query:
        `securityresources | where type in~ (${typeList(CHANGE_DATED_TYPES)})` +
        ' | extend changedAt = coalesce(todatetime(properties.status.statusChangeDate), todatetime(properties.timeGenerated))' +
        ` | where changedAt >= datetime(${new Date(since).toISOString()}) | project-away changedAt | order by id asc`,
    },
  ];
}
