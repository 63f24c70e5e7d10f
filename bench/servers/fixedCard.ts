// The card the card floor sends every turn: the recommendations card, its view model built once at startup by the
// analyze skill's own view builder from ten fixed rows. No engine, no query: the floor prices the card alone.
import type { RecommendationRow, SearchResult } from '../../src/posture/engine';
import type { Category, RiskFactor, RiskLevel, Severity } from '../../src/posture/model';
import { buildRecommendationsView } from '../../src/skills/analyze/listView';
import { recommendationRef } from '../../src/actions/contracts/shownRefs';
import type { Reply } from '../../src/views/reply';

export interface FixedCard {
  reply: Reply;
  /** The template the floor renders, reported with the results. */
  template: string;
  /** True while a stand-in card is used instead of the analyze card. */
  provisional: boolean;
}

const NAMES = [
  'Storage accounts should restrict network access using virtual network rules',
  'Management ports should be closed on your virtual machines',
  'Machines should have vulnerability findings resolved',
  'Key vaults should have deletion protection enabled',
  'SQL servers should have an Azure Active Directory administrator provisioned',
  'Internet-facing virtual machines should be protected with network security groups',
  'Function apps should only be accessible over HTTPS',
  'Container registries should not allow unrestricted network access',
  'Azure Kubernetes Service clusters should have Defender profile enabled',
  'Accounts with owner permissions on Azure resources should be MFA enabled',
];
const TYPES = ['microsoft.storage/storageaccounts', 'microsoft.compute/virtualmachines', 'microsoft.sql/servers', 'microsoft.keyvault/vaults', 'microsoft.web/sites'];
const LEVELS: RiskLevel[] = ['Critical', 'Critical', 'High', 'High', 'High', 'Medium', 'Medium', 'Medium', 'Low', 'Low'];
const SEVERITIES: Severity[] = ['High', 'High', 'Critical', 'Medium', 'High', 'Medium', 'Low', 'High', 'Medium', 'Low'];
const FACTORS: RiskFactor[][] = [['internetExposure', 'sensitiveData'], ['internetExposure'], ['vulnerabilities', 'lateralMovement'], ['sensitiveData'], [], ['internetExposure', 'criticalResource'], [], ['lateralMovement'], [], ['criticalResource']];
const CATEGORIES: Category[] = ['Data', 'Compute', 'Compute', 'Data', 'Data', 'Networking', 'AppServices', 'Containers', 'Containers', 'IdentityAndAccess'];
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 5, 1);

/** Row i (0-9) of the fixed page: every other fixed card (details, summary, fix, "which one?") is built from these. */
export function fixedRow(i: number): RecommendationRow {
  const subscriptionId = `0000000${i % 3}-1111-4222-8333-444444444444`;
  const type = TYPES[i % TYPES.length] ?? 'microsoft.compute/virtualmachines';
  const name = `prod-${type.split('/')[1]?.slice(0, 8) ?? 'res'}-${String(i).padStart(3, '0')}`;
  const owned = i % 3 !== 2;
  return {
    assessmentId: `/subscriptions/${subscriptionId}/resourceGroups/rg-prod-${i % 4}/providers/${type}/${name}/providers/Microsoft.Security/assessments/0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`,
    key: `0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`,
    displayName: NAMES[i] ?? NAMES[0] ?? '',
    status: 'Unhealthy',
    severity: SEVERITIES[i] ?? 'High',
    riskLevel: LEVELS[i] ?? 'High',
    riskFactors: FACTORS[i] ?? [],
    attackPathCount: i % 4 === 0 ? 2 : 0,
    categories: [CATEGORIES[i] ?? 'Other'],
    cloud: 'Azure',
    resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-prod-${i % 4}/providers/${type}/${name}`,
    resourceName: name,
    resourceType: type,
    resourceGroup: `rg-prod-${i % 4}`,
    subscriptionId,
    subscriptionName: ['Contoso Production', 'Contoso Shared Services', 'Contoso Development'][i % 3] ?? 'Contoso',
    ...(owned ? { owner: `owner${i}@contoso.example`, dueDate: BASE + (i - 4) * 7 * DAY } : {}),
    governance: owned ? (i < 4 ? 'overdue' : 'onTime') : 'unassigned',
    findingCount: i === 2 ? 12 : 0,
  };
}

export function fixedCard(): FixedCard {
  const result: SearchResult = { total: 137, offset: 0, items: Array.from({ length: 10 }, (_, i) => fixedRow(i)) };
  const model = buildRecommendationsView({ result, listId: 'benchfloor', detailsRefs: result.items.map((row) => recommendationRef(row.assessmentId)), pageSize: 10, filterSummary: 'High or Critical risk · Unhealthy', hasRiskData: true, notes: [] });
  return {
    reply: { kind: 'card', card: { template: 'recommendations', model }, suggestions: ['Only the virtual machines', 'Include medium too', 'Break down by owner'] },
    template: 'recommendations',
    provisional: false,
  };
}
