// "how do I fix it?" after a recommendation was found by name (no list on screen): the skill remembers the last
// recommendation it summarized or remediated in this conversation, and "it" / "this" falls back to that.
import type { TargetParams, TargetResolution } from '../../actions/contracts/target';
import type { ActionContext, ConversationMemory } from '../../actions/registry';
import type { Reply } from '../../views/reply';

export const REMEDIATE_SELECTED_KEY = 'remediateSelected';

export function rememberSelected(conversation: ConversationMemory, assessmentId: string): void {
  conversation.set(REMEDIATE_SELECTED_KEY, assessmentId);
}

type Resolve = (context: ActionContext<Reply>, params: TargetParams) => TargetResolution;

/** The shared resolution first; with no position or ref given and nothing selected there, this skill's last one. */
export function withRemembered(resolve: Resolve): Resolve {
  return (context, params) => {
    const resolved = resolve(context, params);
    if (resolved.ok || params.ordinal !== undefined || params.ref !== undefined) return resolved;
    const remembered = context.conversation.get<unknown>(REMEDIATE_SELECTED_KEY);
    return typeof remembered === 'string' && remembered.length > 0 && remembered.length <= 2000 ? { ok: true, assessmentId: remembered } : resolved;
  };
}
