import { connectionBodies, ID_PLACEHOLDER, messageActivity, summarizeReply } from '../../bench/activities';

const PROMPTS = ['one', 'two', 'three'];

describe('bench activities', () => {
  it('asks for expectReplies with a recipient and a conversation, as Teams would', () => {
    const a = messageActivity({ text: 'hi', conversationId: 'a:c1', userIndex: 3, activityId: 'x' });
    expect(a).toMatchObject({ type: 'message', deliveryMode: 'expectReplies', channelId: 'msteams', text: 'hi', recipient: { id: expect.any(String) }, conversation: { id: 'a:c1', conversationType: 'personal' } });
  });

  it('gives each connection every prompt once, from its own offset, in its own conversation', () => {
    const texts = (i: number) => connectionBodies(PROMPTS, i, 'r').map((b) => (JSON.parse(b) as { text: string }).text);
    expect(texts(0)).toEqual(['one', 'two', 'three']);
    expect(texts(1)).toEqual(['two', 'three', 'one']);
    expect(texts(4)).toEqual(['two', 'three', 'one']);
    const conversations = [0, 1].map((i) => new Set(connectionBodies(PROMPTS, i, 'r').map((b) => (JSON.parse(b) as { conversation: { id: string } }).conversation.id)));
    expect(conversations[0]?.size).toBe(1);
    expect([...(conversations[0] ?? [])][0]).not.toBe([...(conversations[1] ?? [])][0]);
  });

  it('leaves a placeholder in every activity id, so each send can get a fresh one', () => {
    for (const body of connectionBodies(PROMPTS, 0, 'r')) expect((JSON.parse(body) as { id: string }).id).toContain(ID_PLACEHOLDER);
  });

  it('refuses an empty prompt list', () => {
    expect(() => connectionBodies([], 0, 'r')).toThrow(/prompt/);
  });

  it('summarizes an expectReplies body and refuses one without activities', () => {
    const body = JSON.stringify({ activities: [{ type: 'typing' }, { type: 'message', text: 'hello', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [] } }] }] });
    expect(summarizeReply(body)).toEqual({
      activities: 2, types: ['typing', 'message'], cardContentTypes: ['application/vnd.microsoft.card.adaptive'], cards: [{ type: 'AdaptiveCard', body: [] }], text: 'hello', bytes: Buffer.byteLength(body),
    });
    expect(() => summarizeReply('{}')).toThrow(/activities/);
    expect(() => summarizeReply('not json')).toThrow();
  });
});
