// A streamed completion (`stream: true`) put back together as the one completion the plan loop reads: text deltas
// appended, tool-call deltas assembled by index (the id and name come first, the arguments in pieces), the finish
// reason and refusal kept, usage from the last chunk. Text is handed on as it arrives, but only while no tool call
// has started: prose is what may be shown; a tool call is an action the registry checks first.
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';

/** What the plan loop reads of a completion (the same fields, whether it came whole or in chunks). */
export type AssembledCompletion = Pick<ChatCompletion, 'choices' | 'usage'>;

export async function assembleStream(chunks: AsyncIterable<ChatCompletionChunk>, onText: (delta: string) => void): Promise<AssembledCompletion> {
  let content = '';
  let refusal = '';
  let finish: ChatCompletion.Choice['finish_reason'] | null = null;
  let usage: ChatCompletion['usage'];
  let sawChoice = false;
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  for await (const chunk of chunks) {
    if (chunk?.usage) usage = chunk.usage;
    const choice = Array.isArray(chunk?.choices) ? chunk.choices.find((c) => (c.index ?? 0) === 0) : undefined;
    if (!choice) continue;
    sawChoice = true;
    const delta = choice.delta ?? {};
    if (typeof delta.refusal === 'string') refusal += delta.refusal;
    for (const part of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      const index = typeof part.index === 'number' && part.index >= 0 && part.index < 16 ? part.index : calls.length;
      const call = (calls[index] ??= { id: '', name: '', arguments: '' });
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name += part.function.name;
      if (part.function?.arguments) call.arguments += part.function.arguments;
    }
    if (typeof delta.content === 'string' && delta.content) {
      content += delta.content;
      if (calls.length === 0) onText(delta.content);
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  if (!sawChoice) return { choices: [], ...(usage ? { usage } : {}) };
  const toolCalls: ChatCompletionMessageToolCall[] = calls.filter(Boolean).map((c, i) => ({ id: c.id || `call_${i}`, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    choices: [
      {
        index: 0,
        finish_reason: finish ?? 'stop',
        logprobs: null,
        message: { role: 'assistant', content: content || null, refusal: refusal || null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
      },
    ],
    ...(usage ? { usage } : {}),
  };
}
