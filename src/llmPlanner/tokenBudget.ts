// Prompt tokens counted with gpt-tokenizer (a maintained pure-JS port of OpenAI's BPE tokenizers; teams-ai already
// depends on the same version, so it adds no second copy) in the o200k_base encoding of the gpt-4o family. The count
// of a request is the tokens of its messages' text and of its tool definitions: an estimate within a few tokens of
// what the service bills (it adds a handful of framing tokens per message), good for budgets and for the bench.
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { HistoryTurn } from './promptBuilder';

/** Framing tokens the chat format adds per message (role and separators). */
const PER_MESSAGE_TOKENS = 4;

export const countTokens = (text: string): number => encode(text).length;

/** Tool lists are the same on every turn: counted once per list. */
const toolTokens = new WeakMap<readonly ChatCompletionTool[], number>();

export function countToolTokens(tools: readonly ChatCompletionTool[]): number {
  let count = toolTokens.get(tools);
  if (count === undefined) toolTokens.set(tools, (count = tools.length > 0 ? countTokens(JSON.stringify(tools)) : 0));
  return count;
}

export function countRequestTokens(messages: readonly ChatCompletionMessageParam[], tools: readonly ChatCompletionTool[]): number {
  let total = countToolTokens(tools);
  for (const message of messages) {
    const content = typeof message.content === 'string' ? message.content : message.content ? JSON.stringify(message.content) : '';
    const calls = 'tool_calls' in message && message.tool_calls ? JSON.stringify(message.tool_calls) : '';
    total += PER_MESSAGE_TOKENS + countTokens(content) + (calls ? countTokens(calls) : 0);
  }
  return total;
}

/** The newest turns that fit the budget, oldest first. */
export function trimHistory(history: readonly HistoryTurn[], budgetTokens: number): HistoryTurn[] {
  const kept: HistoryTurn[] = [];
  let used = 0;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const turn = history[i];
    if (!turn) continue;
    const cost = 2 * PER_MESSAGE_TOKENS + countTokens(turn.user) + countTokens(turn.did) + 2;
    if (used + cost > budgetTokens) break;
    used += cost;
    kept.unshift(turn);
  }
  return kept;
}
