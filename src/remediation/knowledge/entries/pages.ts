// Microsoft reference pages the entries were checked against (facts only; the wording is ours).
const LEARN = 'https://learn.microsoft.com/azure/defender-for-cloud';
export const PAGES = {
  data: `${LEARN}/recommendations-reference-data`,
  compute: `${LEARN}/recommendations-reference-compute`,
  networking: `${LEARN}/recommendations-reference-networking`,
  appServices: `${LEARN}/recommendations-reference-app-services`,
  containers: `${LEARN}/recommendations-reference-container`,
  identity: `${LEARN}/recommendations-reference-identity-access`,
  aws: `${LEARN}/recommendations-reference-aws`,
  individual: `${LEARN}/transition-grouped-individual-recommendations`,
  keyVault: 'https://learn.microsoft.com/azure/key-vault/general/security-features',
  storage: 'https://learn.microsoft.com/azure/storage/common/security-recommendations',
  sql: 'https://learn.microsoft.com/azure/azure-sql/database/security-best-practice',
} as const;
