// How scan results are written for people (a table) and tools (JSON findings, SARIF 2.1.0 for code scanning).
import type { Finding } from './model';
import { IAC_RULES } from './rules/catalog';

export function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const rows = findings.map((f) => [f.severity, `${f.file}:${f.line}`, f.ruleId, f.resource, f.message]);
  const header = ['SEVERITY', 'LOCATION', 'RULE', 'RESOURCE', 'MESSAGE'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line), '', `${findings.length} finding${findings.length === 1 ? '' : 's'}.`].join('\n') + '\n';
}

const LEVEL = { Critical: 'error', High: 'error', Medium: 'warning', Low: 'note' } as const;

export function sarifLog(findings: readonly Finding[]): object {
  const used = new Set(findings.map((f) => f.ruleId));
  const rules = IAC_RULES.filter((r) => used.has(r.id));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'posture-bot-iac',
            informationUri: 'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: `Defender for Cloud recommendation: ${r.recommendation}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { severity: r.severity, assessmentKey: r.assessmentKey, recommendation: r.recommendation },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: rules.findIndex((r) => r.id === f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line } } }],
          properties: { severity: f.severity, assessmentKey: f.assessmentKey, recommendation: f.recommendation, resource: f.resource },
        })),
      },
    ],
  };
}
