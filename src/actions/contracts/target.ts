// Which recommendation "this", "the second one" or a card's ref means. A card's ref names the recommendation
// itself (any card this conversation was shown, not only the newest); an ordinal is a position in the active
// list. Other skills (assign, later summarize and delegate) name their target through this.
import { AppError } from '../../errors/appError';
import type { ActionContext, ConversationMemory } from '../registry';
import { parseRowRef } from '../vocabularies';
import { ACTIVE_LIST_KEY, parseActiveList } from './activeList';
import { listRowId } from './listRows';
import { resolveShown } from './shownRefs';

export interface TargetParams {
  /** 1-based position in the list on screen. */
  ordinal?: number | undefined;
  /** A card's opaque row ref. */
  ref?: string | undefined;
}

export type TargetResolution = { ok: true; assessmentId: string } | { ok: false; reason: string };

/** Said for a ref this conversation was never shown (tampered, or from a card too old to remember). */
export const UNKNOWN_REF_REASON = "I don't recognise that button. Ask again for a fresh list and open the recommendation from it.";

/** Said when a recommendation a target names has left the data since it was shown. */
export const GONE_REASON = 'That recommendation is no longer in the data. Ask again for a fresh list.';

/** Said for a row of the list whose ref this conversation no longer remembers (many recommendations shown since). */
export const forgottenRowReason = (ordinal: number): string =>
  `Row ${ordinal} was shown too long ago for me to find it again. Open it with "details of ${ordinal}" first.`;

/** What a resolved target stands for (`lookup` reads it from the current data), or NOT_FOUND saying why not. */
export function requireTarget<D>(resolution: TargetResolution, lookup: (assessmentId: string) => D | undefined): D {
  if (!resolution.ok) throw new AppError('NOT_FOUND', resolution.reason);
  const found = lookup(resolution.assessmentId);
  if (!found) throw new AppError('NOT_FOUND', GONE_REASON);
  return found;
}

/** The assessment a card button's ref stands for in this conversation, or undefined. */
export function resolveCardRef(conversation: ConversationMemory, ref: string): string | undefined {
  const shown = resolveShown(conversation, ref);
  if (shown) return shown;
  // Cards sent before refs named recommendations: `<listId>_<index>` into the active list.
  const legacy = parseRowRef(ref);
  const list = parseActiveList(conversation.get(ACTIVE_LIST_KEY));
  return legacy && list && legacy.listId === list.listId ? listRowId(conversation, list, legacy.index) : undefined;
}

export function resolveTarget(context: Pick<ActionContext, 'conversation'>, params: TargetParams): TargetResolution {
  const list = parseActiveList(context.conversation.get(ACTIVE_LIST_KEY));
  if (params.ref !== undefined) {
    const id = resolveCardRef(context.conversation, params.ref);
    return id ? { ok: true, assessmentId: id } : { ok: false, reason: UNKNOWN_REF_REASON };
  }
  if (params.ordinal !== undefined) {
    if (!list || list.view === 'breakdown') return { ok: false, reason: 'There is no list to pick from yet. Ask a question first, for example "show critical risks".' };
    const id = listRowId(context.conversation, list, params.ordinal - 1);
    if (id) return { ok: true, assessmentId: id };
    if (list.refs[params.ordinal - 1] !== undefined) return { ok: false, reason: forgottenRowReason(params.ordinal) };
    return { ok: false, reason: `Row ${params.ordinal} is not on screen: the list shows ${list.refs.length}. Show more rows first, or open it with "details of ${params.ordinal}".` };
  }
  if (list?.selectedRef) return { ok: true, assessmentId: list.selectedRef };
  const only = list && list.view === 'list' && list.total === 1 ? listRowId(context.conversation, list, 0) : undefined;
  if (only) return { ok: true, assessmentId: only };
  return { ok: false, reason: 'Which recommendation? Open one first ("details of the second one"), or say which row ("assign the third one").' };
}
