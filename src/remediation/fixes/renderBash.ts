// bash scripts: Azure CLI for Azure fixes, AWS CLI for AWS, gcloud for GCP. Every word taken from a resource is
// single-quoted through ../quoting (our own plain words may stay bare); comments hold only our own text and
// validated ids. No eval, no command substitution, and no command reads another's output.
import { argumentText, bashFixedWord, bashQuote } from '../quoting';
import type { Fix, Script, Token } from './model';
import { renderArmRequest } from './renderArm';
import { refValue } from './target';

const text = (fix: Fix, token: Token): string => (typeof token === 'string' ? token : argumentText(refValue(fix, token.ref)));

/**
 * The quoted words of a command. An option followed by a value taken from the resource is joined into one word,
 * `--name=value`, so a name that starts with '-' can never be read as an option by the CLI's parser.
 */
function words(fix: Fix, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (typeof token === 'string' && token.startsWith('--') && next !== undefined && typeof next !== 'string') {
      out.push(bashQuote(`${token}=${text(fix, next)}`));
      i++;
    } else {
      out.push(typeof token === 'string' ? bashFixedWord(token) : bashQuote(text(fix, token)));
    }
  }
  return out;
}

/** One command: the program bare, every argument quoted, a line break before each option for reading. */
export function bashCommand(program: 'az' | 'aws' | 'gcloud', words: readonly string[]): string {
  let line = program;
  for (const word of words) line += word.startsWith("'--") || word.startsWith('--') ? ` \\\n  ${word}` : ` ${word}`;
  return line;
}

/** Our own text in a comment: one line, no control characters. */
const commentText = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');

function script(fix: Fix, notes: readonly string[], commands: readonly string[]): Script {
  const lines = [
    '#!/usr/bin/env bash',
    // Names are data: a $ or a backtick inside single quotes must stay literal, which is what SC2016 warns about.
    '# shellcheck disable=SC2016',
    `# ${commentText(fix.definition.title)} (posture-bot fix ${fix.definition.id})`,
    ...notes.map((note) => `# ${commentText(note)}`),
    '# Every value is single-quoted: names are passed to the CLI exactly as Azure, AWS or GCP report them.',
    'set -euo pipefail',
    '',
    ...commands,
    '',
  ];
  return { language: 'Bash', fileName: `${fix.definition.id.replace(/\./g, '-')}.sh`, text: lines.join('\n') };
}

function azureBash(fix: Fix): Script {
  const { definition } = fix;
  const notes = ['Targets exactly one resource, with the subscription pinned on the command.'];
  if (definition.azCli) return script(fix, notes, [bashCommand('az', words(fix, definition.azCli))]);
  const request = renderArmRequest(fix);
  const rest = ['rest', '--method', request.method.toLowerCase()].map(bashFixedWord);
  rest.push(bashQuote(`--url=${request.url}`));
  if (request.body) rest.push(bashQuote(`--body=${JSON.stringify(request.body)}`));
  return script(fix, ['Calls Azure Resource Manager directly; the URL holds the full resource id, subscription included.'], [bashCommand('az', rest)]);
}

function awsBash(fix: Fix): Script {
  const target = fix.target;
  const notes = target.cloud === 'aws' && target.aws.accountId ? [`AWS account ${target.aws.accountId}; the region is pinned on the command.`] : [];
  return script(fix, notes, [bashCommand('aws', words(fix, fix.definition.awsCli ?? []))]);
}

function gcpBash(fix: Fix): Script {
  return script(fix, [], [bashCommand('gcloud', words(fix, fix.definition.gcloud ?? []))]);
}

export function renderBash(fix: Fix): Script {
  switch (fix.target.cloud) {
    case 'azure':
      return azureBash(fix);
    case 'aws':
      return awsBash(fix);
    case 'gcp':
      return gcpBash(fix);
  }
}
