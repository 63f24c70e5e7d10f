// Rating answers, whole bot over HTTP as Teams sends it: answers carry the feedback loop, a thumbs up is recorded
// from message/fetchTask, a thumbs down gets the form, and message/submitAction stores the details against the
// exact answer's reply record. Malformed, tampered and unknown ratings get clear answers and store nothing.
import type { Activity } from 'botbuilder';
import { FEEDBACK_COLLECTION, type FeedbackRecord } from '../../src/feedback/feedbackRecord';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { FEEDBACK_SENTENCES } from '../../src/teams/feedbackLoop';
import { message, submit, USER } from '../support/activities';
import { seeCalls, startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

let counter = 0;
function invoke(name: string, value: unknown, conversationId: string, replyToId?: string, from: Partial<Activity['from']> = {}): Partial<Activity> {
  const base = message('', { conversationId, id: `inv-${Date.now().toString(36)}-${(counter += 1)}` });
  const { text: _text, ...rest } = base;
  return { ...rest, type: 'invoke', name, value, ...(replyToId ? { replyToId } : {}), from: { ...USER, ...from } as Activity['from'] };
}

async function post(bot: DeliveredBot, activity: Partial<Activity>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${bot.running.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, serviceUrl: bot.connector.serviceUrl }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const feedbackValue = (reaction: string, feedback?: unknown) => ({ actionName: 'feedback', actionValue: { reaction, ...(feedback === undefined ? {} : { feedback }) } });

describe.each(['custom', 'default'] as const)('feedback loop (FEEDBACK_LOOP=%s)', (loop) => {
  let bot: DeliveredBot;
  let database: SqliteDatabase;
  let records: RecordsStore;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15), { env: { FEEDBACK_LOOP: loop } });
    database = createSqliteDatabase(bot.dataDir);
    records = createSqliteRecordsStore(database);
  });
  afterAll(async () => {
    database.close();
    await bot.stop();
  });

  const feedbackIn = async (conversationId: string) => (await records.list<FeedbackRecord>(FEEDBACK_COLLECTION, { prefix: `${conversationId}|` })).map((r) => r.value);

  /** Asks, and returns the id the answer went out under. */
  async function answer(conversationId: string, text = 'show all risks'): Promise<{ id: string; activity: Record<string, unknown> }> {
    await bot.ask(text, conversationId);
    const call = bot.connector.callsIn(conversationId).at(-1)!;
    return { id: call.assignedId!, activity: call.activity };
  }

  it('puts the feedback loop on answers, and not on refusals', async () => {
    const conversationId = `a:fb-loop-${loop}`;
    const { activity } = await answer(conversationId);
    expect(activity.channelData).toEqual(expect.objectContaining({ feedbackLoop: { type: loop } }));
    expect(activity.channelData).not.toHaveProperty('feedbackLoopEnabled');
    await bot.ask(`show ${'x'.repeat(4100)}`, conversationId);
    const refusal = bot.connector.callsIn(conversationId).at(-1)!.activity;
    expect((refusal.channelData as Record<string, unknown> | undefined)?.feedbackLoop).toBeUndefined();
  });

  it('records a thumbs up as Looks right, with the prompt, action, rows, user and conversation of that answer', async () => {
    const conversationId = `a:fb-like-${loop}`;
    const { id } = await answer(conversationId, 'show critical risks');
    const before = Date.now();
    const res = loop === 'custom' ? await post(bot, invoke('message/fetchTask', feedbackValue('like'), conversationId, id)) : await post(bot, invoke('message/submitAction', feedbackValue('like', '{"feedbackText":""}'), conversationId, id));
    expect(res.status).toBe(200);
    if (loop === 'custom') expect(res.body).toEqual({ task: { type: 'message', value: FEEDBACK_SENTENCES.thanksLike } });
    const [record, ...more] = await feedbackIn(conversationId);
    expect(more).toEqual([]);
    expect(record).toMatchObject({ conversationId, activityId: id, prompt: 'show critical risks', action: { name: 'analyze' }, reaction: 'like', rating: 'looksRight', matchedBy: 'replyToId', userId: USER.aadObjectId, userName: USER.name, conversationType: 'personal' });
    expect(record!.recommendationIds.length).toBeGreaterThan(0);
    expect(record!.at).toBeGreaterThanOrEqual(before);
  });

  it('stores a filled-in form (Needs improvement, unrelated, what would make it better) with secrets redacted', async () => {
    const conversationId = `a:fb-form-${loop}`;
    const { id } = await answer(conversationId);
    if (loop === 'custom') {
      const fetched = await post(bot, invoke('message/fetchTask', feedbackValue('dislike'), conversationId, id));
      const task = (fetched.body as { task: { type: string; value: { card: { content: unknown } } } }).task;
      expect(task.type).toBe('continue');
      const form = JSON.stringify(task.value.card.content);
      for (const expected of ['fbRating', 'needsImprovement', 'inappropriate', 'fbUnrelated', 'fbBetter', 'fbText', 'What would make it better?']) expect(form).toContain(expected);
      expect(form).not.toContain('looksRight');
    }
    const filled = JSON.stringify({ verb: 'feedbackForm', ref: 'dialog', fbRating: 'needsImprovement', fbUnrelated: 'true', fbBetter: 'only <b>prod</b> [link](http://x)', fbText: 'my key AccountKey=abcdEFGH1234567890abcdEFGH1234567890== oops' });
    const res = await post(bot, invoke('message/submitAction', feedbackValue('dislike', filled), conversationId, id));
    expect(res.status).toBe(200);
    const [record] = await feedbackIn(conversationId);
    expect(record).toMatchObject({ reaction: 'dislike', rating: 'needsImprovement', unrelatedResults: true, wouldMakeBetter: 'only <b>prod</b> [link](http://x)', via: 'customForm' });
    expect(record!.text).toBe('my key AccountKey=[redacted] oops');
  });

  it('stores Inappropriate, and a second rating of the same answer by the same person replaces the first', async () => {
    const conversationId = `a:fb-again-${loop}`;
    const { id } = await answer(conversationId);
    await post(bot, invoke('message/submitAction', feedbackValue('dislike', { fbRating: 'inappropriate', fbText: 'rude' }), conversationId, id));
    const duplicate = invoke('message/submitAction', feedbackValue('like'), conversationId, id);
    await post(bot, duplicate);
    await post(bot, duplicate); // the same delivery again: ignored by the deduper
    const other = { aadObjectId: '00000000-0000-4000-8000-0000000000bb', id: '29:user-bob', name: 'Bob' };
    await post(bot, invoke('message/submitAction', feedbackValue('dislike', { fbRating: 'inappropriate' }), conversationId, id, other));
    const stored = await feedbackIn(conversationId);
    expect(stored.map((r) => [r.userId, r.rating]).sort()).toEqual([
      [USER.aadObjectId, 'looksRight'],
      [other.aadObjectId, 'inappropriate'],
    ]);
  });

  it('refuses unknown answers, messages without ratings, and malformed or tampered feedback, storing nothing', async () => {
    const conversationId = `a:fb-bad-${loop}`;
    const { id } = await answer(conversationId);
    await bot.ask(`show ${'x'.repeat(4100)}`, conversationId);
    const refusalId = bot.connector.callsIn(conversationId).at(-1)!.assignedId!;
    const said = () => bot.connector.callsIn(conversationId).at(-1)!.activity.text;

    expect((await post(bot, invoke('message/submitAction', feedbackValue('like'), conversationId, 'lb-999999'))).status).toBe(404);
    expect(said()).toBe(FEEDBACK_SENTENCES.unknownAnswer);
    expect((await post(bot, invoke('message/submitAction', feedbackValue('like'), conversationId, refusalId))).status).toBe(400);
    expect(said()).toBe(FEEDBACK_SENTENCES.notRateable);
    // The answer exists, but in another conversation.
    expect((await post(bot, invoke('message/submitAction', feedbackValue('like'), 'a:fb-elsewhere', id))).status).toBe(404);

    const tampered: Array<[string, unknown, string | undefined]> = [
      ['no value', null, id],
      ['another action', { actionName: 'delete', actionValue: { reaction: 'like' } }, id],
      ['unknown reaction', feedbackValue('love'), id],
      ['rating outside the list', feedbackValue('dislike', '{"fbRating":"excellent"}'), id],
      ['thumbs down said to look right', feedbackValue('dislike', '{"fbRating":"looksRight"}'), id],
      ['feedback of the wrong type', feedbackValue('dislike', 42), id],
    ];
    for (const [label, value, replyTo] of tampered) {
      const res = await post(bot, invoke('message/submitAction', value, conversationId, replyTo));
      expect([label, res.status]).toEqual([label, 400]);
      expect([label, said()]).toEqual([label, FEEDBACK_SENTENCES.unreadable]);
    }
    const fetchBad = await post(bot, invoke('message/fetchTask', { actionName: 'feedback', actionValue: { reaction: 'meh' } }, conversationId, id));
    expect(fetchBad.body).toEqual({ task: { type: 'message', value: FEEDBACK_SENTENCES.unreadable } });
    const fetchUnknown = await post(bot, invoke('message/fetchTask', feedbackValue('dislike'), conversationId, 'lb-999999'));
    expect(fetchUnknown.body).toEqual({ task: { type: 'message', value: FEEDBACK_SENTENCES.unknownAnswer } });
    expect(await feedbackIn(conversationId)).toEqual([]);
    // Without replyToId (the Agents Playground sends none) the rating is about the latest answer, and says so.
    expect((await post(bot, invoke('message/submitAction', feedbackValue('like'), 'a:fb-nothing-here'))).status).toBe(404);
    await post(bot, invoke('message/submitAction', feedbackValue('like'), conversationId));
    expect(await feedbackIn(conversationId)).toEqual([expect.objectContaining({ activityId: id, rating: 'looksRight', matchedBy: 'latestAnswer' })]);
  });

  it("follows a thumbs down from Teams' default box with an inline card only its rater can fill in", async () => {
    const conversationId = `a:fb-inline-${loop}`;
    const { id } = await answer(conversationId);
    const callsBefore = bot.connector.callsIn(conversationId).length;
    expect((await post(bot, invoke('message/submitAction', feedbackValue('dislike', '{"feedbackText":"not what I asked"}'), conversationId, id))).status).toBe(200);
    const [provisional] = await feedbackIn(conversationId);
    expect(provisional).toMatchObject({ reaction: 'dislike', text: 'not what I asked', via: 'defaultForm' });
    expect(provisional!.rating).toBeUndefined();
    const sent = bot.connector.callsIn(conversationId).slice(callsBefore).map((c) => c.activity);
    const cardActivity = sent.find((a) => JSON.stringify(a).includes('feedbackDetails'));
    expect(cardActivity).toBeDefined();
    for (const label of ["How's this response?", 'Looks right', 'Needs improvement', 'Inappropriate', 'What would make it better?']) expect(JSON.stringify(cardActivity)).toContain(label);
    const card = seeCalls([{ method: 'POST', conversationId, activity: cardActivity! }])[0]!;
    const send = card!.buttons.find((b) => b.title === 'Send feedback')!;
    const data = send.data as { verb: string; ref: string };
    expect(data.verb).toBe('feedbackDetails');

    // Someone else in the chat cannot fill it in for the rater.
    await bot.deliver({ ...submit({ ...data, fbRating: 'looksRight' }, { conversationId }), from: { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' } as Activity['from'] });
    expect(bot.connector.callsIn(conversationId).at(-1)!.activity.text).toMatch(/Only the person who gave the thumbs down/);
    // A made-up ticket is refused.
    await bot.click({ ...data, ref: 'AAAAAAAAAAAAAAAAAAAAAAAA', fbRating: 'inappropriate' }, conversationId);
    expect(bot.connector.callsIn(conversationId).at(-1)!.activity.text).toMatch(/expired or is not from this chat/);
    // Extra fields are refused by the verb's schema.
    await bot.click({ ...data, fbRating: 'inappropriate', admin: 'true' }, conversationId);
    expect(bot.connector.callsIn(conversationId).at(-1)!.activity.text).toMatch(/not valid/);

    await bot.click({ ...data, fbRating: 'needsImprovement', fbUnrelated: 'true', fbBetter: 'fewer rows', fbText: 'token=ghp_abcdefghijklmnopqrstuvwxyz0123456789' }, conversationId);
    const thanks = bot.connector.callsIn(conversationId).at(-1)!.activity;
    expect(thanks.text).toBe('Thanks, your feedback is recorded as Needs improvement.');
    expect((thanks.channelData as Record<string, unknown> | undefined)?.feedbackLoop).toBeUndefined();
    const [final, ...more] = await feedbackIn(conversationId);
    expect(more).toEqual([]);
    expect(final).toMatchObject({ activityId: id, reaction: 'dislike', rating: 'needsImprovement', unrelatedResults: true, wouldMakeBetter: 'fewer rows', via: 'inlineCard', text: 'token=[redacted]' });
  });
});
