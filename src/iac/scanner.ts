// The scanner: reads a folder's Bicep, ARM JSON and Terraform files, parses each with its real parser, runs every
// rule on every resource, and returns findings with file (relative) and 1-based line. Unparsable files are reported
// with file and line and skipped; the others are still scanned.
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import type { Finding, IacResource, ParsedTemplate, ParseProblem, Span } from './model';
import { isArmParameterFile, isArmTemplate, parseArmTemplate, readParameterFile } from './parsers/armTemplate';
import { isBicepParamFile, parseBicepDeployments } from './bicepDeployments';
import { parseTerraformModule, type SourceFile } from './parsers/terraformTemplate';
import { treeSitterParsers } from './parsers/treeSitter';
import { IAC_RULES } from './rules/catalog';
import { appliesTo, type FixAction, type IacRule } from './rules/ruleModel';

export interface ScanFinding extends Finding {
  fix: FixAction;
  fixSummary: string;
  /** The resource's text, which its fix may not leave. */
  resourceSpan: Span;
}

export interface ScanResult {
  findings: ScanFinding[];
  problems: ParseProblem[];
  templates: ParsedTemplate[];
}

/** The files the scanner reads: Bicep and its parameter files, JSON (ARM templates and parameter files), Terraform and tfvars. */
export const isIacFileName = (name: string) => /\.(bicep|bicepparam|json|tf|tfvars)$/i.test(name);

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.terraform', 'dist', 'bin', 'obj']);
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Every file the scanner reads under a folder, as paths relative to it with forward slashes. */
export async function listIacFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(join(dir, entry.name));
      } else if (entry.isFile() && isIacFileName(entry.name)) {
        out.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
      }
    }
  };
  await visit(root);
  return out.sort();
}

export async function readSources(root: string, files: readonly string[]): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  for (const file of files) {
    const text = await readFile(join(root, ...file.split('/')), 'utf8');
    if (text.length <= MAX_FILE_BYTES) sources.push({ file, text });
  }
  return sources;
}

export async function scanDirectory(root: string, rules: readonly IacRule[] = IAC_RULES): Promise<ScanResult> {
  return scanSources(await readSources(root, await listIacFiles(root)), rules);
}

const parameterFileFor = (file: string) => file.replace(/\.(bicep|json)$/i, '.parameters.json');
const isTfvars = (file: string) => /(^|\/)terraform\.tfvars$|\.auto\.tfvars$/i.test(file);

/** Parses files given as text (relative path + content) and runs the rules; the folder scan and the fixer's re-scan use it. */
export async function scanSources(sources: readonly SourceFile[], rules: readonly IacRule[] = IAC_RULES): Promise<ScanResult> {
  const byFile = new Map(sources.map((s) => [s.file, s]));
  const parameters = (file: string) => {
    const source = byFile.get(parameterFileFor(file));
    return source && isArmParameterFile(source.text) ? readParameterFile(source.text) : undefined;
  };
  const units: ParsedTemplate[][] = [];
  const needsTreeSitter = sources.some((s) => /\.(bicep|bicepparam|tf)$/i.test(s.file));
  const bicep: SourceFile[] = [];
  const parsers = needsTreeSitter ? await treeSitterParsers() : undefined;
  const modules = new Map<string, { tf: SourceFile[]; tfvars: SourceFile[] }>();
  for (const source of sources) {
    const lower = source.file.toLowerCase();
    if (lower.endsWith('.json')) {
      if (isArmTemplate(source.text)) units.push([parseArmTemplate(source.file, source.text, parameters(source.file))]);
    } else if (lower.endsWith('.bicep') || isBicepParamFile(lower)) {
      bicep.push(source);
    } else if (lower.endsWith('.tf') || isTfvars(lower)) {
      const folder = posix.dirname(source.file);
      const module = modules.get(folder) ?? { tf: [], tfvars: [] };
      (lower.endsWith('.tf') ? module.tf : module.tfvars).push(source);
      modules.set(folder, module);
    }
  }
  for (const module of modules.values()) if (parsers && module.tf.length > 0) units.push(parseTerraformModule(parsers, module.tf, module.tfvars));
  if (parsers && bicep.length > 0) units.push(...parseBicepDeployments(parsers, bicep, parameters).map((t) => [t]));

  const findings: ScanFinding[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    for (const template of unit) {
      const visit = (resource: IacResource) => {
        for (const rule of rules) {
          if (!appliesTo(rule, resource)) continue;
          for (const failure of rule.evaluate(resource, { template, unit })) {
            // A Bicep file read with several sets of inputs (parameter files, module calls) reports a finding once.
            const key = `${template.file}|${failure.line}|${rule.id}|${resource.span.start}|${failure.message}`;
            if (seen.has(key)) continue;
            seen.add(key);
            findings.push({
              file: template.file, line: failure.line, ruleId: rule.id, assessmentKey: rule.assessmentKey, recommendation: rule.recommendation,
              severity: rule.severity, resource: `${resource.type}/${resource.name}`, message: failure.message, language: template.language,
              fix: failure.fix, fixSummary: failure.fixSummary, resourceSpan: resource.span,
            });
          }
        }
        resource.children.forEach(visit);
      };
      template.resources.forEach(visit);
    }
  }
  const templates = units.flat();
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  const problems = [...new Map(templates.flatMap((t) => t.problems).map((p) => [`${p.file}|${p.line}|${p.message}`, p])).values()];
  return { findings, problems, templates };
}

/** The finding without the scanner's internals: what the CLI prints and the bot stores. */
export const publicFinding = (f: ScanFinding): Finding => ({
  file: f.file, line: f.line, ruleId: f.ruleId, assessmentKey: f.assessmentKey, recommendation: f.recommendation, severity: f.severity, resource: f.resource, message: f.message, language: f.language,
});
