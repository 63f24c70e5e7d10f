// Which inputs each Bicep file is judged with, as it would be deployed:
// - from every .bicepparam file that `using`s it, each value there first, then <name>.parameters.json, then defaults;
// - without one, from <name>.parameters.json, then defaults;
// - when other Bicep files call it as a module (`module x './sub/file.bicep' = { params: {...} }`), with each
//   call's inputs as the caller resolves them (a computed input is unknown), then defaults. Calls are followed one
//   level: a caller is read with its own parameter files, not with the inputs of whoever calls it in turn.
// A file read with several sets of inputs yields one template per set; the scanner drops repeated findings.
import { posix } from 'node:path';
import type { ParsedTemplate } from './model';
import { readBicepParamFile, type BicepParamFile } from './parsers/bicepParameters';
import { parseBicepTemplate, type BicepInput, type BicepInputs, type BicepTemplate } from './parsers/bicepTemplate';
import type { SourceFile } from './parsers/terraformTemplate';
import type { TreeSitterParsers } from './parsers/treeSitter';

export const isBicepParamFile = (file: string) => /\.bicepparam$/i.test(file);

const localModulePath = (caller: string, path: string) => (/^(br|ts)[:/]/i.test(path) ? undefined : posix.normalize(posix.join(posix.dirname(caller), path)));

/**
 * `bicep`: the .bicep and .bicepparam sources; `jsonParameters`: a template's <name>.parameters.json values, if any.
 * Returns every template read (one per set of inputs) and each unreadable parameter file as a template with its problem.
 */
export function parseBicepDeployments(
  parsers: TreeSitterParsers,
  bicep: readonly SourceFile[],
  jsonParameters: (file: string) => ReadonlyMap<string, unknown> | undefined,
): ParsedTemplate[] {
  const paramFiles = bicep.filter((s) => isBicepParamFile(s.file)).map((s) => readBicepParamFile(parsers, s.file, s.text));
  const templates = bicep.filter((s) => !isBicepParamFile(s.file));
  const usedBy = new Map<string, BicepParamFile[]>();
  for (const p of paramFiles) if (p.template) usedBy.set(p.template, [...(usedBy.get(p.template) ?? []), p]);

  const fromJson = (file: string): Map<string, BicepInput> => {
    const values = new Map<string, BicepInput>();
    const origin = file.replace(/\.bicep$/i, '.parameters.json');
    for (const [name, value] of jsonParameters(file) ?? []) values.set(name, { ok: true, value, from: 'parameterFile', origin });
    return values;
  };
  const ownInputs = (file: string): BicepInputs[] => {
    const json = fromJson(file);
    const params = usedBy.get(file) ?? [];
    return params.length > 0 ? params.map((p) => ({ values: new Map([...json, ...p.values]) })) : [{ values: json }];
  };

  const standalone = new Map<string, BicepTemplate[]>();
  for (const source of templates) standalone.set(source.file, ownInputs(source.file).map((inputs) => parseBicepTemplate(parsers, source.file, source.text, inputs)));
  const calls = new Map<string, BicepInputs[]>();
  for (const [file, read] of standalone) {
    for (const call of read.flatMap((t) => t.moduleCalls)) {
      const target = localModulePath(file, call.path);
      if (target && standalone.has(target)) calls.set(target, [...(calls.get(target) ?? []), call.inputs]);
    }
  }

  const out: ParsedTemplate[] = paramFiles.filter((p) => p.problems.length > 0).map((p) => ({ file: p.file, language: 'bicep', text: '', resources: [], problems: p.problems }));
  for (const source of templates) {
    const called = calls.get(source.file);
    if (!called) {
      out.push(...(standalone.get(source.file) ?? []));
      continue;
    }
    // Deployed as a module: its callers' inputs apply, plus any .bicepparam file that deploys it on its own.
    if (usedBy.has(source.file)) out.push(...(standalone.get(source.file) ?? []));
    out.push(...called.map((inputs) => parseBicepTemplate(parsers, source.file, source.text, inputs)));
  }
  return out;
}
