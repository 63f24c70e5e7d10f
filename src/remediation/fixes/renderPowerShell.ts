// PowerShell (Az module) scripts for Azure fixes. Every value is single-quoted through ../quoting (booleans are
// $true/$false); the subscription is pinned with Set-AzContext; no Invoke-Expression, no string-built commands.
import { armPath } from '../azureResourceId';
import { powershellQuote, powershellValue } from '../quoting';
import type { Fix, Script, Token } from './model';
import { renderArmRequest } from './renderArm';
import { refValue } from './target';

function value(fix: Fix, token: Token): string {
  if (typeof token === 'string') return powershellQuote(token);
  const resolved = refValue(fix, token.ref);
  return token.ref === 'value' ? powershellValue(resolved) : powershellQuote(String(resolved));
}

const commentText = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/#>/g, '# >');

export function renderPowerShell(fix: Fix): Script {
  const { definition, target } = fix;
  if (target.cloud !== 'azure' || !definition.arm) throw new Error(`fix ${definition.id}: only Azure fixes have a PowerShell script`);
  const lines = [
    `# ${commentText(definition.title)} (posture-bot fix ${definition.id})`,
    '# Every value is single-quoted: names are passed exactly as Azure reports them.',
    "$ErrorActionPreference = 'Stop'",
    `Set-AzContext -Subscription ${powershellQuote(target.azure.subscriptionId)} | Out-Null`,
  ];
  if (definition.powershell) {
    const parts = [definition.powershell.cmdlet];
    for (const [name, argument] of definition.powershell.params) {
      parts.push(typeof argument === 'object' && 'switch' in argument ? `-${name}` : `-${name} ${value(fix, argument)}`);
    }
    lines.push(parts.join(' '));
  } else {
    const request = renderArmRequest(fix);
    const path = armPath(target.azure, [...definition.arm.childPath, ...(definition.change.kind === 'setProperty' ? [] : [definition.change.collection, definition.change.rule])], definition.arm.apiVersion);
    const call = [`$response = Invoke-AzRestMethod -Method ${powershellQuote(request.method)} -Path ${powershellQuote(path)}`];
    if (request.body) call.push(`-Payload ${powershellQuote(JSON.stringify(request.body))}`);
    lines.push(call.join(' '));
    lines.push("if ($response.StatusCode -ge 300) { throw ('Azure Resource Manager answered ' + $response.StatusCode + ': ' + $response.Content) }");
  }
  lines.push('');
  return { language: 'PowerShell', fileName: `${definition.id.replace(/\./g, '-')}.ps1`, text: lines.join('\n') };
}
