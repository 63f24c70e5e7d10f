// "feedback report last 7 days", whole bot over HTTP: admins get counts per action and rating and the latest
// comments (shown as written, never as markup); others are refused; every admin read is recorded.
import type { Activity } from 'botbuilder';
import { ADMIN_READS_COLLECTION, type AdminRead } from '../../src/account/adminReads';
import { NOT_ADMIN_TEXT } from '../../src/account/admins';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { message, USER } from '../support/activities';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

const BOB = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' };

describe('feedback report', () => {
  let bot: DeliveredBot;
  let database: SqliteDatabase;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15), { env: { ADMIN_OBJECT_IDS: USER.aadObjectId.toUpperCase() } });
    database = createSqliteDatabase(bot.dataDir);
  });
  afterAll(async () => {
    database.close();
    await bot.stop();
  });

  const lastText = (conversationId: string) => String(bot.connector.callsIn(conversationId).at(-1)!.activity.text ?? '');
  const rate = async (conversationId: string, feedback: unknown, reaction = 'dislike') => {
    const replyToId = bot.connector.callsIn(conversationId).at(-1)!.assignedId!;
    await bot.deliver({ ...message('', { conversationId }), type: 'invoke', name: 'message/submitAction', replyToId, value: { actionName: 'feedback', actionValue: { reaction, feedback } } });
  };

  it('counts ratings per action and rating, quotes the latest comments as written, and records the read', async () => {
    const conversationId = 'a:report';
    await bot.ask('show all risks', conversationId);
    await rate(conversationId, { fbRating: 'needsImprovement', fbUnrelated: 'true', fbBetter: 'only **prod**', fbText: 'see [this](http://evil.example)' });
    await bot.ask('how many critical risks?', conversationId);
    await rate(conversationId, '', 'like');
    await bot.ask('how many high risks?', conversationId);
    await rate(conversationId, { fbRating: 'inappropriate' });

    await bot.ask('feedback report last 7 days', conversationId);
    const report = lastText(conversationId);
    expect(report).toContain('Feedback, last 7 days: 3 ratings');
    expect(report).toContain('- analyze: 1 looks right, 1 needs improvement, 1 inappropriate');
    expect(report).toContain('- 1 said the results were unrelated to the question');
    // Answers go out as plain text: a comment reads as written, minus any link.
    expect(report).toContain('analyze, Needs improvement: would be better with "only **prod**"; "see this"');
    expect(report).not.toContain('[this](http');
    // The ratings as CSV behind a single-use link, in the admin's one-to-one chat only.
    const link = /All 3 ratings as CSV: (http:\/\/127\.0\.0\.1:\d+\/api\/downloads\/[A-Za-z0-9_-]{22}\/feedback-last-7-days-\d{4}-\d\d-\d\d\.csv)/.exec(report)?.[1];
    expect(link).toBeDefined();
    const csv = await fetch(link!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('"rated_at_utc","action","rating","thumbs","results_unrelated","would_make_better","comment","conversation_type","via"');
    expect(lines).toHaveLength(4);
    expect(lines.some((line) => line.includes('"analyze","Needs improvement","down","yes","only **prod**","see [this](http://evil.example)"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(USER.aadObjectId);
    expect((await fetch(link!)).status).toBe(410);

    await bot.deliver({ ...message('feedback report', { conversationId: 'a:report-bob' }), from: { ...BOB } as Activity['from'] });
    expect(lastText('a:report-bob')).toBe(NOT_ADMIN_TEXT);

    const reads = (await createSqliteRecordsStore(database).list<AdminRead>(ADMIN_READS_COLLECTION)).map((r) => r.value);
    expect(reads).toEqual([expect.objectContaining({ adminId: USER.aadObjectId, what: 'feedbackReport', days: 7, records: 3 })]);
  });
});
