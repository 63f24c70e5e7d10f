// Sample findings cards for the template tests and the contrast check: a long list (skipped files, checks not shown)
// and an empty one, built by the skill's own view builder from findings shaped as the scanner reports them.
import type { WorkspaceScan } from '../../../src/iac/iacWorkspace';
import { IAC_RULES } from '../../../src/iac/rules/catalog';
import type { ScanFinding } from '../../../src/iac/scanner';
import { buildIacFindingsView } from '../../../src/skills/remediateCode/findingsText';
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

export const CARD_SAMPLES: CardReply[] = [
  { template: 'iacFindings', model: buildIacFindingsView(scan, checks, undefined) },
  { template: 'iacFindings', model: buildIacFindingsView({ ...scan, checks: [], problems: [] }, [], 'storage') },
];
