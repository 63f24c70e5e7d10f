// "Export my data", whole bot over HTTP: the person gets a link in their one-to-one chat to a JSON file of what the
// bot keeps about them (their answers and prompts, ratings, usage, ...) and nobody else's; the link works once (then
// 410), an unknown one is 404, an expired one 410; in a group chat no link is given.
import type { Activity } from 'botbuilder';
import { CONTACTS_COLLECTION } from '../../src/contacts/contactBook';
import { createDownloadLinks } from '../../src/downloads/downloadLinks';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { message, USER } from '../support/activities';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

const BOB = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000bb' };
const LINK = /(http:\/\/127\.0\.0\.1:\d+\/api\/downloads\/[A-Za-z0-9_-]{22}\/my-posture-bot-data-\d{4}-\d\d-\d\d\.json)/;

describe('export my data', () => {
  let bot: DeliveredBot;
  let database: SqliteDatabase;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15));
    database = createSqliteDatabase(bot.dataDir);
  });
  afterAll(async () => {
    database.close();
    await bot.stop();
  });

  const lastText = (conversationId: string) => String(bot.connector.callsIn(conversationId).at(-1)?.activity.text ?? '');
  const as = (who: typeof BOB, activity: Partial<Activity>) => ({ ...activity, from: { ...who } as Activity['from'] });

  it('gives a single-use link to a JSON file of the asker’s own data, in their one-to-one chat only', async () => {
    bot.connector.members.set(USER.id, { id: USER.id, name: USER.name, aadObjectId: USER.aadObjectId, email: 'ada@contoso.example' });
    bot.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId, email: 'bob@contoso.example' });
    expect(await bot.deliver(message('show critical risks', { conversationId: 'a:ada-export' }))).toBe(200);
    expect(await bot.deliver(as(BOB, message('show high severity storage risks with password sk-live-123', { conversationId: 'a:bob-export' })))).toBe(200);

    // The roster lookup runs in the background; wait for it before asking.
    const contacts = createSqliteRecordsStore(database);
    for (let i = 0; i < 200 && !(await contacts.get(CONTACTS_COLLECTION, `user:${USER.aadObjectId}`)); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await bot.deliver(message('Export my data', { conversationId: 'a:ada-export' }))).toBe(200);
    const text = lastText('a:ada-export');
    expect(text).toMatch(/^Your data \(1 answers?, 0 ratings, 0 delegations, \d+ usage windows?, 0 audit entries\) as a JSON file: /);
    expect(text).toContain('The link works once and for 60 minutes');
    const link = LINK.exec(text)?.[1];
    if (!link) throw new Error(`no link in: ${text}`);

    const first = await fetch(link);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="my-posture-bot-data-/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const body = (await first.json()) as { person: { id: string }; answers: Array<{ prompt?: string; viewer: { userId?: string } }>; usage: unknown[]; contact?: { addresses: string[] } };
    expect(body.person.id).toBe(USER.aadObjectId);
    expect(body.answers.map((answer) => answer.prompt)).toEqual(['show critical risks']);
    expect(body.answers.every((answer) => answer.viewer.userId === USER.aadObjectId)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(BOB.aadObjectId);
    expect(JSON.stringify(body)).not.toContain('storage risks');
    // How the bot reaches her (captured from the roster on her first message) is part of it; Bob's is not.
    expect(body.contact?.addresses).toEqual(['ada@contoso.example']);
    expect(JSON.stringify(body)).not.toContain('bob@contoso.example');

    // Used: gone for good.
    const second = await fetch(link);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('used already or has expired');
    expect((await fetch(link.replace(/downloads\/[^/]+/, 'downloads/AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404);
    expect((await fetch(`${bot.running.url}/api/downloads/not-a-token/x.json`)).status).toBe(404);
  });

  it('gives no link in a group chat', async () => {
    expect(await bot.deliver(message('export my data', { conversationId: '19:group-export@thread.v2', conversationType: 'groupChat', mention: true }))).toBe(200);
    const text = lastText('19:group-export@thread.v2');
    expect(text).toContain('ask me "export my data" in a one-to-one chat');
    expect(text).not.toContain('/api/downloads/');
  });

  it('stops serving a link once it has expired (410)', async () => {
    // A link made two hours ago with a one-minute life, in the bot's own store.
    const links = createDownloadLinks({ records: createSqliteRecordsStore(database), baseUrl: () => bot.running.url, ttlMs: 60_000, now: () => Date.now() - 2 * 3_600_000 });
    const link = await links.linkFor({ fileName: 'x.json', contentType: 'application/json', text: '{}' }, USER.aadObjectId);
    expect((await fetch(link ?? '')).status).toBe(410);
  });
});
