// The answers of the remediate-code skill: the findings grouped by security check (a card, one "Fix this" button per
// check), and the fix preview card (check, recommendation, files, the diff line by line in monospace).
import type { FixPreview, WorkspaceScan } from '../../iac/iacWorkspace';
import type { IacFindingsView } from '../../views/iacFindingsView';
import type { IacDiffLineView, IacFixPreviewView } from '../../views/iacFixPreviewView';
import { withoutLinks } from '../../views/portalLinks';

export const MAX_CHECKS_SHOWN = 10;
const MAX_DIFF_LINES = 60;
/** Longer diff lines are clipped with "…" so one minified line cannot stretch the card. */
const MAX_LINE_CHARS = 140;

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

/** One diff line for the card: tabs as two spaces, indentation and runs of spaces kept (HTML would collapse them). */
function diffLine(line: string): IacDiffLineView {
  const clipped = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line;
  const text = clipped.replace(/\t/g, '  ').replace(/^ +| {2,}/g, (run) => '\u00a0'.repeat(run.length)) || '\u00a0';
  const header = /^(--- |\+\+\+ |@@|Index: )/.test(line);
  if (header) return { text, color: 'Default', subtle: false, weight: 'Bolder' };
  if (line.startsWith('+')) return { text, color: 'Accent', subtle: false, weight: 'Default' };
  return { text, color: 'Default', subtle: line.startsWith('-'), weight: 'Default' };
}

/** The fix preview card: the check, the Defender recommendation, the files and the diff line by line (clipped). */
export function buildIacFixPreviewView(preview: FixPreview): IacFixPreviewView {
  const diffLines = preview.diff.replace(/\n$/, '').split('\n');
  const hidden = diffLines.length - MAX_DIFF_LINES;
  return {
    title: `Fix preview: ${withoutLinks(preview.rule.title)}`,
    subtitle: `${withoutLinks(preview.repository)} at ${preview.commit.slice(0, 7)}`,
    check: `Security check: ${withoutLinks(preview.rule.title)} (${preview.rule.severity})`,
    recommendation: `Defender recommendation: ${recommendationOf(preview.rule)}`,
    files: `Files: ${preview.outcome.changedFiles.map(withoutLinks).join(', ') || 'none'}`,
    refused: preview.outcome.refused.map((r) => ({ text: `Not fixed automatically: ${withoutLinks(r.finding.file)}:${r.finding.line} (${r.reason}).` })),
    lines: diffLines.slice(0, MAX_DIFF_LINES).map(diffLine),
    more: hidden > 0 ? `… ${hidden} more line${hidden === 1 ? '' : 's'} (the pull request has the whole diff).` : '',
  };
}
