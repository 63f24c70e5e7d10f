// Delegation requests and tracking questions: "delegate this to the owner", "send the first one to its owner",
// "assign the storage findings in rg-web to their owners" / "delegate these to their owners" (bulk, one draft per owner),
// "what have I delegated?", "which delegations are overdue?", "mark the second delegation as fixed", "cancel the first delegation". A delegation
// names only which recommendation (a position or the one on screen): the recipient comes from the data and the
// draft card, never from the message, so an address typed here is never used.
import type { AnalyzeFilter } from '../actions/contracts/analyze';
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

/** "… to the owner", "… to their owners": a hand-over to whoever owns it, not a named person ('owners' when plural). */
function toTheOwner(words: readonly string[]): 'owner' | 'owners' | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'to') continue;
    let at = i + 1;
    while (at < i + 3 && POSSESSIVES.has(words[at] ?? '')) at++;
    const word = words[at] ?? '';
    if (OWNER_WORDS.has(word)) return word === 'owners' ? 'owners' : 'owner';
  }
  return undefined;
}

/** "these", "all of them", "the storage findings": several recommendations, not the one on screen. */
const MANY_WORDS = new Set(['these', 'those', 'them', 'all', 'every', 'findings', 'recommendations', 'risks', 'issues']);
const REQUEST_WORDS = new Set([...SEND_VERBS, 'delegate', 'owner', 'owners']);
/** Words of a bulk request that name no filter ("everything", "of it", "please"). */
const BULK_FILLER = new Set(['everything', 'everyone', 'each', 'one', 'ones', 'single', 'data', 'information', 'whole', 'thing', 'ever', 'respective', 'responsible', 'people', 'findings', 'recommendation', 'items', 'stuff']);

/**
 * `filter` is what the message itself asks for ("the storage findings in rg-web"): a bulk delegation uses it, or the
 * list on screen when it is empty ("delegate these to their owners").
 */
export function planDelegateIntent(scan: ScannedMessage, activeList: ActiveListSummary | undefined, filter: AnalyzeFilter = {}, unusedWords: readonly string[] = []): PlannedAction[] | undefined {
  const words = scan.words;
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
  const owner = toTheOwner(words);
  const delegates = words[0] === 'delegate' || (words[0] === 'please' && words[1] === 'delegate') || (has(words, SEND_VERBS) && owner !== undefined);
  if (!delegates) return undefined;
  const ordinal = rowPositionOf(scan, activeList);
  if (ordinal === undefined && (owner === 'owners' || has(words, MANY_WORDS))) {
    // A loose word the subject matcher took from the request itself ("email these …") is no filter.
    const { recommendationText, ...rest } = filter;
    const kept: AnalyzeFilter = recommendationText && !REQUEST_WORDS.has(recommendationText.toLowerCase()) ? { ...rest, recommendationText } : rest;
    // Words the filter could not place ("rg-prod" where no such group is visible) go along, so the action refuses
    // rather than delegating the whole list without them.
    // An address is no filter and never a recipient: it is left out (the owners come from the data).
    const unknown = unusedWords.filter((w) => !w.includes('@') && !REQUEST_WORDS.has(w.toLowerCase()) && !MANY_WORDS.has(w.toLowerCase()) && !BULK_FILLER.has(w.toLowerCase()));
    return [{ name: 'delegateToOwners', parameters: { ...(Object.keys(kept).length > 0 ? { filter: kept } : {}), ...(unknown.length > 0 ? { unusedWords: unknown } : {}) } }];
  }
  return [{ name: 'delegateToOwner', parameters: ordinal === undefined ? {} : { ordinal } }];
}
