// Teams streaming on the wire: what the bot POSTs to a loopback connector for a streamed answer. The informative
// update and the streaming updates are typing activities with a streaminfo entity (streamType, streamSequence) that
// survive botbuilder's serializer (src/teams/entityWireFix.ts); every activity after the first carries the id the
// connector assigned to the first as its streamId; the final message carries streamType final, plain text and the
// "AI generated" label with the citation's link.
import { ActivityTypes } from 'botbuilder';
import { createPostureAdapter } from '../../src/teams/postureAdapter';
import { proseStreamOf } from '../../src/teams/proseStreaming';
import { startLoopbackConnector } from '../support/loopbackConnector';

it('sends the streaming protocol to the connector: streaminfo, streamId and the labelled final message', async () => {
  const connector = await startLoopbackConnector();
  try {
    const adapter = createPostureAdapter(undefined);
    const reference = {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: 'a:stream-wire', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: '28:posture-bot', name: 'PostureBot' },
      user: { id: '29:user-ada', name: 'Ada' },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      // As in a turn: a 1:1 message is what may stream.
      context.activity.type = ActivityTypes.Message;
      const stream = proseStreamOf(context);
      expect(stream).toBeDefined();
      stream!.inform('Thinking…');
      stream!.write('General knowledge:\n\nFirst sentence.');
      // StreamingResponse pauses 1.5 s after each activity: the first text goes out as an update once that is over.
      await new Promise((resolve) => setTimeout(resolve, 1_700));
      stream!.write(' Second sentence about vm-quasar-07 [1].');
      await stream!.end([{ name: 'Restrict ports (vm-quasar-07)', abstract: 'High severity', url: 'https://portal.azure.com/#view/rec' }]);
    });
    const calls = connector.callsIn('a:stream-wire');
    expect(calls.map((c) => [c.activity.type, (c.activity.channelData as { streamType?: string }).streamType])).toEqual([
      ['typing', 'informative'],
      ['typing', 'streaming'],
      ['message', 'final'],
    ]);
    const streamId = calls[0]!.assignedId;
    expect(streamId).toBeTruthy();
    expect(calls[0]!.activity.entities).toEqual([{ type: 'streaminfo', streamType: 'informative', streamSequence: 1 }]);
    expect(calls[1]!.activity).toMatchObject({ text: 'General knowledge:\n\nFirst sentence.', channelData: { streamId, streamSequence: 2 }, entities: [{ type: 'streaminfo', streamType: 'streaming', streamSequence: 2, streamId }] });
    const final = calls[2]!.activity;
    expect(final).toMatchObject({ text: 'General knowledge:\n\nFirst sentence. Second sentence about vm-quasar-07 [1].', textFormat: 'plain', channelData: { streamType: 'final', streamId } });
    expect(final.entities).toEqual([
      { type: 'streaminfo', streamType: 'final', streamId },
      expect.objectContaining({ additionalType: ['AIGeneratedContent'], citation: [expect.objectContaining({ position: 1, appearance: expect.objectContaining({ url: 'https://portal.azure.com/#view/rec' }) })] }),
    ]);
  } finally {
    await connector.stop();
  }
});
