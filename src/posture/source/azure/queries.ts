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
    query: "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | project id, name, type, subscriptionId, properties | order by id asc",
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
