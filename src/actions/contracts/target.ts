// Which recommendation "this", "the second one" or a card's row ref means, read from the analyze skill's active
// list. Other skills (assign, later summarize and delegate) name their target through this, never by position alone.
import type { ActionContext } from '../registry';
import { ACTIVE_LIST_KEY, parseActiveList } from './activeList';
import { parseRowRef } from '../vocabularies';

export interface TargetParams {
  /** 1-based position in the list on screen. */
  ordinal?: number | undefined;
  /** A card's opaque row ref. */
  ref?: string | undefined;
}

export type TargetResolution = { ok: true; assessmentId: string } | { ok: false; reason: string };

export function resolveTarget(context: Pick<ActionContext, 'conversation'>, params: TargetParams): TargetResolution {
  const list = parseActiveList(context.conversation.get(ACTIVE_LIST_KEY));
  if (params.ref !== undefined) {
    const ref = parseRowRef(params.ref);
    const id = ref && list && ref.listId === list.listId ? list.refs[ref.index] : undefined;
    return id ? { ok: true, assessmentId: id } : { ok: false, reason: 'That button belongs to an older list. Open the recommendation again from the newest card.' };
  }
  if (params.ordinal !== undefined) {
    if (!list || list.view === 'breakdown') return { ok: false, reason: 'There is no list to pick from yet. Ask a question first, for example "show critical risks".' };
    const id = list.refs[params.ordinal - 1];
    if (id) return { ok: true, assessmentId: id };
    return { ok: false, reason: `Row ${params.ordinal} is not on screen: the list shows ${list.refs.length}. Show more rows first, or open it with "details of ${params.ordinal}".` };
  }
  if (list?.selectedRef) return { ok: true, assessmentId: list.selectedRef };
  if (list && list.view === 'list' && list.total === 1 && list.refs[0]) return { ok: true, assessmentId: list.refs[0] };
  return { ok: false, reason: 'Which recommendation? Open one first ("details of the second one"), or say which row ("assign the third one").' };
}
