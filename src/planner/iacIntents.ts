// Infrastructure-as-code requests: "reduce risk in the infrastructure repo", "fix the IaC findings for storage",
// "show terraform findings", "fix IaC check 2", "fix this in code" / "open a pull request" (the recommendation on
// screen). Only a service word, a check number or a list position goes into the plan.
import type { PlannedAction } from '../actions/registry';
import { topicOf } from '../iac/topics';
import type { ActiveListSummary } from './activeList';
import type { ScannedMessage } from './messageScan';
import { rowPositionOf } from './rowPosition';
import { isAuthoringRequest } from './declinedRequests';

const IAC_WORDS = new Set(['iac', 'terraform', 'bicep', 'template', 'templates']);

export function planIacIntent(scan: ScannedMessage, activeList: ActiveListSummary | undefined): PlannedAction[] | undefined {
  // "generate a terraform module": new code is not a fix to the repository's findings (declined as another task).
  if (isAuthoringRequest(scan.normalized)) return undefined;
  const words = scan.words;
  const has = (w: string) => words.includes(w);
  const mentionsRepo = has('repo') || has('repository') || has('repositories') || has('repos');
  const iac = words.some((w) => IAC_WORDS.has(w)) || (has('infrastructure') && (mentionsRepo || has('code'))) || (has('arm') && has('templates'));
  const check = words.indexOf('check');
  const number = scan.numbers.find((n) => n.at > check)?.value;
  if (iac && check >= 0 && number !== undefined && (has('fix') || has('pick') || has('choose') || has('open') || words[0] === 'check')) {
    return [{ name: 'openIacPullRequest', parameters: { check: number } }];
  }
  // The recommendation on screen, fixed where it was deployed from.
  const pullRequest = (has('pull') && has('request')) || has('pr');
  const inCode = has('fix') && (has('code') || mentionsRepo) && !iac;
  if ((pullRequest || inCode) && activeList) {
    const ordinal = rowPositionOf(scan, activeList);
    return [{ name: 'iacFindings', parameters: ordinal === undefined ? { onScreen: true } : { ordinal } }];
  }
  if (!iac) return undefined;
  const topic = topicOf(words);
  return [{ name: 'iacFindings', parameters: topic ? { topic } : {} }];
}
