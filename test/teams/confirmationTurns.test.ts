// The confirmation flow in whole turns with the real composition: "assign this" proposes a card, only the
// requester's Confirm runs it, once, with the card's inputs; another member, a bad input, a double click and a
// restart between asking and confirming all keep the state right.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ACTION_AUDIT_COLLECTION, type ActionAuditEntry } from '../../src/actions/actionAudit';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { OVERLAY_COLLECTION } from '../../src/posture/overlay';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { execute, message, USER } from '../support/activities';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { writeTenantExport, zephyrRows } from '../support/tenantExport';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';

const OTHER = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };

async function startBot(path: string, records: RecordsStore, storage: MemoryStorage) {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: path }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, records);
  const bot = createBot(config, { logger, storage, deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const adapter = new TestAdapter(async (context) => {
    await bot.turnLogic(context);
  });
  adapter.onTurnError = bot.onTurnError;
  return async (activity: Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0) as Array<Partial<Activity>>;
  };
}


const actionsOf = (card: Json | undefined) => {
  const found: Json[] = [];
  walk(card, (n) => n.type === 'Action.Execute' && found.push(n));
  return found;
};
const inputsOf = (card: Json | undefined) => {
  const found: Record<string, string> = {};
  walk(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.') && (found[String(n.id)] = String(n.value ?? '')));
  return found;
};
const textReply = (activities: Array<Partial<Activity>>) => activities.map((a) => a.text ?? '').join('\n');
const invokeText = (activities: Array<Partial<Activity>>) =>
  activities.map((a) => ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? a.text ?? '').join('\n');

const FUTURE = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('confirmation turns', () => {
  const tenant = writeTenantExport(zephyrRows());
  afterAll(() => tenant.cleanup());

  async function propose(turn: Awaited<ReturnType<typeof startBot>>, conversationId: string) {
    await turn(message('show all risks', { conversationId }));
    await turn(message('details of the first one', { conversationId }));
    const proposed = await turn(message('assign this to priya', { conversationId }));
    const card = cardOf(proposed);
    const [confirm] = actionsOf(card);
    return { card, ref: String((confirm?.data as Json).ref), inputs: inputsOf(card) };
  }

  const governanceChanges = async (records: RecordsStore) => (await records.list(OVERLAY_COLLECTION)).length;

  it('proposes, refuses another member, rejects a bad input, runs once for the requester, and survives a double click', async () => {
    const records = createMemoryRecordsStore();
    const turn = await startBot(tenant.path, records, new MemoryStorage());
    const conversationId = '19:triage@thread.v2';
    const options = { conversationId, conversationType: 'groupChat' as const };
    await turn(message('show all risks', { ...options, mention: true }));
    await turn(message('details of the first one', { ...options, mention: true }));
    const proposed = await turn(message('assign this to priya', { ...options, mention: true }));
    const card = cardOf(proposed);
    expect(textOf(card)).toContain('Set owner and due date');
    expect(textOf(card)).toContain('Only Ada can confirm');
    // The name in the message is not taken as the owner: owners come from data or the card's input.
    expect(JSON.stringify(card)).not.toContain('priya');
    // The card's own refresh (renewal while Ada has it open) is addressed to Ada alone; the buttons are Confirm and Cancel.
    const refresh = (card as Json).refresh as Json;
    expect(refresh.userIds).toEqual([USER.id]);
    expect((refresh.action as Json).verb).toBe('renew');
    const buttons = actionsOf(card).filter((a) => a !== refresh.action);
    expect(buttons.map((a) => a.title)).toEqual(['Confirm', 'Cancel']);
    const ref = String((buttons[0]?.data as Json).ref);
    expect(Object.keys(inputsOf(card)).sort()).toEqual(['in_dueDate', 'in_owner']);

    const byBob = await turn({ ...execute('confirm', { ref, in_owner: 'bob@example.com', in_dueDate: FUTURE }, options), from: OTHER });
    expect(invokeText(byBob)).toContain('Only Ada, who asked for this, can confirm it.');
    expect(await governanceChanges(records)).toBe(0);

    const bad = await turn(execute('confirm', { ref, in_owner: 'not an address', in_dueDate: FUTURE }, options));
    expect(invokeText(bad)).toContain('The owner must be one e-mail address');
    expect(await governanceChanges(records)).toBe(0);

    const done = await turn(execute('confirm', { ref, in_owner: 'new.owner@example.com', in_dueDate: FUTURE }, options));
    const doneCard = cardOf(done);
    expect(textOf(doneCard)).toMatch(/Confirmed by Ada at \d\d:\d\d UTC\. Owner set to new\.owner@example\.com, due \d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4}\./);
    expect(actionsOf(doneCard)).toEqual([]);
    expect(await governanceChanges(records)).toBe(1);

    // The same button again (a double click, a redelivery with a new id): the same final card, nothing run twice.
    const again = await turn(execute('confirm', { ref, in_owner: 'other@example.com', in_dueDate: FUTURE }, options));
    expect(textOf(cardOf(again))).toContain('Owner set to new.owner@example.com');
    expect(await governanceChanges(records)).toBe(1);

    const audit = (await records.list<ActionAuditEntry>(ACTION_AUDIT_COLLECTION)).map((r) => r.value);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'assignOwner', result: 'done', requester: { id: USER.aadObjectId, name: 'Ada', userId: USER.id }, confirmedBy: { id: USER.aadObjectId, name: 'Ada', userId: USER.id }, digest: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('runs a confirmation made after a restart, and a cancelled one never', async () => {
    const records = createMemoryRecordsStore();
    const storage = new MemoryStorage();
    const first = await startBot(tenant.path, records, storage);
    const kept = await propose(first, 'a:restart');
    const dropped = await propose(first, 'a:restart-cancel');

    const second = await startBot(tenant.path, records, storage);
    const done = await second(execute('confirm', { ref: kept.ref, in_owner: 'ops@example.com', in_dueDate: FUTURE }, { conversationId: 'a:restart' }));
    expect(textOf(cardOf(done))).toContain('Owner set to ops@example.com');

    const cancelled = await second(execute('cancel', { ref: dropped.ref }, { conversationId: 'a:restart-cancel' }));
    expect(textOf(cardOf(cancelled))).toContain('Cancelled by Ada. Nothing was changed.');
    const late = await second(execute('confirm', { ref: dropped.ref, in_owner: 'ops@example.com', in_dueDate: FUTURE }, { conversationId: 'a:restart-cancel' }));
    expect(textOf(cardOf(late))).toContain('Cancelled by Ada');
    expect(await governanceChanges(records)).toBe(1);
  });

  it('keeps a pending action to its conversation, and a newer proposal supersedes the older card', async () => {
    const records = createMemoryRecordsStore();
    const turn = await startBot(tenant.path, records, new MemoryStorage());
    const older = await propose(turn, 'a:supersede');
    const newer = await turn(message('assign this', { conversationId: 'a:supersede' }));
    expect(textOf(cardOf(newer))).toContain('Set owner and due date');
    const stale = await turn(execute('confirm', { ref: older.ref, in_owner: 'ops@example.com', in_dueDate: FUTURE }, { conversationId: 'a:supersede' }));
    expect(textOf(cardOf(stale))).toContain('A newer request for the same item replaced this one');
    const elsewhere = await turn(execute('confirm', { ref: String((actionsOf(cardOf(newer))[0]?.data as Json).ref), in_owner: 'ops@example.com', in_dueDate: FUTURE }, { conversationId: 'a:somewhere-else' }));
    expect(invokeText(elsewhere)).toContain('That request is no longer available');
    expect(await governanceChanges(records)).toBe(0);
  });

  it('asks which recommendation when nothing is selected, and names no internal ref', async () => {
    const turn = await startBot(tenant.path, createMemoryRecordsStore(), new MemoryStorage());
    const replies = await turn(message('assign an owner', { conversationId: 'a:nothing-selected' }));
    expect(textReply(replies)).toContain('Which recommendation?');
  });
});
