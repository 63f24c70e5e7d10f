// Every reply leaves a record at the send boundary: the id it went out under (the connector's, or the bot's own
// with expectReplies, or the pressed card's for a card shown in place), the action and parameters behind it, the
// recommendations it showed, the viewer and the time. Whole bot, SQLite, turns delivered normally.
import type { Activity } from 'botbuilder';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createReplyRecordStore, type ReplyRecordStore } from '../../src/storage/replyRecordStore';
import { execute, installed, message, TENANT_ID, USER } from '../support/activities';
import { seeReplies } from '../support/cardText';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

describe('reply records', () => {
  let bot: DeliveredBot;
  let database: SqliteDatabase;
  let store: ReplyRecordStore;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15));
    database = createSqliteDatabase(bot.dataDir);
    store = createReplyRecordStore(createSqliteRecordsStore(database));
  });
  afterAll(async () => {
    database.close();
    await bot.stop();
  });

  const lastCall = (conversationId: string) => bot.connector.callsIn(conversationId).at(-1)!;

  it('records a reply delivered to serviceUrl under the id the connector gave it, with the action and rows behind it', async () => {
    const conversationId = 'a:records-normal';
    const before = Date.now();
    const question = message('show all risks', { conversationId });
    await bot.deliver(question);
    const call = lastCall(conversationId);
    expect(call.assignedId).toMatch(/^lb-\d+$/);
    const record = await store.get(conversationId, call.assignedId!);
    expect(record).toMatchObject({
      channelId: 'msteams',
      conversationId,
      activityId: call.assignedId,
      inReplyTo: question.id,
      delivery: 'connector',
      action: { name: 'analyze', parameters: expect.objectContaining({ view: 'list' }) },
      content: 'recommendations',
      viewer: { userId: USER.aadObjectId, tenantId: TENANT_ID, conversationType: 'personal' },
    });
    expect(record!.recommendationIds).toHaveLength(10);
    expect(record!.recommendationIds[0]).toMatch(/^\/subscriptions\/.+\/providers\/Microsoft\.Security\/assessments\//i);
    expect(record!.at).toBeGreaterThanOrEqual(before);

    // A Details press: the action the card resolved to, and the one recommendation it shows.
    const details = seeReplies({ activities: [call.activity] })[0]!.buttons.find((b) => b.title.startsWith('Details'))!;
    await bot.click(details.data, conversationId);
    const opened = await store.get(conversationId, lastCall(conversationId).assignedId!);
    expect(opened).toMatchObject({ action: { name: 'details', parameters: { ref: (details.data as { ref: string }).ref } }, content: 'details' });
    expect(opened!.recommendationIds).toEqual([record!.recommendationIds[0]]);
  });

  it('with expectReplies, sets an id of its own on each reply and records it under that id', async () => {
    const conversationId = 'a:records-expect';
    const res = await fetch(`${bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...message('how many are critical?', { conversationId }), deliveryMode: 'expectReplies' }),
    });
    const body = (await res.json()) as { activities: Array<Partial<Activity>> };
    const [reply] = body.activities.filter((a) => a.type === 'message');
    expect(reply?.id).toMatch(/^pb-[0-9a-f-]{36}$/);
    expect(await store.get(conversationId, reply!.id!)).toMatchObject({ delivery: 'expectReplies', action: { name: 'analyze' }, content: 'text' });
    expect(bot.connector.callsIn(conversationId)).toEqual([]);
  });

  it('records refusals from the turn gate and expected refusals, which have no recommendation', async () => {
    const conversationId = 'a:records-refusals';
    await bot.ask(`show ${'x'.repeat(4100)}`, conversationId);
    const tooLong = await store.get(conversationId, lastCall(conversationId).assignedId!);
    expect(tooLong).toMatchObject({ delivery: 'connector', content: 'text', recommendationIds: [] });
    expect(tooLong!.action).toBeUndefined();
    await bot.click({ verb: 'details', ref: 'rAAAAAAAAAAAAAAA' }, conversationId);
    expect(await store.get(conversationId, lastCall(conversationId).assignedId!)).toMatchObject({ action: { name: 'details' }, recommendationIds: [] });
  });

  it('records a card shown in place of the pressed card (Action.Execute) under that card\'s id', async () => {
    const conversationId = 'a:records-execute';
    await bot.ask('show all risks', conversationId);
    const list = lastCall(conversationId);
    const details = seeReplies({ activities: [list.activity] })[0]!.buttons.find((b) => b.title.startsWith('Details'))!;
    const { ref } = details.data as { ref: string };
    const res = await fetch(`${bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...execute('details', { ref }, { conversationId }), replyToId: list.assignedId, serviceUrl: bot.connector.serviceUrl }),
    });
    expect(res.status).toBe(200);
    expect(await store.get(conversationId, list.assignedId!)).toMatchObject({ delivery: 'invokeResponse', action: { name: 'details' }, content: 'details', recommendationIds: [expect.any(String)] });
  });

  it('records the confirmation card of a side effect with the recommendation it is about', async () => {
    const conversationId = 'a:records-confirm';
    await bot.ask('show all risks', conversationId);
    await bot.ask('details of the first one', conversationId);
    const shown = (await store.get(conversationId, lastCall(conversationId).assignedId!))!.recommendationIds;
    await bot.ask('assign this to priya', conversationId);
    expect(await store.get(conversationId, lastCall(conversationId).assignedId!)).toMatchObject({ action: { name: 'assignOwner' }, content: 'confirmation', recommendationIds: shown });
    expect((await store.listConversation(conversationId)).length).toBe(3);
  });

  it('records the welcome card sent on install', async () => {
    const conversationId = 'a:records-welcome';
    await bot.deliver(installed('add', { conversationId }));
    expect(await store.get(conversationId, lastCall(conversationId).assignedId!)).toMatchObject({ content: 'welcome', recommendationIds: [] });
  });
});
