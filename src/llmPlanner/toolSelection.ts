// Tool selection per message: the tool list is most of a request's tokens (about 6,300 of the registry's 21 tools,
// a third of them in refine's and changes' filter schemas), so each request carries only the tools the message can
// need. Small tools always go; a large tool goes when the message's local reading (the keyless planner's choice),
// the previous turn, or the list on screen points at it; analyze, the entry to the data, and outOfScope always go.
// A registered tool that was not sent is still callable: the registry validates it like any other, so a model that
// knows better loses nothing but the schema.
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { countToolTokens } from './tokenBudget';

/** A tool of at most this many tokens is always sent (most are 40 to 250). */
export const SMALL_TOOL_TOKENS = 300;
/** Sent on every request whatever their size. */
export const ALWAYS_SENT: readonly string[] = ['analyze', 'outOfScope', 'help'];
/** Sent while a list is on screen: they act on it. */
export const LIST_TOOLS: readonly string[] = ['refine', 'showMore', 'details'];

export interface ToolHints {
  /** Actions a local reading of the message suggests (the keyless planner's plan). */
  suggested: readonly string[];
  /** Actions the previous turns ran. */
  previous: readonly string[];
  hasActiveList: boolean;
}

export interface ToolSelector {
  /** Every tool a planner may call (sent or not). */
  readonly all: readonly ChatCompletionTool[];
  select(hints: ToolHints): ChatCompletionTool[];
}

export function createToolSelector(all: readonly ChatCompletionTool[]): ToolSelector {
  const small = new Set(all.filter((tool) => countToolTokens([tool]) <= SMALL_TOOL_TOKENS).map((tool) => tool.function.name));
  const cache = new Map<string, ChatCompletionTool[]>();
  return {
    all,
    select: (hints) => {
      const wanted = new Set([...small, ...ALWAYS_SENT, ...hints.suggested, ...hints.previous, ...(hints.hasActiveList ? LIST_TOOLS : [])]);
      const chosen = all.filter((tool) => wanted.has(tool.function.name));
      // The same selection is the same array: its token count is cached (src/llmPlanner/tokenBudget.ts).
      const key = chosen.map((tool) => tool.function.name).join(',');
      let list = cache.get(key);
      if (!list) cache.set(key, (list = chosen));
      return list;
    },
  };
}
