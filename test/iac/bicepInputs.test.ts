// Bicep inputs from outside the template: .bicepparam files (read with the Bicep grammar), <name>.parameters.json,
// defaults, in that order; and module calls across folders, followed one level, whose inputs the caller resolves.
import { applyFixes } from '../../src/iac/fixer';
import { scanSources } from '../../src/iac/scanner';

const storage = (params: string) =>
  `${params}\nresource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n  properties: {\n    minimumTlsVersion: tls\n    allowBlobPublicAccess: open\n    supportsHttpsTrafficOnly: true\n    networkAcls: {\n      defaultAction: 'Deny'\n    }\n  }\n}\n`;
const TEMPLATE = storage("param tls string = 'TLS1_2'\nparam open bool = false");
const jsonParameters = (values: Record<string, unknown>) =>
  JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) });
const rules = (scan: Awaited<ReturnType<typeof scanSources>>) => scan.findings.map((f) => `${f.file} ${f.ruleId}`).sort();

describe('.bicepparam files', () => {
  it('applies the values of the .bicepparam file that uses the template, with the file and line they are written on', async () => {
    const scan = await scanSources([
      { file: 'infra/main.bicep', text: TEMPLATE },
      { file: 'infra/prod.bicepparam', text: "using './main.bicep'\n\n// production\nparam tls = 'TLS1_0'\nparam open = false\n" },
    ]);
    expect(scan.problems).toEqual([]);
    expect(rules(scan)).toEqual(['infra/main.bicep storage-min-tls']);
    expect(scan.findings[0]?.message).toContain("is 'TLS1_0' (from infra/prod.bicepparam line 4)");
    expect(scan.findings[0]?.line).toBe(6);
  });

  it('overrides an insecure default with a secure value, and ignores a .bicepparam file for another template', async () => {
    const insecure = storage("param tls string = 'TLS1_0'\nparam open bool = true");
    const secured = await scanSources([{ file: 'main.bicep', text: insecure }, { file: 'main.bicepparam', text: "using 'main.bicep'\nparam tls = 'TLS1_2'\nparam open = false\n" }]);
    expect(rules(secured)).toEqual([]);
    const other = await scanSources([{ file: 'main.bicep', text: insecure }, { file: 'other.bicepparam', text: "using './other.bicep'\nparam tls = 'TLS1_2'\nparam open = false\n" }]);
    expect(rules(other)).toEqual(['main.bicep storage-min-tls', 'main.bicep storage-public-blob']);
  });

  it('resolves each parameter from the .bicepparam file, then <name>.parameters.json, then its default', async () => {
    const scan = await scanSources([
      { file: 'main.bicep', text: storage("param tls string = 'TLS1_0'\nparam open bool = false") },
      { file: 'main.parameters.json', text: jsonParameters({ tls: 'TLS1_0', open: true }) },
      { file: 'main.bicepparam', text: "using './main.bicep'\nparam tls = 'TLS1_2'\n" },
    ]);
    // tls: the .bicepparam's TLS1_2 wins over the JSON file's TLS1_0; open: only the JSON file sets it.
    expect(rules(scan)).toEqual(['main.bicep storage-public-blob']);
    expect(scan.findings[0]?.message).toContain('(from main.parameters.json)');
  });

  it('reads values through the file\'s own vars and multi-line objects, and treats computed values as unknown', async () => {
    const text = storage("param tls string = 'TLS1_0'\nparam open bool = true\nparam tags object = {}");
    const scan = await scanSources([
      { file: 'main.bicep', text },
      { file: 'main.bicepparam', text: "using './main.bicep'\nvar legacy = 'TLS1_1'\nparam tls = legacy\nparam tags = {\n  param: 'not a statement'\n}\nparam open = bool(readEnvironmentVariable('OPEN', 'true'))\n" },
    ]);
    expect(scan.problems).toEqual([]);
    expect(rules(scan)).toEqual(['main.bicep storage-min-tls']);
    expect(scan.findings[0]?.message).toContain("'TLS1_1' (from main.bicepparam line 3)");
  });

  it('reports a .bicepparam file that does not parse, with its line, and still scans the template', async () => {
    const scan = await scanSources([{ file: 'main.bicep', text: TEMPLATE.replace("'TLS1_2'", "'TLS1_0'") }, { file: 'main.bicepparam', text: "using './main.bicep'\nparam tls = 'TLS1_2'\nparam open = (\n" }]);
    expect(scan.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['main.bicepparam:3']);
    expect(rules(scan)).toEqual(['main.bicep storage-min-tls']);
  });

  it('fixes the template a .bicepparam value breaks, and the pair re-scans clean', async () => {
    const sources = [{ file: 'main.bicep', text: TEMPLATE }, { file: 'main.bicepparam', text: "using './main.bicep'\nparam tls = 'TLS1_0'\n" }];
    const scan = await scanSources(sources);
    const outcome = await applyFixes(sources, scan.findings);
    expect(outcome.refused).toEqual([]);
    expect(outcome.changedFiles).toEqual(['main.bicep']);
    expect((await scanSources(outcome.sources)).findings).toEqual([]);
  });
});

