// Fixes as minimal text edits: one value replaced, or a few lines added inside the resource at fault, in the file's
// own indentation; everything else (comments, spacing, key order) stays byte for byte. A fix is kept only when the
// file re-scans without that finding and every edit stays inside the resource; otherwise it is refused with a reason.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { IacResource, ParsedTemplate, PropertyPath, TextEdit } from './model';
import { armJsonPath } from './parsers/armTemplate';
import type { SourceFile } from './parsers/terraformTemplate';
import type { FixAction, Scalar } from './rules/ruleModel';
import { scanSources, type ScanFinding } from './scanner';

export interface AppliedFix {
  finding: ScanFinding;
  summary: string;
}
export interface RefusedFix {
  finding: ScanFinding;
  reason: string;
}
export interface FixOutcome {
  /** Every source, with the fixed ones changed. */
  sources: SourceFile[];
  changedFiles: string[];
  applied: AppliedFix[];
  refused: RefusedFix[];
}

/** Same finding across edits that move lines: rule, file, resource and message. */
export const findingKey = (f: Pick<ScanFinding, 'ruleId' | 'file' | 'resource' | 'message'>) => `${f.ruleId}|${f.file}|${f.resource}|${f.message}`;

const bicepLiteral = (v: Scalar) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v));
const terraformLiteral = (v: Scalar) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function formattingOf(text: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indented.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indented.length, eol };
}

function resourceAt(template: ParsedTemplate, start: number): IacResource | undefined {
  const all = (list: readonly IacResource[]): IacResource[] => list.flatMap((r) => [r, ...all(r.children)]);
  return all(template.resources).find((r) => r.span.start === start);
}

/** Lines that add `remaining` (objects/blocks down to the value) at an indent, for Bicep or Terraform. */
function nestedLines(language: 'bicep' | 'terraform', remaining: PropertyPath, value: Scalar, indent: string, unit: string): string[] {
  const names = remaining.filter((p): p is string => typeof p === 'string');
  const lines: string[] = [];
  names.forEach((name, depth) => {
    const pad = indent + unit.repeat(depth);
    const last = depth === names.length - 1;
    if (language === 'bicep') lines.push(last ? `${pad}${name}: ${bicepLiteral(value)}` : `${pad}${name}: {`);
    else lines.push(last ? `${pad}${name} = ${terraformLiteral(value)}` : `${pad}${name} {`);
  });
  for (let depth = names.length - 2; depth >= 0; depth--) lines.push(`${indent}${unit.repeat(depth)}}`);
  return lines;
}

type EditPlan = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

function planEdits(template: ParsedTemplate, resource: IacResource, fix: FixAction): EditPlan {
  const { text } = template;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (fix.kind === 'manual') return { ok: false, reason: fix.reason };
  if (template.language === 'arm') {
    const path = fix.kind === 'set' ? fix.path : ['resources'];
    const jsonPath = armJsonPath(text, resource.span, path);
    if (!jsonPath) return { ok: false, reason: 'the resource could not be found again in the file' };
    const options = { formattingOptions: formattingOf(text) };
    const asEdits = (edits: ReturnType<typeof modify>): TextEdit[] => edits.map((e) => ({ start: e.offset, end: e.offset + e.length, text: e.content }));
    if (fix.kind === 'set') return { ok: true, edits: asEdits(modify(text, jsonPath, fix.value, options)) };
    const existing = resource.count(['resources']);
    const child = { ...fix.arm, dependsOn: [resource.name] };
    return { ok: true, edits: asEdits(existing > 0 ? modify(text, [...jsonPath, existing], child, { ...options, isArrayInsertion: true }) : modify(text, jsonPath, [child], options)) };
  }
  const unit = formattingOf(text).insertSpaces === false ? '\t' : '  ';
  if (fix.kind === 'addChild') {
    if (template.language === 'terraform') return { ok: true, edits: [{ start: resource.span.end, end: resource.span.end, text: `${eol}${eol}${fix.terraform.join(eol)}` }] };
    const where = resource.locate?.(['\u0000new child']);
    if (where?.kind !== 'absent') return { ok: false, reason: 'there is no place inside the resource to add it' };
    return { ok: true, edits: [{ start: where.insertAt, end: where.insertAt, text: fix.bicep.map((line) => `${where.indent}${line}`).join(eol) + eol }] };
  }
  const where = resource.locate?.(fix.path);
  if (!where || where.kind === 'unreachable') return { ok: false, reason: where?.reason ?? 'the property cannot be located' };
  const language = template.language;
  if (where.kind === 'found') return { ok: true, edits: [{ start: where.span.start, end: where.span.end, text: language === 'bicep' ? bicepLiteral(fix.value) : terraformLiteral(fix.value) }] };
  const lines = nestedLines(language, where.remaining, fix.value, where.indent, unit);
  return { ok: true, edits: [{ start: where.insertAt, end: where.insertAt, text: lines.join(eol) + eol }] };
}

