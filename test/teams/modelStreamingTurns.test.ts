// Streaming in whole turns (issue 17: "long answers stream in personal chats"): in a 1:1 chat the planner asks the
// loopback OpenAI-compatible server with `stream: true` (the fake answers in server-sent events and checks the
// request's shape), checks each sentence before it is streamed, and the bot sends Teams' streaming activities:
// an informative update first, streaming updates with a rising streamSequence and a streaminfo entity, then the
// final message (streamType final) with the "AI generated" label and citations. A tool call streamed back is
// assembled and runs as without streaming; a group chat gets one message and no stream.
import type { Activity } from 'botbuilder';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { message } from '../support/activities';
import { cardOf, textOf } from '../support/cardJson';
import { fakeModelSuite, startLlmBot } from '../support/llmBot';
import { textAnswer, toolCall } from '../llmPlanner/support/fakeModelServer';

interface StreamInfo {
  type: string;
  streamType: string;
  streamSequence?: number;
  streamId?: string;
}
const channelDataOf = (a: Partial<Activity>) => (a.channelData ?? {}) as { streamType?: string; streamSequence?: number; streamId?: string; feedbackLoop?: unknown };
const streamInfoOf = (a: Partial<Activity>) => (a.entities ?? []).find((e) => e.type === 'streaminfo') as StreamInfo | undefined;

describe('streamed model prose', () => {
  const { server, tenant } = fakeModelSuite();

  it('streams checked sentences in a 1:1 chat, then ends with the labelled, cited final message', async () => {
    const bot = await startLlmBot(server, tenant.path, createMemoryRecordsStore());
    try {
      server.script({
        ...textAnswer(
          'Lateral movement is how an attacker moves from one compromised system to others. Your vm-payments-99 is exposed right now. An internet-exposed VM such as vm-quasar-07 is a typical entry point.\n\nSegment networks and limit credentials.',
        ),
        // Long enough to outlast StreamingResponse's 1.5 s pause after each activity, so updates are seen between the first and the final.
        chunkDelayMs: 90,
      });
      const replies = await bot.turn(message('what is lateral movement?'));
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

      // The bot's plain typing indicator may come first; the stream starts with the informative update.
      const start = replies.findIndex((a) => channelDataOf(a).streamType);
      expect(replies.slice(0, start).every((a) => a.type === 'typing' && !a.text && !a.entities)).toBe(true);
      const [informative, ...rest] = replies.slice(start);
      expect(informative).toMatchObject({ type: 'typing', text: 'Thinking…', channelData: { streamType: 'informative', streamSequence: 1 } });
      expect(streamInfoOf(informative!)).toMatchObject({ type: 'streaminfo', streamType: 'informative', streamSequence: 1 });
      // The id the channel gave the first update is the stream's id from then on.
      const streamId = informative!.id;
      expect(streamId).toBeTruthy();

      const updates = rest.filter((a) => a.type === 'typing');
      expect(updates.length).toBeGreaterThan(0);
      const sequences = updates.map((a) => channelDataOf(a).streamSequence);
      expect(sequences).toEqual(sequences.map((_, i) => i + 2));
      for (const update of updates) {
        expect(channelDataOf(update)).toMatchObject({ streamType: 'streaming', streamId });
        expect(streamInfoOf(update)).toMatchObject({ type: 'streaminfo', streamType: 'streaming', streamId });
        // Checked before it was sent: the made-up name never appears, not even for one update.
        expect(update.text).not.toContain('vm-payments-99');
        expect(update.text).toMatch(/^General security knowledge from scripted-gpt/);
      }

      // After the stream ends, the conversation is told once which model plans and what it is sent.
      const isNotice = (a: Partial<Activity>) => a.type === 'message' && /^\(scripted-gpt .* picks the actions/.test(a.text ?? '');
      expect(rest.filter(isNotice)).toHaveLength(1);
      expect(isNotice(rest[rest.length - 1]!)).toBe(true);
      const finals = rest.filter((a) => a.type === 'message' && !isNotice(a));
      expect(finals).toHaveLength(1);
      const final = finals[0]!;
      expect(rest.indexOf(final)).toBe(rest.length - 2);
      expect(channelDataOf(final)).toMatchObject({ streamType: 'final', streamId });
      expect(streamInfoOf(final)).toMatchObject({ type: 'streaminfo', streamType: 'final', streamId });
      expect(final.textFormat).toBe('plain');
      expect(final.text).toBe(
        'General security knowledge from scripted-gpt (numbered names, if any, are records in your posture data):\n\nLateral movement is how an attacker moves from one compromised system to others. An internet-exposed VM such as vm-quasar-07 [1] is a typical entry point.\n\nSegment networks and limit credentials.',
      );
      expect(final.text).toContain(updates.at(-1)!.text!.slice(0, 40));
      // The label with the citation and its link, on the final message only; and the feedback buttons.
      const labels = (final.entities ?? []).filter((e) => (e as { additionalType?: string[] }).additionalType?.includes('AIGeneratedContent'));
      expect(labels).toHaveLength(1);
      expect(labels[0]).toMatchObject({ citation: [{ '@type': 'Claim', position: 1, appearance: { name: expect.stringContaining('vm-quasar-07') } }] });
      for (const update of [informative!, ...updates]) expect(JSON.stringify(update.entities)).not.toContain('AIGeneratedContent');
      expect(channelDataOf(final).feedbackLoop).toEqual({ type: 'custom' });
    } finally {
      bot.close();
    }
  });

  it('assembles a streamed tool call and runs it: no stream is opened for an action', async () => {
    const bot = await startLlmBot(server, tenant.path, createMemoryRecordsStore());
    try {
      server.script(toolCall('analyze', { filter: { riskLevels: ['Critical'], riskFactors: ['internetExposure'] } }));
      const replies = await bot.turn(message('Show critical risks for publicly exposed resources'));
      expect(server.requests[0]?.body.stream).toBe(true);
      expect(replies.filter((a) => channelDataOf(a).streamType)).toEqual([]);
      expect(textOf(cardOf(replies))).toContain('vm-quasar-07');
    } finally {
      bot.close();
    }
  });

  it('sends one message in a group chat, asking without streaming', async () => {
    const bot = await startLlmBot(server, tenant.path, createMemoryRecordsStore());
    try {
      server.script(textAnswer('Lateral movement is how an attacker moves from one compromised system to others.'));
      const replies = await bot.turn(message('what is lateral movement?', { conversationType: 'groupChat', mention: true }));
      expect(server.requests[0]?.body).not.toHaveProperty('stream');
      // The once-per-conversation notice naming the model, then the answer as one message.
      expect(replies.map((a) => a.type)).toEqual(['message', 'message']);
      expect(replies[0]?.text).toMatch(/^\(scripted-gpt .* picks the actions for your messages/);
      expect(replies[1]?.channelData).not.toHaveProperty('streamType');
      expect(replies[1]?.text).toContain('Lateral movement is how an attacker moves');
    } finally {
      bot.close();
    }
  });
});
