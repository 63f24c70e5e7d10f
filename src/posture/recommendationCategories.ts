// The individual-recommendation categories (properties.metadata.recommendationCategory), in the spelling of
// Microsoft's transition reference (../shared/defender/INDIVIDUAL-RECOMMENDATIONS.md). One list for the loader, which
// also accepts 'Unknown' and keeps other spellings as the data gives them, and for the knowledge base.
export const RECOMMENDATION_CATEGORIES = [
  'SoftwareUpdate',
  'SystemUpdate',
  'HostMisconfigurations',
  'ExposedSecrets',
  'ServiceUpgrade',
  'ApiVulnerabilities',
  'CodeVulnerabilities',
  'IacVulnerabilities',
] as const;

export type RecommendationCategory = (typeof RECOMMENDATION_CATEGORIES)[number];
