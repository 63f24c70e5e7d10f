// The fixed replies the mix floor sends, one per kind of answer the bot gives: each built once, at startup, from the
// fixed rows of the card floor by the bot's own view builders (details, breakdown, count sentence, summary, fix,
// "which one?"), then rendered every turn by the bot's own renderer. No engine, no query: the floor prices the
// card (or sentence) alone, as the list card floor does.
import type { GroupBy, GroupResult, RecommendationDetails } from '../../src/posture/engine';
import { createCatalog } from '../../src/posture/catalog/catalog';
import { recommendationRef } from '../../src/actions/contracts/shownRefs';
import { createKnowledgeBase } from '../../src/remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../src/remediation/remediation';
import { buildBreakdownView } from '../../src/skills/analyze/breakdownView';
import { countText } from '../../src/skills/analyze/countText';
import { buildDetailsView } from '../../src/skills/analyze/detailsView';
import { buildResourcesView } from '../../src/skills/analyze/insightViews';
import { buildChoiceView } from '../../src/skills/remediate/choiceView';
import { knowledgeOf } from '../../src/skills/remediate/remediateActions';
import { buildRemediationView } from '../../src/skills/remediate/remediationView';
import { buildSummaryView } from '../../src/skills/remediate/summaryView';
import type { Reply } from '../../src/views/reply';
import { fixedCard, fixedRow } from './fixedCard';

/** Kinds of answer a floor can give: a card template's name, or 'text' (a count's sentence). */
export const FLOOR_KINDS = ['recommendations', 'details', 'breakdown', 'summary', 'remediation', 'choice', 'resources', 'text'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];
export const isFloorKind = (kind: string): kind is FloorKind => (FLOOR_KINDS as readonly string[]).includes(kind);

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 5, 1);

/** Row `i` with every field a details card shows: text from the catalog and knowledge base, findings, a path. */
function fixedDetails(i: number, displayName?: string, key?: string): RecommendationDetails {
  const row = fixedRow(i);
  const name = displayName ?? row.displayName;
  return {
    ...row,
    ...(key ? { key } : {}),
    displayName: name,
    description: `${name}. Defender for Cloud checks this on every resource of the type and reports the ones that do not comply, with the policy that decides it and the resources it was evaluated on.`,
    remediationDescription: 'Open the resource in the Azure portal, go to its networking settings, set the access to selected networks, add the virtual networks and addresses that need access, and save.',
    assessmentType: 'BuiltIn',
    userImpact: 'Moderate',
    implementationEffort: 'Low',
    threats: ['DataExfiltration', 'DataSpillage', 'MaliciousInsider'],
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c',
    riskFactorLabels: [],
    statusCause: 'OffByPolicy',
    statusDescription: 'The resource does not restrict network access',
    firstEvaluationDate: BASE - 90 * DAY,
    statusChangeDate: BASE - 30 * DAY,
    isGracePeriod: false,
    etaDate: BASE + 14 * DAY,
    etaJustification: 'Change window after the quarter close',
    location: 'westeurope',
    tags: { environment: 'production', costCenter: 'cc-1234', owner: 'platform-team' },
    portalLink: `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${row.key}`,
    // Most rows have no vulnerability findings (the details card then has no findings section).
    findings: [],
    attackPaths: [{ id: 'ap-1', displayName: 'Internet exposed VM with high severity vulnerabilities can reach a storage account with sensitive data', riskLevel: 'Critical', entryPoint: row.resourceId, target: fixedRow((i + 1) % 10).resourceId }],
  };
}

/** A breakdown by `by` of `groups` groups (the bot shows at most 15). */
function fixedBreakdown(groups: number, by: GroupBy = 'resourceType'): Reply {
  const counts = Array.from({ length: groups }, (_, g) => Math.max(1, Math.round(240 / (g + 1))));
  const result: GroupResult = { by, total: counts.reduce((a, b) => a + b, 0), groups: counts.map((count, g) => { const type = fixedRow(g % 10).resourceType; return { key: `${type}${g >= 10 ? `-${g}` : ''}`, label: type, count }; }) };
  return { kind: 'card', card: { template: 'breakdown', model: buildBreakdownView(result, 'Unhealthy', true, []) } };
}

