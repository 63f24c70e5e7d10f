// Builds the details card's view model: every field of one recommendation, its resource, owner and findings.
import type { RecommendationDetails } from '../../posture/engine';
import type { Severity } from '../../posture/model';
import type { DetailsView, LabelledValue } from '../../views/detailsView';
import { safePortalLink, withoutLinks } from '../../views/portalLinks';
import { CATEGORY_LABELS, CLOUD_LABELS, GOVERNANCE_LABELS, RISK_FACTOR_LABELS, displayDate, levelColor, ownerText, resourceTypeLabel, riskText } from '../../views/postureLabels';

const SEVERITY_RANK: Record<Severity, number> = { Low: 1, Medium: 2, High: 3, Critical: 4 };

/** Findings shown on the card; the rest are counted. */
const MAX_FINDINGS = 15;

const present = (entries: Array<[string, string | number | boolean | undefined]>): LabelledValue[] =>
  entries
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== '')
    .map(([label, value]) => ({ label, value: typeof value === 'boolean' ? (value ? 'Yes' : 'No') : withoutLinks(String(value)) }));

/** Attack path ends are resource ids or ARNs: the name is what a person reads; the details card has the full id. */
function resourceNameOf(reference: string): string {
  const last = reference.split(/[/:]/).filter(Boolean).pop();
  return last && last.length < reference.length ? last : reference;
}

export function buildDetailsView(d: RecommendationDetails, hasRiskData: boolean, origin = ''): DetailsView {
  const headline = [
    hasRiskData ? riskText(d.riskLevel) : undefined,
    `${d.severity} severity`,
    d.status === 'NotApplicable' ? 'Not applicable' : d.status,
  ]
    .filter(Boolean)
    .join(' · ');
  const tags = Object.entries(d.tags).map(([k, v]) => `${k}: ${v}`).join('; ');
  const openFindings = d.findings
    .filter((f) => f.status === 'Unhealthy')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.cvssScore ?? 0) - (a.cvssScore ?? 0));
  return {
    title: withoutLinks(d.displayName),
    origin,
    headline,
    headlineColor: levelColor(hasRiskData ? d.riskLevel : d.severity),
    // Links in the data are data, not places to send users: only the portal button below links anywhere.
    description: withoutLinks(d.description ?? ''),
    remediation: withoutLinks(d.remediationDescription ?? ''),
    recommendation: present([
      ['Status', d.statusCause ? `${d.status} (${d.statusCause})` : d.status],
      ['Status detail', d.statusDescription],
      ['Severity', d.severity],
      ['Risk level', hasRiskData ? (d.riskLevel ?? 'Not rated by Defender') : 'n/a (needs Defender CSPM)'],
      ['Category', d.categories.map((c) => CATEGORY_LABELS[c]).join(', ')],
      ['Threats', d.threats.join(', ')],
      ['User impact', d.userImpact],
      ['Effort', d.implementationEffort],
      ['Type', d.assessmentType],
      ['First evaluated', d.firstEvaluationDate === undefined ? undefined : displayDate(d.firstEvaluationDate)],
      ['Status changed', d.statusChangeDate === undefined ? undefined : displayDate(d.statusChangeDate)],
      ['Assessment key', d.key],
      ['Policy', d.policyDefinitionId],
      ['IaC rule', d.iacRuleId],
    ]),
    resource: present([
      ['Name', d.resourceName],
      ['Type', `${resourceTypeLabel(d.resourceType)} (${d.resourceType})`],
      ['Cloud', CLOUD_LABELS[d.cloud]],
      ['Subscription', d.subscriptionName ? `${d.subscriptionName} (${d.subscriptionId ?? ''})` : d.subscriptionId],
      ['Resource group', d.resourceGroup],
      ['Location', d.location],
      ['Tags', tags],
      ['Resource id', d.resourceId],
      ['Native id', d.nativeResourceId],
      ['Connector', d.connectorId],
    ]),
    governance: present([
      ['Owner', ownerText(d.owner)],
      ['Due date', d.dueDate === undefined ? undefined : displayDate(d.dueDate)],
      ['State', GOVERNANCE_LABELS[d.governance]],
      ['Grace period', d.isGracePeriod],
      ['ETA', d.etaDate === undefined ? undefined : `${displayDate(d.etaDate)}${d.etaJustification ? `: ${d.etaJustification}` : ''}`],
      ['Ticket', d.ticketNumber === undefined ? undefined : `${d.ticketNumber}${d.ticketStatus ? ` (${d.ticketStatus})` : ''}`],
    ]),
    riskFactors: !hasRiskData
      ? 'n/a (needs Defender CSPM)'
      : d.riskFactors.length > 0
        ? d.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ')
        : d.riskFactorLabels.length > 0
          ? d.riskFactorLabels.join(', ')
          : 'None',
    attackPaths: d.attackPaths.map((p) => ({
      label: p.riskLevel ? `${p.riskLevel} risk` : 'Attack path',
      value: [p.displayName, p.entryPoint ? `from ${resourceNameOf(p.entryPoint)}` : '', p.target ? `to ${resourceNameOf(p.target)}` : ''].filter(Boolean).join(' '),
    })),
    findingsTitle: openFindings.length === 0 ? '' : `Vulnerability findings (${openFindings.length}${openFindings.length > MAX_FINDINGS ? `, showing ${MAX_FINDINGS}` : ''})`,
    findings: openFindings.slice(0, MAX_FINDINGS).map((f) => ({
      title: f.displayName,
      severity: f.severity,
      severityColor: levelColor(f.severity),
      facts: [f.cves.join(', ') || f.findingId, f.cvssScore === undefined ? '' : `CVSS ${f.cvssScore}`, f.patchable === undefined ? '' : f.patchable ? 'patch available' : 'no patch yet']
        .filter(Boolean)
        .join(' · '),
    })),
    portalLink: safePortalLink(d.portalLink),
    rankingNote: hasRiskData ? '' : 'This data has no risk levels or attack paths: risk prioritization needs Defender CSPM.',
  };
}
