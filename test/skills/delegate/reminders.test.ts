// Reminders and the digest with a fake clock, on two "replicas" (two connections to one SQLite file): each period
// exactly one of them reminds the owners due within a day or overdue and sends the digest, whoever ticks first;
// a replica that died holding the lease is taken over once the lease expires; a new period reminds again.
import { createContactBook } from '../../../src/contacts/contactBook';
import { createSilentLogger } from '../../../src/logging/logger';
import { createPeriodLease } from '../../../src/jobs/periodLease';
import { createDelegationRecords, type Delegation } from '../../../src/skills/delegate/delegationRecords';
import { createDelegationScheduler, localTime } from '../../../src/skills/delegate/reminders';
import { createSqliteRecordsStore } from '../../../src/storage/sqliteRecordsStore';
import type { Reply } from '../../../src/views/reply';
import { createTempDataDir, type TempDataDir } from '../../storage/sqliteHarness';
import { displayDate } from '../../../src/views/postureLabels';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 11, 7, 6);

function delegation(id: string, dueIn: number, extra: Partial<Delegation> = {}): Delegation {
  return {
    id, assessmentId: `/a/${id}`, recommendation: `Fix ${id}`, resourceName: `res-${id}`, severity: 'High', owner: 'olivia@contoso.example', cc: [], subject: 's',
    dueDate: START + dueIn, gracePeriod: false, delegator: { id: 'ada', name: 'Ada' }, conversationId: '19:soc', createdAt: START - 10 * DAY, state: 'Assigned',
    history: [{ at: START - 10 * DAY, state: 'Assigned', by: 'Ada' }], ...extra,
  };
}

