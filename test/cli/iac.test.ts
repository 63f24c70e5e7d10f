// `iac scan` / `iac fix` as pipelines run them: JSON and SARIF on stdout, logs and parse errors on stderr, and the
// exit codes 0 (clean), 1 (findings / a fix refused), 2 (usage), 3 (only unparsable files).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIacCli } from '../../src/cli/iac';
import { projectPath } from '../../src/paths';

async function run(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runIacCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, cwd);
  return { code, out, err };
}

describe('iac command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iac-cli-'));
    await cp(projectPath('iac-demo'), join(dir, 'repo'), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints findings as JSON with relative files and 1-based lines, and exits 1', async () => {
    const { code, out, err } = await run(['scan', 'repo', '--json'], dir);
    expect(code).toBe(1);
    const findings = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(findings).toHaveLength(8);
    expect(findings).toContainEqual({
      file: 'modules/storage/main.tf', line: 27, ruleId: 'storage-public-blob', assessmentKey: '51fd8bb1-0db4-bbf1-7e2b-cfcba7eb66a6',
      recommendation: 'Storage account public access should be disallowed', severity: 'High', resource: 'azurerm_storage_account/app', message: expect.any(String),
    });
    expect(findings.find((f) => f.ruleId === 'acr-admin-user')).toBeUndefined();
    expect(err).toContain('8 findings');
  });

  it('writes SARIF 2.1.0 and a readable table', async () => {
    const sarif = JSON.parse((await run(['scan', 'repo', '--sarif'], dir)).out) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toContainEqual(expect.objectContaining({ ruleId: 'nsg-ssh-internet', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'modules/network/nsg.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 44 } } }] }));
    const table = (await run(['scan', 'repo'], dir)).out;
    expect(table).toMatch(/^SEVERITY\s+LOCATION\s+RULE/);
    expect(table).toContain('modules/keyvault/main.tf:12');
  });

  it('fixes one rule in the working tree, prints the diff, and the folder re-scans without it', async () => {
    const fixed = await run(['fix', 'repo', '--rule', 'storage-min-tls'], dir);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('+++ b/modules/storage/main.tf');
    expect(await readFile(join(dir, 'repo', 'modules', 'storage', 'main.tf'), 'utf8')).toContain('min_tls_version          = "TLS1_2"');
    const after = JSON.parse((await run(['scan', 'repo', '--json'], dir)).out) as Array<{ ruleId: string }>;
    expect(after.map((f) => f.ruleId)).not.toContain('storage-min-tls');
    expect(after).toHaveLength(7);
    const everything = await run(['fix', 'repo'], dir);
    expect(everything.code).toBe(0);
    expect((await run(['scan', 'repo'], dir)).code).toBe(0);
  });

  it('exits 1 when a fix is refused, 2 on usage errors, 3 when nothing parsed and nothing was found', async () => {
    await writeFile(join(dir, 'aks.tf'), 'resource "azurerm_kubernetes_cluster" "k" {\n  name = "k"\n}\n');
    const refused = await run(['fix', '.', '--file', 'aks.tf'], dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('refused aks-authorized-ip-ranges at aks.tf:1');
    for (const argv of [[], ['scan'], ['scan', 'repo', '--json', '--sarif'], ['fix', 'repo', '--rule', 'no-such-rule'], ['scan', 'missing-folder'], ['lint', 'repo']]) {
      const usage = await run(argv, dir);
      expect({ argv, code: usage.code }).toEqual({ argv, code: 2 });
      expect(usage.err).toContain('Usage:');
    }
    await writeFile(join(dir, 'broken.tf'), 'resource "x" "y" {\n  a = \n}\n');
    const only = await mkdtemp(join(tmpdir(), 'iac-broken-'));
    await writeFile(join(only, 'broken.tf'), 'resource "x" "y" {\n  a = \n}\n');
    const broken = await run(['scan', only, '--json'], dir);
    expect(broken.code).toBe(3);
    expect(JSON.parse(broken.out)).toEqual([]);
    expect(broken.err).toMatch(/broken\.tf:2: Terraform syntax error/);
    await rm(only, { recursive: true, force: true });
  });
  it('reads a .bicepparam file and a module call from the folder it scans, and fixes the module file', async () => {
    const infra = join(dir, 'bicep');
    await cp(projectPath('iac-demo', 'modules', 'web'), join(infra, 'modules', 'web'), { recursive: true });
    await writeFile(join(infra, 'main.bicep'), "param sku string\nparam legacyTls string = '1.2'\n\nmodule site './modules/web/site.bicep' = {\n  name: 'site-\${sku}'\n  params: {\n    minTls: legacyTls\n  }\n}\n");
    await writeFile(join(infra, 'prod.bicepparam'), "using './main.bicep'\n\nparam sku = 'P1v3'\nparam legacyTls = '1.0'\n");
    const scanned = await run(['scan', 'bicep', '--json'], dir);
    const findings = JSON.parse(scanned.out) as Array<{ file: string; ruleId: string; message: string }>;
    expect(scanned.err).not.toMatch(/syntax error/);
    const tls = findings.find((f) => f.ruleId === 'appservice-min-tls');
    expect(tls).toMatchObject({ file: 'modules/web/site.bicep' });
    expect(tls?.message).toContain('main.bicep line 4');
    const fixed = await run(['fix', 'bicep', '--rule', 'appservice-min-tls'], dir);
    expect(fixed.code).toBe(0);
    expect(JSON.parse((await run(['scan', 'bicep', '--json'], dir)).out).filter((f: { ruleId: string }) => f.ruleId === 'appservice-min-tls')).toEqual([]);
  });
});
