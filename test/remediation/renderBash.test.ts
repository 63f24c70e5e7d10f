// The generated bash, run for real with fake az/aws/gcloud on PATH over hostile names: each CLI must receive exactly
// the expected argument vector, nothing else may run, and no injected command may take effect.
import { bashCommand } from '../../src/remediation/fixes/renderBash';
import { bashQuote } from '../../src/remediation/quoting';
import { createKnowledgeBase } from '../../src/remediation/knowledge/knowledgeBase';
import { createRemediation, type FixLookup } from '../../src/remediation/remediation';
import type { Fix } from '../../src/remediation/fixes/model';
import { lintBash, runWithFakeClis, SHELLCHECK_AVAILABLE } from './fakeClis';
import { SAMPLE_SUBSCRIPTION, sampleResourceId } from './sampleResources';

const SUB = SAMPLE_SUBSCRIPTION;
const remediation = createRemediation({ knowledge: createKnowledgeBase() });

const TDE = '651967bf-044e-4bde-8376-3e08e0600105';
const WEB_HTTPS = '1b351b29-41ca-6df5-946c-c190a56be5fe';
const AI_PUBLIC = '684a5b6d-a270-61ce-306e-5cea400dc3a7';

function fixOf(lookup: FixLookup): Fix {
  if (lookup.status !== 'fix') throw new Error(`expected a fix, got ${JSON.stringify(lookup)}`);
  return lookup.fix;
}

function expectCleanRun(text: string, expectedCalls: string[][]): void {
  const run = runWithFakeClis(text);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.calls).toEqual(expectedCalls);
  expect(run.filesAfter).toEqual([]);
}

function expectLintClean(text: string): void {
  const lint = lintBash(text);
  expect(lint.syntax).toBe('');
  if (SHELLCHECK_AVAILABLE) {
    expect(lint.shellcheck).toBe('');
    expect(lint.shellcheckStatus).toBe(0);
  }
}

const sqlDatabaseId = (group: string, database: string): string =>
  `/subscriptions/${SUB}/resourceGroups/${group}/providers/Microsoft.Sql/servers/sql-billing/databases/${database}`;

describe('az scripts over hostile names', () => {
  const hostileDatabases = [
    'db$(touch pwned)',
    'db`touch pwned`',
    `db'; touch pwned; echo '`,
    'db"$(touch pwned)"',
    'db;touch pwned',
    '-db --status Disabled',
    'données-é-ß-数据',
  ];
  const groups = ['rg-(legacy)', 'rg-émeraude-ß', 'rg_data.prod'];

  // Each hostile database name once, in each resource group in turn.
  hostileDatabases.forEach((database, index) => {
    const group = groups[index % groups.length] as string;
    test(`TDE on ${JSON.stringify(database)} in ${group}: az gets exactly the names`, () => {
      const fix = fixOf(remediation.fixFor(TDE, sqlDatabaseId(group, database)));
      const { bash } = remediation.renderScripts(fix);
      expectCleanRun(bash.text, [
        ['az', 'sql', 'db', 'tde', 'set', `--subscription=${SUB}`, `--resource-group=${group}`, '--server=sql-billing', `--database=${database}`, '--status=Enabled'],
      ]);
      expectLintClean(bash.text);
    });
  });

  test('a web app with a Unicode name in rg-(legacy)', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-(legacy)/providers/Microsoft.Web/sites/app-émeraude`;
    const { bash } = remediation.renderScripts(fixOf(remediation.fixFor(WEB_HTTPS, id)));
    expectCleanRun(bash.text, [['az', 'webapp', 'update', `--subscription=${SUB}`, '--resource-group=rg-(legacy)', '--name=app-émeraude', '--https-only=true']]);
    expectLintClean(bash.text);
  });

  test('the az rest fallback sends the percent-encoded ARM URL and the JSON body', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-émeraude-ß/providers/Microsoft.CognitiveServices/accounts/ai-$(touch pwned)`;
    const { bash } = remediation.renderScripts(fixOf(remediation.fixFor(AI_PUBLIC, id)));
    expectCleanRun(bash.text, [
      [
        'az',
        'rest',
        '--method',
        'patch',
        `--url=https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-%C3%A9meraude-%C3%9F/providers/Microsoft.CognitiveServices/accounts/ai-%24(touch%20pwned)?api-version=2023-05-01`,
        '--body={"properties":{"publicNetworkAccess":"Disabled"}}',
      ],
    ]);
    expectLintClean(bash.text);
  });

  test('a name Azure would refuse (a newline) gives no script, only the reason and the manual steps', () => {
    const lookup = remediation.fixFor(TDE, sqlDatabaseId('rg-data', 'db\ntouch pwned'));
    expect(lookup.status).toBe('invalidTarget');
    if (lookup.status === 'invalidTarget') {
      expect(lookup.reason).toMatch(/control character/);
      expect(lookup.steps.length).toBeGreaterThan(0);
    }
  });

  test('quoting alone carries a newline, a tab and quotes to the CLI intact', () => {
    const value = "line1\nline2\t'quoted' \"double\" $(touch pwned) `touch pwned` \\ end";
    const text = ['#!/usr/bin/env bash', '# shellcheck disable=SC2016', 'set -euo pipefail', bashCommand('az', [bashQuote('probe'), bashQuote('--value'), bashQuote(value)]), ''].join('\n');
    expectCleanRun(text, [['az', 'probe', '--value', value]]);
    expectLintClean(text);
  });
});

