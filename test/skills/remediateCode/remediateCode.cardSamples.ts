// Sample findings cards for the template tests and the contrast check: a long list (skipped files, checks not shown)
// and an empty one, built by the skill's own view builder from findings shaped as the scanner reports them; fix
// previews with a long diff (clipped lines, "… N more lines") and with a finding left to a person.
import type { FixPreview, WorkspaceScan } from '../../../src/iac/iacWorkspace';
import { IAC_RULES } from '../../../src/iac/rules/catalog';
import type { ScanFinding } from '../../../src/iac/scanner';
import { unifiedDiff } from '../../../src/iac/patch';
import { buildIacFindingsView, buildIacFixPreviewView } from '../../../src/skills/remediateCode/findingsText';
import type { CardReply } from '../../../src/views/reply';

const finding = (ruleId: string, file: string, line: number): ScanFinding => {
  const rule = IAC_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return {
    file, line, ruleId, assessmentKey: rule.assessmentKey, recommendation: rule.recommendation, severity: rule.severity, resource: 'x/y', message: 'sample', language: 'terraform',
    fix: { kind: 'manual', reason: 'sample' }, fixSummary: 'sample', resourceSpan: { start: 0, end: 1, line },
  };
};

const checks: WorkspaceScan['checks'] = IAC_RULES.map((rule, i) => ({ rule, findings: [finding(rule.id, `modules/m${i}/main.tf`, 10 + i), ...(i % 3 === 0 ? [finding(rule.id, 'envs/prod/main.tf', 4)] : [])], files: [`modules/m${i}/main.tf`] }));
const scan: WorkspaceScan = { repository: 'iac-demo-repo', branch: 'main', commit: 'abc1234def', checks, problems: [{ file: 'broken.bicep', line: 3, message: 'syntax error' }] };

/** A preview whose diff has `changed` edited lines in one Terraform file, one of them far too long for a card. */
export function samplePreview(changed: number, refused = false): FixPreview {
  const rule = IAC_RULES.find((r) => r.id === 'storage-min-tls') ?? (IAC_RULES[0] as FixPreview['rule']);
  const before = Array.from({ length: changed }, (_, i) => `  min_tls_version_${i}          = var.min_tls # **not markdown** [link](https://evil.example)`).join('\n');
  const after = `${before.replace(/var\.min_tls/g, '"TLS1_2"')}\n  tags = { note = "${'x'.repeat(300)}" }`;
  const file = 'modules/storage/main.tf';
  const found = finding(rule.id, file, 3);
  return {
    rule, repository: 'iac-demo-repo', commit: 'abc1234def', findings: [found],
    outcome: { sources: [{ file, text: after }], changedFiles: [file], applied: [], refused: refused ? [{ finding: { ...found, file: 'envs/prod/main.tf', line: 9 }, reason: 'the value comes from a computed expression' }] : [] },
    diff: unifiedDiff([{ file, text: before }], [{ file, text: after }], [file]),
  } as FixPreview;
}

export const CARD_SAMPLES: CardReply[] = [
  { template: 'iacFixPreview', model: buildIacFixPreviewView(samplePreview(40)) },
  { template: 'iacFixPreview', model: buildIacFixPreviewView(samplePreview(2, true)) },
  { template: 'iacFindings', model: buildIacFindingsView(scan, checks, undefined) },
  { template: 'iacFindings', model: buildIacFindingsView({ ...scan, checks: [], problems: [] }, [], 'storage') },
];