describe('delegation reminders and digest', () => {
  let data: TempDataDir;
  beforeEach(async () => {
    data = await createTempDataDir();
  });
  afterEach(async () => {
    data.closeAll();
    await data.cleanup();
  });

  it('runs once per period across replicas, reminds only owners due soon or late, and digests per conversation', async () => {
    const [storeA, storeB] = [createSqliteRecordsStore(data.open()), createSqliteRecordsStore(data.open())];
    const contacts = createContactBook(storeA);
    await contacts.save({ aadObjectId: 'o1', userId: '29:olivia', name: 'Olivia', addresses: ['olivia@contoso.example'], reference: { conversation: { id: 'a:olivia' } }, updatedAt: START });
    await contacts.saveConversation('19:soc', { conversation: { id: '19:soc' } });
    const records = createDelegationRecords(storeA);
    await records.createOnce(delegation('d_overdue', -2 * DAY));
    await records.createOnce(delegation('d_soon', 12 * HOUR, { state: 'Accepted' }));
    await records.createOnce(delegation('d_later', 10 * DAY));
    // Muted by its owner: no reminder, but the delegator's digest still counts it.
    await records.createOnce(delegation('d_muted', -3 * DAY, { remindersMuted: true }));
    await records.createOnce(delegation('d_pending', -DAY, { state: 'FixedPendingVerification' }));
    await records.createOnce(delegation('d_nobody', -DAY, { owner: 'stranger@contoso.example' }));
    await records.createOnce(delegation('d_closed', -DAY, { state: 'Verified' }));

    let clock = START;
    const sent: Array<{ to: string; reply: Reply }> = [];
    const messenger = { send: async (reference: Record<string, unknown>, reply: Reply) => (sent.push({ to: String((reference.conversation as { id: string }).id), reply }), {}) };
    const replica = (store: typeof storeA, holder: string) =>
      createDelegationScheduler({ records: store, delegations: createDelegationRecords(store), contacts: createContactBook(store), messenger, intervalMs: DAY, holder, logger: createSilentLogger(), now: () => clock, digestMinute: 6 * 60 });

    const [a, b] = [replica(storeA, 'replica-a'), replica(storeB, 'replica-b')];
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect([ra.ran, rb.ran].filter(Boolean)).toHaveLength(1);
    const report = ra.ran ? ra : rb;
    expect(report).toMatchObject({ reminded: 2, unreachable: 1, failed: 0 });
    // The digest (06:00 here, UTC: no time zone noted) went once, from whichever replica claimed it.
    expect(ra.digests + rb.digests).toBe(1);
    const reminders = sent.filter((s) => s.to === 'a:olivia').map((s) => (s.reply.kind === 'card' && s.reply.card.template === 'delegationOwner' ? s.reply.card.model : undefined));
    expect(reminders.map((m) => m?.ref).sort()).toEqual(['d_overdue', 'd_soon']);
    expect(reminders.find((m) => m?.ref === 'd_overdue')?.status).toBe(`Reminder: this fix is overdue by 2 day(s) (due ${displayDate(Date.UTC(2026, 11, 5))}). Set an ETA or mark it fixed.`);
    const digest = sent.find((s) => s.to === '19:soc')?.reply;
    expect(digest?.kind === 'text' && digest.text).toMatch(/^Delegation digest: 6 open \(3 overdue, 1 pending verification, 0 exemption requested\)\./);

    // Later in the same period: nobody runs again.
    clock += 6 * HOUR;
    sent.length = 0;
    expect((await a.runOnce()).ran || (await b.runOnce()).ran).toBe(false);
    expect(sent).toHaveLength(0);

    // The next period: reminded again (d_later is still far off).
    clock = START + DAY;
    const next = [await b.runOnce(), await a.runOnce()];
    expect(next.map((r) => r.ran)).toEqual([true, false]);
    expect(sent.filter((s) => s.to === 'a:olivia')).toHaveLength(2);
  });

  it('sends the digest at DIGEST_TIME in each delegator\'s time zone, once a day across replicas', async () => {
    const [storeA, storeB] = [createSqliteRecordsStore(data.open()), createSqliteRecordsStore(data.open())];
    const contacts = createContactBook(storeA);
    await contacts.saveConversation('a:berlin', { conversation: { id: 'a:berlin' } }, 'Europe/Berlin');
    await contacts.saveConversation('a:newyork', { conversation: { id: 'a:newyork' } }, 'America/New_York');
    await contacts.saveConversation('a:nozone', { conversation: { id: 'a:nozone' } }, 'Not/AZone');
    const records = createDelegationRecords(storeA);
    await records.createOnce(delegation('d_berlin', 10 * DAY, { conversationId: 'a:berlin' }));
    await records.createOnce(delegation('d_newyork', 10 * DAY, { conversationId: 'a:newyork' }));
    await records.createOnce(delegation('d_nozone', 10 * DAY, { conversationId: 'a:nozone' }));
    let clock = Date.UTC(2026, 11, 8, 7, 30);
    const sent: string[] = [];
    const messenger = { send: async (reference: Record<string, unknown>) => (sent.push(String((reference.conversation as { id: string }).id)), {}) };
    const replica = (store: typeof storeA, holder: string) =>
      createDelegationScheduler({ records: store, delegations: createDelegationRecords(store), contacts: createContactBook(store), messenger, intervalMs: DAY, holder, logger: createSilentLogger(), now: () => clock, digestMinute: 9 * 60 });
    const [a, b] = [replica(storeA, 'replica-a'), replica(storeB, 'replica-b')];
    const tick = async () => Promise.all([a.runOnce(), b.runOnce()]);
    // 07:30 UTC = 08:30 in Berlin, 02:30 in New York: nobody yet.
    await tick();
    expect(sent).toEqual([]);
    // 08:00 UTC = 09:00 in Berlin: Berlin only, once although both replicas ticked.
    clock = Date.UTC(2026, 11, 8, 8, 0);
    await tick();
    expect(sent).toEqual(['a:berlin']);
    // 09:00 UTC: an unknown zone counts as UTC; Berlin is not sent again.
    clock = Date.UTC(2026, 11, 8, 9, 0);
    await tick();
    expect(sent).toEqual(['a:berlin', 'a:nozone']);
    // 14:00 UTC = 09:00 in New York.
    clock = Date.UTC(2026, 11, 8, 14, 0);
    await tick();
    await tick();
    expect(sent).toEqual(['a:berlin', 'a:nozone', 'a:newyork']);
    // The next day, Berlin's 09:00 again.
    clock = Date.UTC(2026, 11, 9, 8, 0);
    await tick();
    expect(sent).toEqual(['a:berlin', 'a:nozone', 'a:newyork', 'a:berlin']);
  });

  it('reminds owners without a Teams chat by email, once per period', async () => {
    const store = createSqliteRecordsStore(data.open());
    const records = createDelegationRecords(store);
    await records.createOnce(delegation('d_mail', -2 * DAY, { owner: 'stranger@contoso.example' }));
    let clock = START;
    const mails: Array<{ messageId: string; to: string[]; subject: string; text: string }> = [];
    const mailer = { description: 'test', send: async (m: { messageId: string; to: string[]; subject: string; text: string }) => (mails.push(m), { messageId: m.messageId, via: 'smtp' as const, where: 'test', accepted: m.to }) };
    const scheduler = createDelegationScheduler({ records: store, delegations: records, contacts: createContactBook(store), messenger: { send: async () => ({}) }, intervalMs: DAY, holder: 'a', logger: createSilentLogger(), now: () => clock, mail: { mailer, from: 'bot@contoso.example' } });
    expect(await scheduler.runOnce()).toMatchObject({ ran: true, reminded: 0, emailed: 1, unreachable: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['stranger@contoso.example'], subject: 'Overdue fix: Fix d_mail on res-d_mail' });
    expect(mails[0]?.text).toContain(`Reminder: this fix is overdue by 2 day(s) (due ${displayDate(Date.UTC(2026, 11, 5))}).`);
    clock += 2 * HOUR;
    await scheduler.runOnce();
    expect(mails).toHaveLength(1);
    clock = START + DAY;
    await scheduler.runOnce();
    expect(mails).toHaveLength(2);
    expect(mails[1]?.messageId).not.toBe(mails[0]?.messageId);
  });

  it('lets another replica take a period over when the holder died with the lease', async () => {
    const store = createSqliteRecordsStore(data.open());
    const dead = createPeriodLease(store, { job: 'job', holder: 'dead', leaseMs: 10 * 60_000 });
    const alive = createPeriodLease(store, { job: 'job', holder: 'alive', leaseMs: 10 * 60_000 });
    // The dead replica claimed period 5 and never finished.
    await expect(dead.runOnce(5, 1000, () => new Promise<never>((_, reject) => setImmediate(() => reject(new Error('crash')))))).rejects.toThrow('crash');
    expect(await alive.runOnce(5, 1000 + 60_000, async () => 'mine')).toEqual({ ran: false, reason: 'held' });
    expect(await alive.runOnce(5, 1000 + 11 * 60_000, async () => 'mine')).toEqual({ ran: true, result: 'mine' });
    expect(await dead.runOnce(5, 1000 + 12 * 60_000, async () => 'again')).toEqual({ ran: false, reason: 'done' });
  });
});

describe('the digest clock (localTime)', () => {
  it("reads the conversation's local date and minute, UTC for a zone Intl does not know", () => {
    const at = Date.parse('2026-12-31T20:05:00Z');
    expect(localTime(at, 'Asia/Kathmandu')).toEqual({ date: '2027-01-01', minute: 1 * 60 + 50 });
    expect(localTime(at, 'America/Denver')).toEqual({ date: '2026-12-31', minute: 13 * 60 + 5 });
    expect(localTime(at, 'Venus/Maxwell')).toEqual({ date: '2026-12-31', minute: 20 * 60 + 5 });
    expect(localTime(at, undefined)).toEqual({ date: '2026-12-31', minute: 20 * 60 + 5 });
  });

  it('builds no formatter for a zone seen before (one per zone is kept, not one per reminder)', () => {
    localTime(START, 'Pacific/Chatham');
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(localTime(START + HOUR, 'Pacific/Chatham').date).toBe('2026-12-07');
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });
});