/** "What's wrong with <resource>": one resource with `lines` of its open recommendations, riskiest first. */
function fixedResource(lines: number): Reply {
  const row = fixedRow(1);
  const recommendations = Array.from({ length: lines }, (_, i) => ({ ...fixedRow(i), resourceId: row.resourceId, resourceName: row.resourceName, resourceType: row.resourceType }));
  const severityCounts = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  for (const r of recommendations) severityCounts[r.severity]++;
  const summary = {
    resourceId: row.resourceId, resourceName: row.resourceName, resourceType: row.resourceType, resourceGroup: row.resourceGroup, subscriptionId: row.subscriptionId, subscriptionName: row.subscriptionName, cloud: row.cloud,
    riskLevel: 'Critical' as const, highestSeverity: 'Critical' as const, count: lines, severityCounts, attackPathCount: 2, cveCount: 3, owners: ['owner1@contoso.example'], recommendations,
  };
  const model = buildResourcesView({ result: { total: 1, offset: 0, items: [summary] }, title: `What's wrong with ${row.resourceName}`, filterSummary: `Resource name contains "${row.resourceName}" · Unhealthy`, hasRiskData: true });
  return { kind: 'card', card: { template: 'resources', model }, suggestions: [`Show the attack path for ${row.resourceName}`, 'Top 5 riskiest resources'] };
}

/** Every kind, built once. The breakdown has 8 groups unless asked otherwise. */
export function fixedReplies(options: { breakdownGroups?: number } = {}): Record<FloorKind, Reply> {
  const catalog = createCatalog();
  const knowledge = createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName });
  const remediation = createRemediation({ knowledge });
  // A recommendation with a scripted fix on the resource type of fixed row 0 (a storage account), found as the bot finds it.
  const hit = knowledge.search('Secure transfer to storage accounts should be enabled', 1)[0];
  const fixKey = hit?.key ?? fixedRow(0).key;
  const fixName = catalog.byKey(fixKey)?.displayName ?? 'Secure transfer to storage accounts should be enabled';
  // Storage account names are 3-24 lower-case letters and digits: the fix binds only to such a name.
  const row0 = fixedDetails(0, fixName, fixKey);
  const resourceId = row0.resourceId.replace(/[^/]+$/, 'stprodpayments000');
  const onStorage: RecommendationDetails = { ...row0, resourceName: 'stprodpayments000', resourceId, assessmentId: `${resourceId}/providers/Microsoft.Security/assessments/${fixKey}` };
  const ref = recommendationRef(onStorage.assessmentId);
  const lookup = remediation.fixFor(onStorage.key, onStorage.resourceId);
  const canApply = lookup.status === 'fix' && remediation.describeChange(lookup.fix).appliable;
  const details = fixedDetails(1);
  const candidates = Array.from({ length: 4 }, (_, i) => ({ ...fixedRow(i), displayName: fixName }));
  return {
    recommendations: fixedCard().reply,
    details: { kind: 'card', card: { template: 'details', model: buildDetailsView(details, true, 'Row 2 of 137 · High severity · Unhealthy') } },
    breakdown: fixedBreakdown(options.breakdownGroups ?? 8),
    text: { kind: 'text', text: countText(137, 'High severity · Unhealthy', []) },
    summary: {
      kind: 'card',
      card: { template: 'summary', model: buildSummaryView({ details: onStorage, hasRiskData: true, knowledge: knowledgeOf(knowledge, onStorage), others: 4, buttons: [{ title: 'Help me remediate', verb: 'remediate', ref }, { title: 'Delegate to the owner', verb: 'delegate', ref }] }) },
    },
    remediation: {
      kind: 'card',
      card: {
        template: 'remediation',
        model: buildRemediationView({ details: onStorage, knowledge: knowledgeOf(knowledge, onStorage), lookup, remediation, canApply, buttons: [...(canApply ? [{ title: 'Apply fix', verb: 'applyFix', ref }] : []), { title: 'Delegate to the owner', verb: 'delegate', ref }] }),
      },
    },
    resources: fixedResource(8),
    choice: { kind: 'card', card: { template: 'choice', model: buildChoiceView({ verb: 'remediate', candidates, refs: candidates.map((row) => recommendationRef(row.assessmentId)), total: 7, hasRiskData: true }) } },
  };
}
