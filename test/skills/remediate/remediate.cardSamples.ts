// Sample view models for the summary and remediation cards (test/cards/templates.test.ts expands every template).
import type { CardReply } from '../../../src/views/reply';

const code = "#!/usr/bin/env bash\nset -euo pipefail\n\naz sql server update \\\n  '--subscription=00000000-0000-4000-8000-000000000000' \\\n  '--name=db$(touch pwned)' \\\n  --enable-public-network false\n";

export const CARD_SAMPLES: CardReply[] = [
  {
    template: 'choice',
    model: {
      title: 'Which one?',
      intro: '"Storage accounts should restrict network access" is open on 7 resources. Pick one to see how to fix it:',
      choices: [
        { title: 'rg-(legacy)-$(whoami)', detail: 'Storage account · rg-émeraude-ß · Critical risk', buttonTitle: 'Show fix', verb: 'remediate', ref: 'rAAAAAAAAAAAAAAA' },
        { title: 'stportalprod01', detail: 'Storage account · rg-portal-prod · Medium risk', buttonTitle: 'Show fix', verb: 'remediate', ref: 'rBBBBBBBBBBBBBBB' },
      ],
      more: '5 more are not shown: add the resource\'s name to pick one of them.',
    },
  },
  {
    template: 'summary',
    model: {
      title: 'Public network access on Azure SQL Database should be disabled',
      subtitle: 'On sql-prod (SQL server) in Production',
      headline: 'Critical risk · Medium severity · Unhealthy',
      headlineColor: 'Attention',
      checks: 'The SQL server accepts connections from more networks than it needs.',
      whyItMatters: 'Here the risk level is Critical because of one risk factor:',
      riskFactors: [{ label: 'Internet exposure', value: 'The resource is reachable from the internet.' }],
      attackPaths: [{ label: 'High risk', value: 'Internet-exposed VM can reach sql-prod' }],
      severityVsRisk: "Severity Medium is the recommendation's own rating.",
      fixing: [{ label: 'User impact', value: 'Low' }],
      governance: [{ label: 'Owner', value: 'Unassigned' }],
      source: "From Defender's export.",
      portalLink: 'https://portal.azure.com/#blade/x',
      buttons: [
        { title: 'Help me remediate', verb: 'remediate', ref: 'rAAAAAAAAAAAAAAA' },
        { title: 'Delegate to the owner', verb: 'delegate', ref: 'rAAAAAAAAAAAAAAA' },
      ],
    },
  },
  {
    template: 'summary',
    model: {
      title: 'Healthy one',
      subtitle: 'On x',
      headline: 'Low severity · Healthy',
      headlineColor: 'Good',
      checks: 'c',
      whyItMatters: 'w',
      riskFactors: [],
      attackPaths: [],
      severityVsRisk: 's',
      fixing: [],
      governance: [],
      source: 's',
      portalLink: '',
      buttons: [],
    },
  },
  {
    template: 'remediation',
    model: {
      title: 'Fix: Public network access on Azure SQL Database should be disabled',
      subtitle: 'On sql-prod (SQL server)',
      summary: 'Set public network access to Disabled on SQL server "sql-prod".',
      steps: [
        { number: '1', text: 'Check private endpoints.' },
        { number: '2', text: 'Disable public network access.' },
      ],
      scripts: [
        { title: 'Azure CLI (bash)', language: 'Bash', fileName: 'fix.sh', code, lines: code.replace(/\n$/, '').split('\n').map((text) => ({ text })), downloadUrl: 'https://bot.contoso.example/api/scripts/AAAAAAAAAAAAAAAAAAAAAA/fix.sh' },
        { title: 'PowerShell (Az module)', language: 'PowerShell', fileName: 'fix.ps1', code: "Set-AzContext -Subscription 'x'", lines: [{ text: "Set-AzContext -Subscription 'x'" }], downloadUrl: '' },
      ],
      note: 'Run one where you are signed in.',
      portalLink: 'https://portal.azure.com/#blade/x',
      buttons: [{ title: 'Delegate to the owner', verb: 'delegate', ref: 'rAAAAAAAAAAAAAAA' }],
    },
  },
  {
    template: 'remediation',
    model: { title: 'Fix: x', subtitle: 'On y', summary: 'There is no automatable fix for this one: follow the steps below.', steps: [{ number: '1', text: 'Do it by hand.' }], scripts: [], note: '', portalLink: '', buttons: [] },
  },
];
