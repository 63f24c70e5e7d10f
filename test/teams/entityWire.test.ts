// The AI label and citation entities survive the trip to the connector: the outgoing HTTP body, captured by a
// loopback connector, still carries every entity field (botbuilder 4.23.3 as published drops all but type, text
// and mentioned; src/teams/entityWireFix.ts restores them when the adapter is created). So does Teams streaming:
// the informative and streaming updates are typing activities with a streaminfo entity (streamType,
// streamSequence); every activity after the first carries the id the connector assigned to the first as its
// streamId; the final message carries streamType final, plain text and the label with the citation's link.
import { createPostureAdapter } from '../../src/teams/postureAdapter';
import { ActivityTypes } from 'botbuilder';
import { proseStreamOf } from '../../src/teams/proseStreaming';
import { startLoopbackConnector, type LoopbackConnector } from '../support/loopbackConnector';

const personalChat = (connector: LoopbackConnector, id: string) => ({
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
  bot: { id: '28:posture-bot', name: 'PostureBot' },
  user: { id: '29:user-ada', name: 'Ada' },
});

it('sends the "AI generated" label and citations with all their fields', async () => {
  const connector = await startLoopbackConnector();
  try {
    const adapter = createPostureAdapter(undefined);
    const entity = {
      type: 'https://schema.org/Message',
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
      additionalType: ['AIGeneratedContent'],
      citation: [{ '@type': 'Claim', position: 1, appearance: { '@type': 'DigitalDocument', name: 'Storage accounts should restrict network access', abstract: 'From the Defender for Cloud catalog', url: 'https://learn.microsoft.com/azure/defender-for-cloud/' } }],
    };
    const reference = personalChat(connector, 'a:entity-wire');
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity({ type: 'message', text: 'A summary written by a language model [1].', entities: [entity] });
    });
    const [call] = connector.callsIn('a:entity-wire');
    expect(call!.activity.entities).toEqual([entity]);
  } finally {
    await connector.stop();
  }
});

it('sends the streaming protocol to the connector: streaminfo, streamId and the labelled final message', async () => {
  const connector = await startLoopbackConnector();
  try {
    const adapter = createPostureAdapter(undefined);
    const reference = personalChat(connector, 'a:stream-wire');
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
