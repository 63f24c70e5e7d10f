// The answers of the remediate-code skill: the findings grouped by security check (a card, one "Fix this" button per
// check), and the fix preview (diff, files, mapped recommendation) as plain text, as every text answer is sent.
import type { FixPreview, WorkspaceScan } from '../../iac/iacWorkspace';
import type { IacFindingsView } from '../../views/iacFindingsView';
import { withoutLinks } from '../../views/portalLinks';

export const MAX_CHECKS_SHOWN = 10;
const MAX_DIFF_LINES = 60;

const recommendationOf = (rule: { recommendation: string; assessmentKey: string | null }) =>
  `${rule.recommendation}${rule.assessmentKey ? ` (${rule.assessmentKey})` : ' (no assessment key)'}`;

/** The verb of each check's "Fix this" button (src/skills/remediateCode/cardVerbs.ts). */
export const IAC_FIX_VERB = 'iacFix';

/** The findings card: one row per security check (at most MAX_CHECKS_SHOWN), each with its "Fix this" button. */
export function buildIacFindingsView(scan: WorkspaceScan, checks: WorkspaceScan['checks'], scope: string | undefined): IacFindingsView {
  const where = `${withoutLinks(scan.repository)} (${scan.branch} at ${scan.commit.slice(0, 7)})`;
  const total = checks.reduce((n, c) => n + c.findings.length, 0);
  const rows = checks.slice(0, MAX_CHECKS_SHOWN).map((c, i) => {
    const first = c.findings[0];
    const more = c.findings.length > 1 ? ` and ${c.findings.length - 1} more` : '';
    return {
      heading: `${i + 1}. ${c.rule.title}`,
      detail: `${c.rule.severity}${first ? ` · ${withoutLinks(first.file)}:${first.line}${more}` : ''}`,
      recommendation: `Defender: ${recommendationOf(c.rule)}`,
      buttonTitle: 'Fix this',
      verb: IAC_FIX_VERB,
      ref: c.rule.id,
    };
  });
  const hidden = checks.length - rows.length;
  return {
    title: scope ? `IaC findings for ${scope}` : 'IaC findings',
    intro: checks.length === 0 ? `In ${where}.` : `${total} finding${total === 1 ? '' : 's'} in ${where}, by security check. "Fix this" shows the change before anything is submitted.`,
    checks: rows,
    emptyText: checks.length === 0 ? `No IaC findings${scope ? ` for ${scope}` : ''}: every Bicep, ARM and Terraform file there passes the checks.` : '',
    skipped: scan.problems.length > 0 ? `${scan.problems.length} file(s) could not be parsed and were skipped: ${scan.problems.slice(0, 3).map((p) => `${withoutLinks(p.file)}:${p.line}`).join(', ')}.` : '',
    more: hidden > 0 ? `${hidden} more check${hidden === 1 ? ' is' : 's are'} not shown: ask for one service, for example "IaC findings for storage".` : '',
  };
}

export function previewText(preview: FixPreview): string {
  const diffLines = preview.diff.split('\n');
  const shown = diffLines.slice(0, MAX_DIFF_LINES).join('\n') + (diffLines.length > MAX_DIFF_LINES ? `\n… ${diffLines.length - MAX_DIFF_LINES} more lines` : '');
  const refused = preview.outcome.refused.map((r) => `- Not fixed automatically: ${r.finding.file}:${r.finding.line} (${r.reason}).`);
  // Blank lines between the header lines: Teams joins single-newline lines into one paragraph.
  return [
    `Fix for "${preview.rule.title}" on ${preview.repository}`,
    '',
    `Defender recommendation: ${recommendationOf(preview.rule)}`,
    '',
    `Files: ${preview.outcome.changedFiles.join(', ') || 'none'}`,
    ...refused.flatMap((r) => ['', r]),
    '',
    'The change:',
    shown.trimEnd(),
  ].join('\n');
}