describe('AWS CLI scripts', () => {
  test('SQS encryption: region pinned, queue URL built from the ARN, hostile queue name intact', () => {
    const fix = fixOf(remediation.fixFor('340a07a1-7d68-4562-ac25-df77c214fe13', "arn:aws:sqs:eu-west-1:123456789012:orders-$(touch pwned)'q"));
    const { bash, powershell, arm } = remediation.renderScripts(fix);
    expect(powershell).toBeUndefined();
    expect(arm).toBeUndefined();
    expectCleanRun(bash.text, [
      ['aws', 'sqs', 'set-queue-attributes', '--region=eu-west-1', "--queue-url=https://sqs.eu-west-1.amazonaws.com/123456789012/orders-$(touch pwned)'q", '--attributes', 'SqsManagedSseEnabled=true'],
    ]);
    expect(bash.text).toContain('# AWS account 123456789012;');
    expectLintClean(bash.text);
  });

  test('RDS backups on an instance whose name carries a command', () => {
    const fix = fixOf(remediation.fixFor('894259c2-c1d5-47dc-b5c6-b242d5c76fdf', 'arn:aws:rds:us-east-1:123456789012:db:orders`touch pwned`'));
    expectCleanRun(remediation.renderScripts(fix).bash.text, [
      ['aws', 'rds', 'modify-db-instance', '--region=us-east-1', '--db-instance-identifier=orders`touch pwned`', '--backup-retention-period', '7', '--apply-immediately'],
    ]);
  });

  test('EBS snapshot: the rule removal names the grantee "all"', () => {
    const fix = fixOf(remediation.fixFor('02e8de17-1a01-45cb-b906-6d07a78f4b3c', 'arn:aws:ec2:eu-central-1:123456789012:snapshot/snap-0abc123'));
    const { bash } = remediation.renderScripts(fix);
    expectCleanRun(bash.text, [
      ['aws', 'ec2', 'modify-snapshot-attribute', '--region=eu-central-1', '--snapshot-id=snap-0abc123', '--attribute', 'createVolumePermission', '--operation-type', 'remove', '--group-names', 'all'],
    ]);
    expectLintClean(bash.text);
  });

  test('an ARN of another service is refused for the fix', () => {
    expect(remediation.fixFor('894259c2-c1d5-47dc-b5c6-b242d5c76fdf', 'arn:aws:redshift:us-east-1:123456789012:cluster:wh').status).toBe('invalidTarget');
  });
});

describe('gcloud scripts', () => {
  test('public access prevention on a bucket', () => {
    const found = remediation.fixForDefinition('gcp.bucketPublicAccessPrevention', '//storage.googleapis.com/projects/_/buckets/alder-exports');
    if (!found.ok) throw new Error(found.reason);
    const { bash } = remediation.renderScripts(found.fix);
    expectCleanRun(bash.text, [['gcloud', 'storage', 'buckets', 'update', 'gs://alder-exports', '--public-access-prevention']]);
    expectLintClean(bash.text);
  });

  test('a bucket name GCP would refuse is refused', () => {
    const found = remediation.fixForDefinition('gcp.bucketUniformAccess', '//storage.googleapis.com/projects/_/buckets/b$(touch pwned)');
    expect(found.ok).toBe(false);
  });
});

describe('every fix definition renders a script that runs and lints clean', () => {
  for (const definition of remediation.definitions()) {
    test(definition.id, () => {
      const found = remediation.fixForDefinition(definition.id, sampleResourceId(definition));
      if (!found.ok) throw new Error(found.reason);
      const { bash } = remediation.renderScripts(found.fix);
      const run = runWithFakeClis(bash.text);
      expect(run.status).toBe(0);
      expect(run.calls).toHaveLength(1);
      const program = { azure: 'az', aws: 'aws', gcp: 'gcloud' }[definition.cloud];
      expect(run.calls[0]?.[0]).toBe(program);
      if (definition.cloud === 'azure') expect(run.calls[0]?.some((word) => word.includes(SUB))).toBe(true);
      expectLintClean(bash.text);
    });
  }
});
