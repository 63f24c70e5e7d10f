// Builds the summary card's view model for one recommendation on one resource: the export's own text where it has
// it, the knowledge base otherwise, and this resource's risk, attack paths, exposure and governance.
import type { RecommendationDetails } from '../../posture/engine';
import type { RiskFactor } from '../../posture/model';
import type { CategoryEntry, KeyEntry } from '../../remediation/knowledge/model';
import type { LabelledValue } from '../../views/detailsView';
import { safePortalLink, withoutLinks } from '../../views/portalLinks';
import type { SummaryButtonView, SummaryView } from '../../views/summaryView';
import { RISK_FACTOR_LABELS, displayDate, levelColor, ownerText, resourceTypeLabel, riskText } from '../../views/postureLabels';

/** What each risk factor means for the resource it is found on. */
export const RISK_FACTOR_MEANING: Record<RiskFactor, string> = {
  internetExposure: 'The resource is reachable from the internet, so anyone can try this weakness without a foothold first.',
  sensitiveData: 'The resource holds data classified as sensitive: a breach here exposes that data.',
  lateralMovement: 'From this resource an attacker can reach other resources (identities, keys or network paths).',
  criticalResource: 'The resource is marked business-critical: an incident here stops what depends on it.',
  vulnerabilities: 'The resource also has known vulnerabilities that an attacker can chain with this weakness.',
};

export type KnowledgeEntry = KeyEntry | CategoryEntry;

const nonEmpty = (text: string | undefined) => (text && text.trim() ? withoutLinks(text.trim()) : undefined);

function severityVsRisk(d: RecommendationDetails, hasRiskData: boolean): string {
  if (!hasRiskData) return `Severity ${d.severity} is the recommendation's own rating. This data has no risk levels (they need Defender CSPM), so rank it by severity.`;
  if (!d.riskLevel) return `Severity ${d.severity} is the recommendation's own rating. Defender gives this resource no risk level: no context makes it more urgent here.`;
  const relation = d.riskLevel === d.severity ? 'the same as' : ['Low', 'Medium', 'High', 'Critical'].indexOf(d.riskLevel) > ['Low', 'Medium', 'High', 'Critical'].indexOf(d.severity) ? 'raised above' : 'lowered below';
  return `Severity ${d.severity} is the recommendation's own rating, the same everywhere. Risk level ${d.riskLevel} is ${relation} it by this resource's context (exposure, data, paths): fix by risk level first.`;
}

export interface SummaryInput {
  details: RecommendationDetails;
  hasRiskData: boolean;
  knowledge: KnowledgeEntry | undefined;
  /** Other open resources with the same recommendation (when found by name). */
  others: number;
  buttons: SummaryButtonView[];
}

export function buildSummaryView({ details: d, hasRiskData, knowledge, others, buttons }: SummaryInput): SummaryView {
  const exportDescription = nonEmpty(d.description);
  const checks = exportDescription ?? knowledge?.description ?? 'Defender for Cloud gives no description of this recommendation, and the bot has none either.';
  const why = knowledge?.whyItMatters ?? '';
  const factors: RiskFactor[] = hasRiskData ? d.riskFactors : [];
  const whyHere =
    d.status !== 'Unhealthy'
      ? `This resource is ${d.status === 'Healthy' ? 'healthy' : 'not applicable'} for this recommendation: nothing to fix here.`
      : hasRiskData && d.riskLevel
        ? `${why ? `${why} ` : ''}Here the risk level is ${d.riskLevel}${factors.length > 0 ? ` because of ${factors.length === 1 ? 'one risk factor' : `${factors.length} risk factors`}:` : '.'}`
        : why || 'Fixing it closes a weakness Defender for Cloud found on this resource.';
  const riskFactors: LabelledValue[] = factors.map((f) => ({ label: RISK_FACTOR_LABELS[f], value: RISK_FACTOR_MEANING[f] }));
  if (hasRiskData && factors.length === 0) for (const label of d.riskFactorLabels) riskFactors.push({ label, value: 'Reported by Defender for this resource.' });
  const fixing: LabelledValue[] = [
    { label: 'User impact', value: nonEmpty(d.userImpact) ?? 'Not given in the data' },
    { label: 'Effort', value: nonEmpty(d.implementationEffort) ?? 'Not given in the data' },
    { label: 'How', value: nonEmpty(d.remediationDescription) ?? knowledge?.steps[0] ?? 'Open it in the portal for the steps.' },
  ];
  const governance: LabelledValue[] = [
    { label: 'Owner', value: ownerText(d.owner) },
    { label: 'Due date', value: d.dueDate === undefined ? 'None' : displayDate(d.dueDate) },
    { label: 'Status', value: [d.status, d.statusChangeDate === undefined ? '' : `since ${displayDate(d.statusChangeDate)}`, d.firstEvaluationDate === undefined ? '' : `(first evaluated ${displayDate(d.firstEvaluationDate)})`].filter(Boolean).join(' ') },
  ];
  const source = exportDescription
    ? knowledge
      ? "What it checks comes from Defender's export; why it matters from the bot's knowledge base."
      : "From Defender's export."
    : knowledge
      ? "Defender's export has no description of this one: the text is from the bot's knowledge base."
      : 'Neither the export nor the knowledge base describes this recommendation.';
  return {
    title: withoutLinks(d.displayName),
    subtitle: `On ${d.resourceName} (${resourceTypeLabel(d.resourceType)})${d.subscriptionName ? ` in ${d.subscriptionName}` : ''}${others > 0 ? `; ${others} more resource${others === 1 ? '' : 's'} have it too, this is the riskiest` : ''}`,
    headline: [hasRiskData ? riskText(d.riskLevel) : undefined, `${d.severity} severity`, d.status === 'NotApplicable' ? 'Not applicable' : d.status].filter(Boolean).join(' · '),
    headlineColor: levelColor(hasRiskData ? d.riskLevel : d.severity),
    checks,
    whyItMatters: whyHere,
    riskFactors,
    attackPaths: d.attackPaths.map((p) => ({ label: p.riskLevel ? `${p.riskLevel} risk` : 'Attack path', value: p.displayName })),
    severityVsRisk: severityVsRisk(d, hasRiskData),
    fixing,
    governance,
    source,
    portalLink: safePortalLink(d.portalLink),
    buttons,
  };
}
