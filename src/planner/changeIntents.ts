// Requests to change something ("assign the second one", "set an owner and due date for this"). They name only
// which recommendation: who and when come from the data and the confirmation card, never from the message.
import type { PlannedAction } from '../actions/registry';
import type { ActiveListSummary } from './activeList';
import type { ScannedMessage } from './messageScan';
import { rowPositionOf } from './rowPosition';

const ASSIGN_VERBS = new Set(['assign', 'reassign']);
const SET_VERBS = new Set(['set', 'change', 'update', 'record', 'give', 'add']);
const GOVERNANCE_NOUNS = new Set(['owner', 'owners', 'due', 'deadline', 'eta']);

export function planChangeIntent(scan: ScannedMessage, activeList: ActiveListSummary | undefined): PlannedAction[] | undefined {
  const words = scan.words;
  // A question about owners ("who is the owner", "which are unassigned") is a search, not a change.
  if (['who', 'which', 'what', 'show', 'list', 'how'].includes(words[0] ?? '')) return undefined;
  const assigns = words.some((w) => ASSIGN_VERBS.has(w));
  const sets = words.some((w) => SET_VERBS.has(w)) && words.some((w) => GOVERNANCE_NOUNS.has(w));
  if (!assigns && !sets) return undefined;
  const ordinal = rowPositionOf(scan, activeList);
  return [{ name: 'assignOwner', parameters: ordinal === undefined ? {} : { ordinal } }];
}
