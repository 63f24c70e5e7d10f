// What the bot keeps about a person, whole bot over HTTP: "what do you keep about me?" lists it, and "delete my
// data" deletes one person's prompts, answers, feedback and chat state after their own confirmation, leaves
// others' data alone, and keeps usage counters and the audit under a pseudonym.
import type { Activity } from 'botbuilder';
import { ACTION_AUDIT_COLLECTION, type ActionAuditEntry } from '../../src/actions/actionAudit';
import { CONTACTS_COLLECTION } from '../../src/contacts/contactBook';
import { FEEDBACK_COLLECTION, type FeedbackRecord } from '../../src/feedback/feedbackRecord';
import { pseudonymOf } from '../../src/privacy/personalData';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { REPLY_RECORDS_COLLECTION, type ReplyRecord } from '../../src/storage/replyRecordStore';
import { USAGE_COLLECTION, type UsageCounter } from '../../src/usage/usageMeter';
import { USAGE_USERS_COLLECTION, type UserUsage } from '../../src/usage/usageRows';
import { execute, message, USER } from '../support/activities';
import { walk, type Json } from '../support/cardJson';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

const BOB = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' };

describe('personal data', () => {
  let bot: DeliveredBot;
  let database: SqliteDatabase;
  let records: RecordsStore;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15));
    database = createSqliteDatabase(bot.dataDir);
    records = createSqliteRecordsStore(database);
  });
  afterAll(async () => {
    database.close();
    await bot.stop();
  });

  const all = async <T>(collection: string) => (await records.list<T>(collection)).map((r) => r.value);
  const lastText = (conversationId: string) => String(bot.connector.callsIn(conversationId).at(-1)!.activity.text ?? '');
  const as = (who: typeof BOB, activity: Partial<Activity>) => ({ ...activity, from: { ...who } as Activity['from'] });
  const post = async (activity: Partial<Activity>) => {
    const res = await fetch(`${bot.running.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: bot.connector.serviceUrl }) });
    return (await res.json().catch(() => undefined)) as unknown;
  };
  const rate = (conversationId: string, replyToId: string, who: typeof BOB | typeof USER, text: string) =>
    post({ ...as(who as typeof BOB, message('', { conversationId })), type: 'invoke', name: 'message/submitAction', replyToId, value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: { fbRating: 'needsImprovement', fbText: text } } } });

  const contactIds = async () => (await records.list(CONTACTS_COLLECTION)).map((r) => r.id).sort();
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await check()).toBe(true);
  };

  it('lists what it keeps, and deletes only the asker\'s data after their confirmation', async () => {
    const ada = 'a:privacy-ada';
    const bob = 'a:privacy-bob';
    // The roster gives both an address, so each gets a contact record (captured in the background).
    bot.connector.members.set(USER.id, { id: USER.id, name: USER.name, aadObjectId: USER.aadObjectId, email: 'ada@contoso.example', userPrincipalName: 'Ada.L@contoso.example' });
    bot.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId, email: 'bob@contoso.example' });
    await bot.ask('show all risks', ada);
    await bot.ask('how many critical risks? my key is AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0', ada);
    await rate(ada, bot.connector.callsIn(ada).at(-1)!.assignedId!, USER, 'numbers look wrong');
    await bot.deliver(as(BOB, message('show all risks', { conversationId: bob })));
    await rate(bob, bot.connector.callsIn(bob).at(-1)!.assignedId!, BOB, 'bob says hi');

    const adaContact = [`conv:${ada}`, 'mail:ada.l@contoso.example', 'mail:ada@contoso.example', `user:${USER.aadObjectId.toLowerCase()}`];
    const bobContact = [`conv:${bob}`, 'mail:bob@contoso.example', `user:${BOB.aadObjectId.toLowerCase()}`];
    await until(async () => (await contactIds()).length === adaContact.length + bobContact.length);
    expect(await contactIds()).toEqual([...adaContact, ...bobContact].sort());
    // A link left from an older roster that still names Ada goes too.
    await records.put(CONTACTS_COLLECTION, 'mail:ada.old@contoso.example', { aadObjectId: USER.aadObjectId.toUpperCase() });

    const adaReplies = (await all<ReplyRecord>(REPLY_RECORDS_COLLECTION)).filter((r) => r.viewer.userId === USER.aadObjectId);
    expect(adaReplies.map((r) => r.prompt)).toContain('how many critical risks? my key is AccountKey=[redacted]');

    await bot.ask('what do you keep about me?', ada);
    const listed = lastText(ada);
    expect(listed).toContain(`${adaReplies.length} answers I gave you, with the 2 prompts you typed`);
    expect(listed).toContain('1 rating of answers, 1 with your text: kept 90 days.');
    expect(listed).toContain('2 usage units counted');
    expect(listed).toContain('How I reach you when someone sends you a card');
    expect(listed).toMatch(/Say "delete my data"/);

    await bot.ask('delete my data', ada);
    const card = bot.connector.callsIn(ada).at(-1)!.activity;
    const confirm: Json[] = [];
    walk(card, (node) => {
      if (node.type === 'Action.Execute' && node.verb === 'confirm') confirm.push(node);
    });
    const ref = String((confirm[0]!.data as Json).ref);
    expect(JSON.stringify(card)).toContain('Delete your data');

    // Bob cannot confirm Ada's request.
    await post(as(BOB, execute('confirm', { ref }, { conversationId: ada })));
    expect((await all<FeedbackRecord>(FEEDBACK_COLLECTION)).map((f) => f.userId).sort()).toEqual([USER.aadObjectId, BOB.aadObjectId].sort());

    const done = JSON.stringify(await post(execute('confirm', { ref }, { conversationId: ada })));
    expect(done).toMatch(/Deleted \d+ answers with their prompts, 1 ratings, \d+ chat states and 5 records of how to reach you\. Kept for your organisation under the pseudonym erased-[0-9a-f]{16}: usage counters \(1 windows\)/);

    // How to reach Ada is gone; Bob's contact is intact.
    expect(await contactIds()).toEqual(bobContact.sort());

    // Ada's feedback and her answers from before are gone; Bob's are intact.
    const feedback = await all<FeedbackRecord>(FEEDBACK_COLLECTION);
    expect(feedback.map((f) => [f.userId, f.text])).toEqual([[BOB.aadObjectId, 'bob says hi']]);
    const remaining = await all<ReplyRecord>(REPLY_RECORDS_COLLECTION);
    const adaLeft = remaining.filter((r) => r.viewer.userId === USER.aadObjectId);
    // Only the replies of the confirmation turn itself (sent after the deletion) remain.
    expect(adaLeft.every((r) => !r.prompt || r.prompt === 'delete my data')).toBe(true);
    expect(adaLeft.some((r) => r.prompt?.startsWith('how many critical'))).toBe(false);
    expect(remaining.filter((r) => r.viewer.userId === BOB.aadObjectId).length).toBeGreaterThan(0);

    // Usage stays, under the pseudonym; Bob's is untouched.
    const usage = await all<UsageCounter>(USAGE_COLLECTION);
    expect(usage.map((u) => [u.units, u.byUser])).toEqual([[3, undefined]]);
    const byUser = Object.fromEntries((await all<UserUsage>(USAGE_USERS_COLLECTION)).map((row) => [row.userId, row.byAction]));
    expect(byUser[USER.aadObjectId]).toBeUndefined();
    expect(byUser[pseudonymOf(USER.aadObjectId)]).toEqual({ analyze: 2 });
    expect(byUser[BOB.aadObjectId]).toEqual({ analyze: 1 });
    // The audit of the deletion itself names who asked (the record that the request was made and carried out).
    const audit = await all<ActionAuditEntry>(ACTION_AUDIT_COLLECTION);
    expect(audit.map((a) => [a.action, a.result])).toEqual([['deleteMyData', 'done']]);

    await bot.ask('what do you keep about me?', ada);
    expect(lastText(ada)).toContain('0 ratings of answers');
    // Chatting again notes how to reach her again (the card said so).
    await until(async () => (await contactIds()).includes(`user:${USER.aadObjectId.toLowerCase()}`));
  });
});