describe('Bicep modules across folders', () => {
  const caller = (params: string) => `param env string = 'prod'\nparam legacyTls string = 'TLS1_0'\n\nmodule data './modules/storage.bicep' = {\n  name: 'data-\${env}'\n  params: {\n${params}\n  }\n}\n`;

  it('judges the module file with the inputs its caller gives, resolved in the caller', async () => {
    const scan = await scanSources([
      { file: 'main.bicep', text: caller('    tls: legacyTls\n    open: false') },
      { file: 'modules/storage.bicep', text: TEMPLATE },
    ]);
    expect(rules(scan)).toEqual(['modules/storage.bicep storage-min-tls']);
    expect(scan.findings[0]?.message).toContain("'TLS1_0' (from the module call in main.bicep line 4 (tls))");
    // The caller's own parameter file changes what it passes.
    const withParams = await scanSources([
      { file: 'main.bicep', text: caller('    tls: legacyTls\n    open: false') },
      { file: 'main.bicepparam', text: "using './main.bicep'\nparam legacyTls = 'TLS1_2'\n" },
      { file: 'modules/storage.bicep', text: TEMPLATE },
    ]);
    expect(rules(withParams)).toEqual([]);
  });

  it('uses the module\'s defaults for inputs the call leaves out, and treats computed inputs as unknown', async () => {
    const insecureDefaults = storage("param tls string = 'TLS1_0'\nparam open bool = true");
    const scan = await scanSources([
      { file: 'main.bicep', text: caller("    tls: toUpper('tls1_0')") },
      { file: 'modules/storage.bicep', text: insecureDefaults },
    ]);
    expect(rules(scan)).toEqual(['modules/storage.bicep storage-public-blob']);
    // Not called: its own defaults apply, both insecure.
    expect(rules(await scanSources([{ file: 'modules/storage.bicep', text: insecureDefaults }]))).toEqual(['modules/storage.bicep storage-min-tls', 'modules/storage.bicep storage-public-blob']);
  });

  it('passes a secure input over an insecure default, and ignores registry modules', async () => {
    const insecureDefaults = storage("param tls string = 'TLS1_0'\nparam open bool = true");
    const scan = await scanSources([
      { file: 'main.bicep', text: caller("    tls: 'TLS1_2'\n    open: false") + "module shared 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'shared'\n}\n" },
      { file: 'modules/storage.bicep', text: insecureDefaults },
    ]);
    expect(scan.problems).toEqual([]);
    expect(rules(scan)).toEqual([]);
  });

  it('fixes the module file for an input its caller gives, and the whole set re-scans clean', async () => {
    const sources = [{ file: 'main.bicep', text: caller('    tls: legacyTls\n    open: true') }, { file: 'modules/storage.bicep', text: TEMPLATE }];
    const scan = await scanSources(sources);
    expect(rules(scan)).toEqual(['modules/storage.bicep storage-min-tls', 'modules/storage.bicep storage-public-blob']);
    const outcome = await applyFixes(sources, scan.findings);
    expect(outcome.refused).toEqual([]);
    expect(outcome.changedFiles).toEqual(['modules/storage.bicep']);
    expect((await scanSources(outcome.sources)).findings).toEqual([]);
  });
});
