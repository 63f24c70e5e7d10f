// The adapter's turn context sends as botbuilder's TurnContext does (same activities, buffers, responses, flags and
// send handlers), through native async functions rather than the SDK's compiled generators.
import { ActivityTypes, INVOKE_RESPONSE_KEY, TestAdapter, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { createPostureTurnContext } from '../../src/teams/postureTurnContext';

function incoming(deliveryMode?: string): Activity {
  return {
    type: 'message',
    id: 'in-1',
    text: 'hi',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/',
    locale: 'en-US',
    from: { id: 'u1', name: 'U' },
    recipient: { id: 'b1', name: 'B' },
    conversation: { id: 'c1', name: 'c', isGroup: false, conversationType: 'personal' },
    ...(deliveryMode ? { deliveryMode } : {}),
  } as Activity;
}

/** What a context shows after a script of sends: its buffers, flags, the handlers' view, the adapter's and the answers. */
async function run(make: (adapter: TestAdapter, activity: Activity) => TurnContext, deliveryMode?: string) {
  const adapter = new TestAdapter();
  const sentToAdapter: Partial<Activity>[][] = [];
  adapter.sendActivities = async (_context, activities) => {
    sentToAdapter.push(activities.map((a) => ({ ...a })));
    return activities.map((_, i) => ({ id: `sent-${sentToAdapter.length}-${i}` }));
  };
  const context = make(adapter, incoming(deliveryMode));
  const seenByHandlers: Partial<Activity>[][] = [];
  context.onSendActivities(async (_ctx, activities, next) => {
    seenByHandlers.push(activities.map((a) => ({ ...a })));
    for (const a of activities) a.text = a.text === undefined ? a.text : `${a.text}!`;
    return next();
  });
  const answers: unknown[] = [];
  answers.push(await context.sendActivity({ type: ActivityTypes.Trace, name: 'trace', id: 'given-id' }));
  const respondedAfterTrace = context.responded;
  answers.push(await context.sendActivity('plain', 'spoken', 'expectingInput'));
  answers.push(await context.sendActivity('default hint'));
  answers.push(await context.sendActivities([{ text: 'no type' }, { type: ActivityTypes.InvokeResponse, value: { status: 200, body: { ok: 1 } } }]));
  return {
    respondedAfterTrace,
    responded: context.responded,
    buffered: context.bufferedReplyActivities.map((a) => ({ ...a })),
    invokeResponse: context.turnState.get(INVOKE_RESPONSE_KEY) as unknown,
    seenByHandlers,
    sentToAdapter,
    answers,
  };
}

const sdk = (adapter: TestAdapter, activity: Activity) => new TurnContext(adapter, activity);

describe('posture turn context', () => {
  it.each([['expectReplies'], [undefined]])('sends as the SDK turn context does (deliveryMode %s)', async (deliveryMode) => {
    const ours = await run(createPostureTurnContext, deliveryMode);
    const theirs = await run(sdk, deliveryMode);
    expect(ours).toEqual(theirs);
    // The comparison means something: replies were addressed, buffered or sent, and answered.
    expect(ours.respondedAfterTrace).toBe(false);
    expect(ours.responded).toBe(true);
    const replies = deliveryMode ? ours.buffered : ours.sentToAdapter.flat();
    expect(replies).toHaveLength(5);
    expect(replies.map((a) => a.type)).toEqual(['trace', 'message', 'message', 'message', 'invokeResponse']);
    expect(replies[0]).not.toHaveProperty('id');
    expect(replies[1]).toMatchObject({ text: 'plain!', speak: 'spoken', inputHint: 'expectingInput', conversation: { id: 'c1' }, from: { id: 'b1' }, recipient: { id: 'u1' }, replyToId: 'in-1' });
    expect(replies[2]).toMatchObject({ text: 'default hint!', inputHint: 'acceptingInput' });
    if (deliveryMode) {
      expect(ours.sentToAdapter).toEqual([]);
      expect(ours.answers).toEqual([{ id: undefined }, { id: undefined }, { id: undefined }, [{ id: undefined }, { id: undefined }]]);
      expect(ours.invokeResponse).toMatchObject({ type: 'invokeResponse', value: { status: 200 } });
    } else {
      expect(ours.buffered).toEqual([]);
      expect((ours.answers[3] as ResourceResponse[]).map((r) => r.id)).toEqual(['sent-4-0', 'sent-4-1']);
      expect(ours.invokeResponse).toBeUndefined();
    }
  });

  it('sends through native async functions, not generators', () => {
    const context = createPostureTurnContext(new TestAdapter(), incoming('expectReplies'));
    expect(context).toBeInstanceOf(TurnContext);
    expect(context.sendActivity.constructor.name).toBe('AsyncFunction');
    // Native async in ES2022 output; the SDK's own is a plain function returning __awaiter(...).
    expect(context.sendActivities.toString()).not.toContain('__awaiter');
    expect(context.sendActivities).not.toBe(TurnContext.prototype.sendActivities);
  });
});
