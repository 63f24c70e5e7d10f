// pwsh is not installed here, so the PowerShell output is checked by a tokenizer that follows PowerShell's rules for
// the only constructs the renderer emits: single-quoted strings (where ', ‘, ’, ‚, ‛ end the string unless doubled),
// -Parameter names, bare cmdlet names, $true/$false, numbers and the `| Out-Null` pipe.
import { powershellQuote, powershellValue } from '../../src/remediation/quoting';
import { createKnowledgeBase } from '../../src/remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../src/remediation/remediation';
import { SAMPLE_SUBSCRIPTION as SUB, sampleResourceId } from './sampleResources';

const QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

type PsToken = { kind: 'string'; value: string } | { kind: 'word'; value: string };

/** Tokenizes one line; throws on anything the renderer should never emit ($ expansion, `, ;, unterminated strings). */
function tokenize(line: string): PsToken[] {
  const tokens: PsToken[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === ' ') {
      i++;
      continue;
    }
    if (QUOTES.has(ch)) {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated string in: ${line}`);
        const c = line[i] as string;
        if (QUOTES.has(c)) {
          if (QUOTES.has(line[i + 1] ?? '')) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const match = /^(\$true|\$false|-?[A-Za-z][A-Za-z0-9-]*|\d+|\|)/.exec(line.slice(i));
    if (!match) throw new Error(`unexpected ${JSON.stringify(line.slice(i, i + 10))} in: ${line}`);
    tokens.push({ kind: 'word', value: match[0] });
    i += match[0].length;
  }
  return tokens;
}

const roundTrip = (value: string): string => {
  const tokens = tokenize(powershellQuote(value));
  expect(tokens).toHaveLength(1);
  return (tokens[0] as PsToken).value;
};

describe('powershellQuote', () => {
  const hostile = ["it's", 'curly ’ quote ‘ and ‚ ‛', 'db$(Remove-Item -Recurse C:\\)', '`n backtick', '"double"', 'a;b|c&d', 'line1\nline2', 'rg-émeraude-ß', "''''", ''];
  for (const value of hostile) {
    test(`round-trips ${JSON.stringify(value)} as one literal string`, () => {
      expect(roundTrip(value)).toBe(value);
    });
  }
  test('doubles each kind of single quote', () => {
    expect(powershellQuote("a'b’c")).toBe("'a''b’’c'");
  });
  test('values: booleans and numbers are bare, strings quoted; NUL refused', () => {
    expect(powershellValue(true)).toBe('$true');
    expect(powershellValue(7)).toBe('7');
    expect(powershellValue('TLS1_2')).toBe("'TLS1_2'");
    expect(() => powershellQuote('a\u0000b')).toThrow(/NUL/);
  });
});

describe('rendered PowerShell scripts', () => {
  const remediation = createRemediation({ knowledge: createKnowledgeBase() });

  test('TDE on a hostile database name: every value is one literal, subscription pinned first', () => {
    const database = "db'$(Remove-Item -Recurse ~)’; `whoami`";
    const id = `/subscriptions/${SUB}/resourceGroups/rg-(legacy)/providers/Microsoft.Sql/servers/sql-billing/databases/${database}`;
    const lookup = remediation.fixFor('651967bf-044e-4bde-8376-3e08e0600105', id);
    if (lookup.status !== 'fix') throw new Error(lookup.status);
    const script = remediation.renderScripts(lookup.fix).powershell!;
    expect(script.language).toBe('PowerShell');
    expect(script.fileName).toBe('sql-transparentDataEncryption.ps1');
    const commands = script.text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#'));
    expect(commands[0]).toBe("$ErrorActionPreference = 'Stop'");
    expect(tokenize(commands[1]!)).toEqual([
      { kind: 'word', value: 'Set-AzContext' },
      { kind: 'word', value: '-Subscription' },
      { kind: 'string', value: SUB },
      { kind: 'word', value: '|' },
      { kind: 'word', value: 'Out-Null' },
    ]);
    expect(tokenize(commands[2]!)).toEqual([
      { kind: 'word', value: 'Set-AzSqlDatabaseTransparentDataEncryption' },
      { kind: 'word', value: '-ResourceGroupName' },
      { kind: 'string', value: 'rg-(legacy)' },
      { kind: 'word', value: '-ServerName' },
      { kind: 'string', value: 'sql-billing' },
      { kind: 'word', value: '-DatabaseName' },
      { kind: 'string', value: database },
      { kind: 'word', value: '-State' },
      { kind: 'string', value: 'Enabled' },
    ]);
    expect(commands).toHaveLength(3);
    expect(script.text).not.toMatch(/Invoke-Expression|iex /i);
  });

  test('a boolean parameter is $true, a switch has no value', () => {
    const https = remediation.fixFor('1b351b29-41ca-6df5-946c-c190a56be5fe', `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/app-one`);
    if (https.status !== 'fix') throw new Error(https.status);
    expect(remediation.renderScripts(https.fix).powershell!.text).toContain("Set-AzWebApp -ResourceGroupName 'rg-web' -Name 'app-one' -HttpsOnly $true");
    const purge = remediation.fixFor('4ed62ae4-5072-f9e7-8d94-51c76c48159a', `/subscriptions/${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-alder-01`);
    if (purge.status !== 'fix') throw new Error(purge.status);
    expect(remediation.renderScripts(purge.fix).powershell!.text).toContain("Update-AzKeyVault -ResourceGroupName 'rg-kv' -VaultName 'kv-alder-01' -EnablePurgeProtection\n");
  });

  test('without a cmdlet, Invoke-AzRestMethod carries the ARM path and payload as literals and checks the status', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-émeraude-ß/providers/Microsoft.Web/sites/fn-alder`;
    const found = remediation.fixForDefinition('functionApp.remoteDebuggingOff', id);
    if (!found.ok) throw new Error(found.reason);
    const lines = remediation.renderScripts(found.fix).powershell!.text.split('\n');
    const call = lines.find((line) => line.startsWith('$response'))!;
    expect(tokenize(call.replace(/^\$response = /, ''))).toEqual([
      { kind: 'word', value: 'Invoke-AzRestMethod' },
      { kind: 'word', value: '-Method' },
      { kind: 'string', value: 'PATCH' },
      { kind: 'word', value: '-Path' },
      { kind: 'string', value: `/subscriptions/${SUB}/resourceGroups/rg-%C3%A9meraude-%C3%9F/providers/Microsoft.Web/sites/fn-alder/config/web?api-version=2022-03-01` },
      { kind: 'word', value: '-Payload' },
      { kind: 'string', value: '{"properties":{"remoteDebuggingEnabled":false}}' },
    ]);
    expect(lines).toContain("if ($response.StatusCode -ge 300) { throw ('Azure Resource Manager answered ' + $response.StatusCode + ': ' + $response.Content) }");
  });

  test('every Azure fix definition renders PowerShell whose command lines tokenize cleanly', () => {
    for (const definition of remediation.definitions().filter((d) => d.cloud === 'azure')) {
      const found = remediation.fixForDefinition(definition.id, sampleResourceId(definition));
      if (!found.ok) throw new Error(`${definition.id}: ${found.reason}`);
      const text = remediation.renderScripts(found.fix).powershell!.text;
      const lines = text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#') && !line.startsWith('$ErrorActionPreference') && !line.startsWith('if ('));
      for (const line of lines) expect(() => tokenize(line.replace(/^\$response = /, ''))).not.toThrow();
      expect(text).toContain(`Set-AzContext -Subscription '${SUB}'`);
    }
  });
});
