// Streamed prose is checked a sentence at a time: a sentence naming something the data does not hold never reaches
// the stream, sentences split across deltas are put together first, paragraphs survive, known names are cited with
// numbers that continue across sentences, and a stream is only opened when a sentence passes.
import type { ProseStream } from '../../src/actions/contracts/messagePlanner';
import { createProseGate, STREAM_STATUS } from '../../src/llmPlanner/proseGate';

function recorder() {
  const events: string[] = [];
  const stream: ProseStream = { inform: (text) => events.push(`inform:${text}`), write: (text) => events.push(text) };
  return { events, stream };
}

const cite = (known: string[]) => (sentence: string, start: number) => {
  const names = known.filter((name) => sentence.includes(name));
  let text = sentence;
  names.forEach((name, i) => (text = text.replace(name, `${name} [${start + i + 1}]`)));
  return { text, citations: names.map((name) => ({ name, abstract: `record of ${name}` })) };
};

describe('prose gate', () => {
  it('writes checked sentences as they complete, dropping one that names an unknown resource', () => {
    const { events, stream } = recorder();
    const removed: string[] = [];
    const gate = createProseGate({ stream, label: 'LABEL:', isKnown: (name) => name === 'vm-quasar-07', cite: cite(['vm-quasar-07']), onRemoved: (names) => removed.push(...names) });
    for (const delta of ['Lateral mo', 'vement is a risk.', ' Your vm-pay', 'ments-99 is open. ', 'Start with vm-quasar-07. Then', ' segment.\n\nLimit', ' credentials.']) gate.onText(delta);
    // The last sentence is held until the stream ends (it may go on).
    expect(events).toEqual([`inform:${STREAM_STATUS}`, 'LABEL:\n\n', 'Lateral movement is a risk.', ' Start with vm-quasar-07 [1].', ' Then segment.']);
    const done = gate.finish(true);
    expect(events.at(-1)).toBe('\n\nLimit credentials.');
    expect(removed).toEqual(['vm-payments-99']);
    expect(done).toEqual({ text: 'LABEL:\n\nLateral movement is a risk. Start with vm-quasar-07 [1]. Then segment.\n\nLimit credentials.', citations: [{ name: 'vm-quasar-07', abstract: 'record of vm-quasar-07' }] });
    expect(events.filter((e) => !e.startsWith('inform:')).join('')).toBe(done!.text);
    expect(gate.received).toBe(true);
  });

  it('numbers citations across sentences and keeps a paragraph break after a dropped sentence', () => {
    const { stream } = recorder();
    const gate = createProseGate({ stream, label: 'L:', isKnown: (name) => name.startsWith('vm-known'), cite: cite(['vm-known-1', 'vm-known-2']) });
    gate.onText('See vm-known-1 first. Then vm-made-up-9 too.\n\nAnd vm-known-2 last.');
    expect(gate.finish(true)?.text).toBe('L:\n\nSee vm-known-1 [1] first.\n\nAnd vm-known-2 [2] last.');
  });

  it('drops an unfinished sentence when the answer did not finish (a timeout, a tool call after the prose)', () => {
    const { events, stream } = recorder();
    const gate = createProseGate({ stream, label: 'L:', isKnown: () => false, cite: cite([]) });
    gate.onText('Let me check that. Then I will look at the');
    expect(gate.finish(false)).toEqual({ text: 'L:\n\nLet me check that.', citations: [] });
    expect(events.join('|')).not.toContain('look at');
  });

  it('opens no stream when no sentence passes, and says nothing was written', () => {
    const { events, stream } = recorder();
    const gate = createProseGate({ stream, label: 'L:', isKnown: () => false, cite: cite([]) });
    expect(gate.received).toBe(false);
    gate.onText('Patch vm-secret-01 now. And sql-prod-2.');
    expect(gate.finish(true)).toBeUndefined();
    expect(events).toEqual([]);
  });
});
