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

export const POSTURE_QUERIES: readonly PostureQuery[] = [
  {
    table: 'resourcecontainers',
    // Resource groups too, and tags: the owner of a finding may be named only on its resource group or subscription.
    query: "resourcecontainers | where type in~ ('microsoft.resources/subscriptions', 'microsoft.resources/subscriptions/resourcegroups') | project id, name, type, subscriptionId, properties, tags | order by id asc",
  },
  {
    table: 'securityresources',
    query: `securityresources | where type in~ (${SECURITY_TYPES.map((type) => `'${type}'`).join(', ')}) | order by id asc`,
  },
  {
    table: 'resources',
    query: 'resources | project id, name, type, location, resourceGroup, subscriptionId, tags | order by id asc',
  },
];
