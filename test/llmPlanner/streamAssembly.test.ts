// A streamed completion is read back as the completion it stands for: text in order, tool calls put together from
// their deltas by index, finish reason, refusal and usage kept; text after a tool call started is not handed on.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { assembleStream } from '../../src/llmPlanner/streamAssembly';

async function* chunksOf(...deltas: Array<Partial<ChatCompletionChunk.Choice['delta']> | { finish: ChatCompletionChunk.Choice['finish_reason'] } | { usage: number }>): AsyncIterable<ChatCompletionChunk> {
  for (const d of deltas) {
    const head = { id: 'c', object: 'chat.completion.chunk' as const, created: 0, model: 'm' };
    if ('usage' in d && typeof d.usage === 'number') yield { ...head, choices: [], usage: { prompt_tokens: d.usage, completion_tokens: 3, total_tokens: d.usage + 3 } };
    else if ('finish' in d) yield { ...head, choices: [{ index: 0, delta: {}, finish_reason: d.finish ?? null }] };
    else yield { ...head, choices: [{ index: 0, delta: d as ChatCompletionChunk.Choice['delta'], finish_reason: null }] };
  }
}

describe('stream assembly', () => {
  it('hands text on as it comes and keeps the whole', async () => {
    const seen: string[] = [];
    const done = await assembleStream(chunksOf({ role: 'assistant', content: '' }, { content: 'Hello ' }, { content: 'there.' }, { finish: 'stop' }, { usage: 40 }), (t) => seen.push(t));
    expect(seen).toEqual(['Hello ', 'there.']);
    expect(done.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Hello there.' } });
    expect(done.choices[0]?.message.tool_calls).toBeUndefined();
    expect(done.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 3 });
  });

  it('puts tool calls together by index and stops handing text on once one starts', async () => {
    const seen: string[] = [];
    const done = await assembleStream(
      chunksOf(
        { content: 'Let me look. ' },
        { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'analyze', arguments: '' } }] },
        { tool_calls: [{ index: 0, function: { arguments: '{"filter":' } }] },
        { content: 'ignored aside' },
        { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'summarize', arguments: '{}' } }] },
        { tool_calls: [{ index: 0, function: { arguments: '{}}' } }] },
        { finish: 'tool_calls' },
      ),
      (t) => seen.push(t),
    );
    expect(seen).toEqual(['Let me look. ']);
    expect(done.choices[0]?.finish_reason).toBe('tool_calls');
    expect(done.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'analyze', arguments: '{"filter":{}}' } },
      { id: 'call_b', type: 'function', function: { name: 'summarize', arguments: '{}' } },
    ]);
  });

  it('keeps a refusal and a content filter stop, and reads an empty stream as no choice', async () => {
    const refused = await assembleStream(chunksOf({ refusal: 'I cannot ' }, { refusal: 'help.' }, { finish: 'content_filter' }), () => undefined);
    expect(refused.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { refusal: 'I cannot help.', content: null } });
    expect((await assembleStream(chunksOf({ usage: 5 }), () => undefined)).choices).toEqual([]);
  });
});
