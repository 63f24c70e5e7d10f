// The text answers of the remediate-code skill: the findings grouped by security check, and the fix preview (diff,
// files, mapped recommendation). Plain text, as every text answer is sent: no markdown markers to show raw.
import type { FixPreview, WorkspaceScan } from '../../iac/iacWorkspace';

export const MAX_CHECKS_SHOWN = 10;
const MAX_DIFF_LINES = 60;

const recommendationOf = (rule: { recommendation: string; assessmentKey: string | null }) =>
  `${rule.recommendation}${rule.assessmentKey ? ` (${rule.assessmentKey})` : ' (no assessment key)'}`;

export function checksText(scan: WorkspaceScan, checks: WorkspaceScan['checks'], scope: string | undefined): string {
  const where = `${scan.repository} (${scan.branch} at ${scan.commit.slice(0, 7)})`;
  if (checks.length === 0) return `No IaC findings${scope ? ` for ${scope}` : ''} in ${where}: every Bicep, ARM and Terraform file there passes the checks.`;
  const total = checks.reduce((n, c) => n + c.findings.length, 0);
  const lines = checks.slice(0, MAX_CHECKS_SHOWN).map((c, i) => {
    const first = c.findings[0];
    const at = first ? `${first.file}:${first.line}` : '';
    const more = c.findings.length > 1 ? ` and ${c.findings.length - 1} more` : '';
    return `${i + 1}. ${c.rule.title} (${c.rule.severity}): ${at}${more}. Defender: ${recommendationOf(c.rule)}`;
  });
  const skipped = scan.problems.length > 0 ? `\n\n${scan.problems.length} file(s) could not be parsed and were skipped: ${scan.problems.slice(0, 3).map((p) => `${p.file}:${p.line}`).join(', ')}.` : '';
  return `${total} IaC finding${total === 1 ? '' : 's'}${scope ? ` for ${scope}` : ''} in ${where}, by security check:\n\n${lines.join('\n')}${skipped}\n\nPick a check to see its fix: "fix IaC check 1".`;
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
