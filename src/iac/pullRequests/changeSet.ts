// The branch, commit message and pull request text for one security check's fix. Names come from rule ids and file
// paths (data), so they are sanitised: git ref rules, no shell, bounded length.
import { createHash } from 'node:crypto';
import type { IacRule } from '../rules/ruleModel';
import type { ChangeSet } from './pullRequestProvider';
import type { SourceFile } from '../parsers/terraformTemplate';

/** A branch name git accepts (check-ref-format) built from untrusted parts. */
export function safeBranchName(...parts: string[]): string {
  const cleaned = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[-.]+|[-.]+$/g, '').replace(/\.lock$/, ''))
    .filter((p) => p.length > 0);
  return ['posture-bot', ...cleaned].join('/').slice(0, 100).replace(/[/.-]+$/, '');
}

/** One line of text for a commit subject or PR title: no control characters, bounded. */
export const safeLine = (text: string, max = 120) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

export interface FixedCheck {
  rule: Pick<IacRule, 'id' | 'title' | 'recommendation' | 'assessmentKey' | 'severity'>;
  files: readonly SourceFile[];
  /** One sentence per applied fix. */
  summaries: readonly string[];
  /** The findings' sentences, as the scan wrote them. */
  findings: readonly string[];
  diff: string;
  baseCommit: string;
  requestedBy: string;
}

export function changeSetFor(check: FixedCheck): ChangeSet {
  const digest = createHash('sha256').update(check.files.map((f) => f.file).sort().join('\n')).digest('hex').slice(0, 8);
  const title = safeLine(`IaC: ${check.rule.title}`);
  const key = check.rule.assessmentKey ? ` (assessment key ${check.rule.assessmentKey})` : '';
  const description = [
    `## ${title}`,
    '',
    `**Defender for Cloud recommendation:** ${check.rule.recommendation}${key}. Severity: ${check.rule.severity}.`,
    '',
    '### What was found',
    ...check.findings.map((f) => `- ${safeLine(f, 400)}`),
    '',
    '### What this change does',
    ...[...new Set(check.summaries)].map((s) => `- ${safeLine(s, 400)}`),
    '',
    'Each edit changes only the resource at fault and keeps the file\'s formatting; the files re-scan clean.',
    '',
    '### Please review',
    'Check that the change suits every environment deployed from these templates before merging. The bot never merges and never pushes to the default branch.',
    '',
    `_Requested in Teams by ${safeLine(check.requestedBy, 80)} through posture-bot._`,
  ].join('\n');
  return {
    branch: safeBranchName('iac', check.rule.id, digest),
    title,
    description,
    commitMessage: `${title}\n\nFixes: ${safeLine(check.rule.recommendation)}\nFiles: ${check.files.map((f) => safeLine(f.file, 200)).join(', ')}\nRequested-by: ${safeLine(check.requestedBy, 80)}`,
    files: check.files,
    baseCommit: check.baseCommit,
    patch: check.diff,
  };
}
