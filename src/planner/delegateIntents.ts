// Delegation requests and tracking questions: "delegate this to the owner", "send the first one to its owner",
// "what have I delegated?", "which delegations are overdue?", "mark the second delegation as fixed", "cancel the first delegation". A delegation
// names only which recommendation (a position or the one on screen): the recipient comes from the data and the
// draft card, never from the message, so an address typed here is never used.
import type { PlannedAction } from '../actions/registry';
import type { ActiveListSummary } from './activeList';
import type { ScannedMessage } from './messageScan';
import { rowPositionOf } from './rowPosition';

const DELEGATION_NOUNS = new Set(['delegation', 'delegations', 'delegated']);
const SEND_VERBS = new Set(['send', 'email', 'mail', 'forward', 'assign', 'hand', 'give']);
const OWNER_WORDS = new Set(['owner', 'owners']);
const POSSESSIVES = new Set(['the', 'their', 'its', 'his', 'her', 'resource']);

function has(words: readonly string[], set: ReadonlySet<string>): boolean {
  return words.some((w) => set.has(w));
}

/** "… to the owner", "… to their owners": a hand-over to whoever owns it, not a named person. */
function toTheOwner(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'to') continue;
    let at = i + 1;
    while (at < i + 3 && POSSESSIVES.has(words[at] ?? '')) at++;
    if (OWNER_WORDS.has(words[at] ?? '')) return true;
  }
  return false;
}

export function planDelegateIntent(scan: ScannedMessage, activeList: ActiveListSummary | undefined): PlannedAction[] | undefined {
  const words = scan.tokens.map((t) => t.text);
  const aboutDelegations = has(words, DELEGATION_NOUNS);
  if (aboutDelegations && words.includes('fixed') && (words.includes('mark') || words.includes('is') || words.includes('as'))) {
    const ordinal = rowPositionOf(scan, undefined);
    return [{ name: 'markDelegationFixed', parameters: ordinal === undefined ? {} : { ordinal } }];
  }
  if (aboutDelegations && (words[0] === 'cancel' || (words[0] === 'please' && words[1] === 'cancel'))) {
    const ordinal = rowPositionOf(scan, undefined);
    return [{ name: 'cancelDelegation', parameters: ordinal === undefined ? {} : { ordinal } }];
  }
  // "what is assigned to me?", "what was delegated to me?": the asker's own delegations as owner.
  if (words.some((w, i) => (w === 'assigned' || w === 'delegated') && words[i + 1] === 'to' && words[i + 2] === 'me')) return [{ name: 'listDelegations', parameters: { scope: 'assignedToMe' } }];
  if (aboutDelegations || (words.includes('delegate') && ['what', 'which', 'show', 'list'].includes(words[0] ?? ''))) {
    if (words.includes('overdue') || words.includes('late')) return [{ name: 'listDelegations', parameters: { scope: 'overdue' } }];
    if (words.includes('all') || words.includes('everyone') || words.includes('team')) return [{ name: 'listDelegations', parameters: { scope: 'all' } }];
    return [{ name: 'listDelegations', parameters: { scope: 'delegatedByMe' } }];
  }
  const delegates = words[0] === 'delegate' || (words[0] === 'please' && words[1] === 'delegate') || (has(words, SEND_VERBS) && toTheOwner(words));
  if (!delegates) return undefined;
  const ordinal = rowPositionOf(scan, activeList);
  return [{ name: 'delegateToOwner', parameters: ordinal === undefined ? {} : { ordinal } }];
}