/**
 * The sources one file's findings depend on: a Terraform file's module folder; for Bicep and ARM, every Bicep, ARM and
 * parameter file (a .bicepparam file or a module call in another folder may give its inputs).
 */
const isTerraform = (file: string) => /\.(tf|tfvars)$/i.test(file);
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
const unitOf = (sources: readonly SourceFile[], file: string) =>
  isTerraform(file) ? sources.filter((s) => isTerraform(s.file) && folderOf(s.file) === folderOf(file)) : sources.filter((s) => !isTerraform(s.file));

/** Applies the findings' fixes one at a time, each on the text the previous ones left, re-scanning after each. */
export async function applyFixes(sources: readonly SourceFile[], findings: readonly ScanFinding[]): Promise<FixOutcome> {
  let current = [...sources];
  const applied: AppliedFix[] = [];
  const refused: RefusedFix[] = [];
  const changed = new Set<string>();
  for (const wanted of findings) {
    const unit = unitOf(current, wanted.file);
    const before = await scanSources(unit);
    const finding = before.findings.find((f) => findingKey(f) === findingKey(wanted));
    if (!finding) {
      // An earlier fix in this run already resolved it (two findings, one edit): nothing more to do.
      applied.push({ finding: wanted, summary: wanted.fixSummary });
      continue;
    }
    const template = before.templates.find((t) => t.file === finding.file);
    const resource = template ? resourceAt(template, finding.resourceSpan.start) : undefined;
    if (!template || !resource) {
      refused.push({ finding: wanted, reason: 'the file could not be parsed, so it is not edited' });
      continue;
    }
    const plan = planEdits(template, resource, finding.fix);
    if (!plan.ok) {
      refused.push({ finding: wanted, reason: plan.reason });
      continue;
    }
    if (plan.edits.some((e) => e.start < resource.span.start || e.end > resource.span.end)) {
      refused.push({ finding: wanted, reason: 'the edit would change lines outside the resource at fault' });
      continue;
    }
    const text = applyEdits(template.text, plan.edits.map((e) => ({ offset: e.start, length: e.end - e.start, content: e.text })));
    const next = current.map((s) => (s.file === finding.file ? { file: s.file, text } : s));
    const after = await scanSources(unitOf(next, finding.file));
    if (after.problems.some((p) => p.file === finding.file)) {
      refused.push({ finding: wanted, reason: 'the edited file would no longer parse' });
      continue;
    }
    if (after.findings.some((f) => f.ruleId === finding.ruleId && f.file === finding.file && f.resource === finding.resource && f.message === finding.message)) {
      refused.push({ finding: wanted, reason: 'the file still breaks the rule after the edit' });
      continue;
    }
    current = next;
    changed.add(finding.file);
    applied.push({ finding: wanted, summary: finding.fixSummary });
  }
  return { sources: current, changedFiles: [...changed].sort(), applied, refused };
}
