// What the bot says when it cannot or must not help: honest, short, and with what it can do instead.
import type { Reply } from '../../views/reply';
import type { OutOfScopeParams } from '../../actions/contracts/help';

const CAN_DO =
  'I can list, count and break down your Defender for Cloud recommendations by risk, risk factor, severity, resource type, subscription, owner or due date, and show the details of one.';

const REASONS: Record<OutOfScopeParams['reason'], string> = {
  notPosture: "Sorry, I can't assist with that.",
  notUnderstood: "Sorry, I can't assist with that: I didn't recognise a posture question in it.",
  dumpAll: "Sorry, I can't assist with that: I don't export everything at once. Ask for what you need and I'll show it a page at a time.",
  unsafe: "Sorry, I can't assist with that: I only answer questions about your security posture, and I don't change how I work on request.",
};

export function outOfScopeReply(reason: OutOfScopeParams['reason']): Reply {
  return {
    kind: 'text',
    text: `${REASONS[reason]} ${CAN_DO}`,
    suggestions: ['Show critical risks for publicly exposed resources', 'What is overdue?', 'Help'],
  };
}
