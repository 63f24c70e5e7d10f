// Builds the remediation card's view model: the steps, and for a scripted fix its scripts (Azure CLI and
// PowerShell for Azure, the AWS CLI or gcloud otherwise); software updates name the fixed version; a recommendation
// without a scripted fix says so and keeps the manual steps.
import type { RecommendationDetails } from '../../posture/engine';
import type { Remediation, FixLookup } from '../../remediation/remediation';
import type { Script } from '../../remediation/fixes/model';
import type { RemediationView, ScriptView } from '../../views/remediationView';
import { safePortalLink, withoutLinks } from '../../views/portalLinks';
import { resourceTypeLabel } from '../../views/postureLabels';
import type { KnowledgeEntry } from './summaryView';

const BASH_TITLES = { azure: 'Azure CLI (bash)', aws: 'AWS CLI (bash)', gcp: 'gcloud (bash)' } as const;

function scriptView(title: string, script: Script): ScriptView {
  return { title, language: script.language, fileName: script.fileName, code: script.text, lines: script.text.replace(/\n$/, '').split('\n').map((text) => ({ text })), downloadUrl: '' };
}

export interface RemediationInput {
  details: RecommendationDetails;
  knowledge: KnowledgeEntry | undefined;
  lookup: FixLookup;
  remediation: Remediation;
  /** Whether the bot offers to apply appliable fixes here (an "Apply fix" button). */
  canApply: boolean;
  buttons: RemediationView['buttons'];
}

export function buildRemediationView({ details: d, knowledge, lookup, remediation, canApply, buttons }: RemediationInput): RemediationView {
  const exportSteps = d.remediationDescription?.trim() ? [withoutLinks(d.remediationDescription.trim())] : [];
  let steps: string[] = lookup.status === 'unknown' ? (knowledge?.steps ? [...knowledge.steps] : exportSteps) : lookup.steps;
  let scripts: ScriptView[] = [];
  let summary: string;
  let note = '';
  if (lookup.status === 'fix') {
    const rendered = remediation.renderScripts(lookup.fix);
    const change = remediation.describeChange(lookup.fix);
    scripts = [scriptView(BASH_TITLES[lookup.fix.target.cloud], rendered.bash), ...(rendered.powershell ? [scriptView('PowerShell (Az module)', rendered.powershell)] : [])];
    summary = `${change.sentence} ${change.impact}`;
    note = change.appliable
      ? canApply
        ? 'Each script targets this resource by its full id with the subscription pinned. Or let the bot apply it: "Apply fix" shows the change for you to confirm.'
        : 'Each script targets this resource by its full id with the subscription pinned. Run one where you are signed in with rights to change the resource.'
      : `Run one of these yourself; the bot does not apply this change: ${(change.notAppliableReason ?? 'it needs a person to decide').replace(/[.\s]+$/, '')}.`;
  } else if (lookup.status === 'invalidTarget') {
    summary = `A scripted fix exists for this recommendation, but not for this resource: ${lookup.reason}. Follow the steps instead.`;
  } else {
    summary = 'There is no automatable fix for this one: follow the steps below.';
  }
  if (d.software || d.fixedVersion || d.recommendationCategory === 'SoftwareUpdate') {
    const advice = remediation.softwareUpdate({ packageName: d.software, detectedVersions: d.detectedVersions ? [d.detectedVersions] : [], fixedVersion: d.fixedVersion, cves: d.cves ?? [] });
    summary = advice.sentence;
    if (lookup.status !== 'fix') note = advice.hasFixedVersion ? 'Update through your package manager or image build, then let Defender rescan.' : 'No fixed version is published yet: reduce exposure until one is.';
  }
  if (steps.length === 0) steps = ['Open the recommendation in the portal: its remediation steps are there.'];
  return {
    title: `Fix: ${withoutLinks(d.displayName)}`,
    subtitle: `On ${d.resourceName} (${resourceTypeLabel(d.resourceType)})`,
    summary,
    steps: steps.map((text, i) => ({ number: String(i + 1), text })),
    scripts,
    note,
    portalLink: safePortalLink(d.portalLink),
    buttons,
  };
}
