// The AI label and citation entities survive the trip to the connector: the outgoing HTTP body, captured by a
// loopback connector, still carries every entity field (botbuilder 4.23.3 as published drops all but type, text
// and mentioned; src/teams/entityWireFix.ts restores them when the adapter is created).
import { createPostureAdapter } from '../../src/teams/postureAdapter';
import { startLoopbackConnector } from '../support/loopbackConnector';

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
    const reference = {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: 'a:entity-wire', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: '28:posture-bot', name: 'PostureBot' },
      user: { id: '29:user-ada', name: 'Ada' },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity({ type: 'message', text: 'A summary written by a language model [1].', entities: [entity] });
    });
    const [call] = connector.callsIn('a:entity-wire');
    expect(call!.activity.entities).toEqual([entity]);
  } finally {
    await connector.stop();
  }
});
