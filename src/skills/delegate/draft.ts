// The delegation email as first drafted: a subject and a plain-text body written from the data (recommendation,
// resource, risk level and factors, severity, why it matters, remediation steps and script). The requester edits
// both on the card; the due date, grace period, note, portal link and reference are added below the body when it
// is sent, so they always match what was confirmed. Text from data is plain text here; the HTML part escapes it.
import type { RecommendationDetails } from '../../posture/engine';
import type { KnowledgeEntry } from '../../remediation/knowledge/model';
import type { Remediation } from '../../remediation/remediation';
import { safePortalLink, withoutLinks } from '../../views/portalLinks';
import { RISK_FACTOR_LABELS, resourceTypeLabel } from '../../views/postureLabels';

/** The card's body input holds at most this many characters. */
export const MAX_DRAFT_BODY = 3800;
const MAX_SCRIPT = 1600;

const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();

export function draftSubject(d: Pick<RecommendationDetails, 'displayName' | 'resourceName'>): string {
  return oneLine(`Please fix: ${withoutLinks(d.displayName)} on ${d.resourceName}`).slice(0, 200);
}

export function draftBody(d: RecommendationDetails, knowledge: KnowledgeEntry | undefined, remediation: Remediation): string {
  const lines: string[] = ['Hello,', '', 'Microsoft Defender for Cloud reports a recommendation on a resource you own. Could you fix it by the due date below?', ''];
  lines.push(`Recommendation: ${oneLine(withoutLinks(d.displayName))}`);
  lines.push(`Resource: ${oneLine(d.resourceName)} (${resourceTypeLabel(d.resourceType)})${d.resourceGroup ? `, resource group ${oneLine(d.resourceGroup)}` : ''}${d.subscriptionName || d.subscriptionId ? `, subscription ${oneLine(d.subscriptionName ?? d.subscriptionId ?? '')}` : ''}`);
  lines.push(`Resource id: ${oneLine(d.resourceId)}`);
  if (d.riskLevel) lines.push(`Risk level: ${d.riskLevel}${d.riskFactors.length > 0 ? ` (${d.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ')})` : ''}`);
  else if (d.riskFactors.length > 0) lines.push(`Risk factors: ${d.riskFactors.map((f) => RISK_FACTOR_LABELS[f]).join(', ')}`);
  lines.push(`Severity: ${d.severity}`);
  if (d.attackPathCount > 0) lines.push(`Attack paths through it: ${d.attackPathCount}`);
  const why = knowledge?.whyItMatters ?? (d.description ? oneLine(withoutLinks(d.description)) : undefined);
  if (why) lines.push('', 'Why it matters:', why);
  const lookup = remediation.fixFor(d.key, d.resourceId);
  const steps = lookup.status === 'unknown' ? (knowledge?.steps ?? (d.remediationDescription ? [oneLine(withoutLinks(d.remediationDescription))] : [])) : lookup.steps;
  if (steps.length > 0) lines.push('', 'How to fix it:', ...steps.map((s, i) => `${i + 1}. ${s}`));
  if (lookup.status === 'fix') {
    const script = remediation.renderScripts(lookup.fix).bash.text;
    lines.push('', 'Script (Azure CLI, bash; review before running):', script.length > MAX_SCRIPT ? `${script.slice(0, MAX_SCRIPT)}\n[… shortened: ask the bot "how do I fix it?" for the whole script]` : script.trimEnd());
  }
  lines.push('', 'Thank you.');
  const body = lines.join('\n');
  return body.length > MAX_DRAFT_BODY ? `${body.slice(0, MAX_DRAFT_BODY - 2)} …` : body;
}

/** What is added below the edited body when the email is sent. */
export function footer(input: { dueDate: string; gracePeriod: boolean; note: string; portalLink: string; reference: string }): string {
  return [
    '',
    '---',
    `Due date: ${input.dueDate}${input.gracePeriod ? ' (grace period: the secure score is not affected until then)' : ''}`,
    ...(input.note.trim() ? [`Note: ${input.note.trim()}`] : []),
    ...(safePortalLink(input.portalLink) ? [`Open in the Azure portal: ${safePortalLink(input.portalLink)}`] : []),
    `Reference: ${input.reference}`,
  ].join('\n');
}

/** One owner's draft for several recommendations (bulk delegation): one line each, as many as the body holds. */
export function draftGroupSubject(count: number): string {
  return `Please fix: ${count} Defender for Cloud recommendation${count === 1 ? '' : 's'} on resources you own`;
}

export function draftGroupBody(items: ReadonlyArray<Pick<RecommendationDetails, 'displayName' | 'resourceName' | 'severity' | 'riskLevel'>>): string {
  const head = ['Hello,', '', `Microsoft Defender for Cloud reports ${items.length} recommendation${items.length === 1 ? '' : 's'} on resources you own. Could you fix ${items.length === 1 ? 'it' : 'them'} by the due date below?`, ''];
  const tail = ['', 'Each one is tracked separately; the steps to fix each are in the Azure portal (Defender for Cloud, Recommendations).', '', 'Thank you.'];
  const lines = [...head];
  let size = [...head, ...tail].join('\n').length + 80;
  for (const [index, item] of items.entries()) {
    const line = oneLine(`${index + 1}. ${withoutLinks(item.displayName)} — ${item.resourceName} (severity ${item.severity}${item.riskLevel ? `, risk ${item.riskLevel}` : ''})`).slice(0, 400);
    if (size + line.length + 1 > MAX_DRAFT_BODY) {
      lines.push(`… and ${items.length - index} more (all are recorded when this is sent).`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return [...lines, ...tail].join('\n');
}
