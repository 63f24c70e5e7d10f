// Two replicas of the bot, each its own composition (skills, records store, conversation state, deduper), sharing
// one Azure storage account on Azurite, as two App Service instances would. Teams may deliver any turn to either.
import type { Activity } from 'botbuilder';
import { ACTION_AUDIT_COLLECTION } from '../../src/actions/actionAudit';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createJobLease } from '../../src/jobs/jobLease';
import { createRetentionJob } from '../../src/jobs/retentionJob';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { OVERLAY_COLLECTION } from '../../src/posture/overlay';
import { createActivityDeduper } from '../../src/storage/activityDeduper';
import { azureStorageClients } from '../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../src/storage/azure/azureRecordsStore';
import { createRecordsConversationStorage } from '../../src/storage/recordsConversationStorage';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { execute, message } from '../support/activities';
import { adapterTurns, type Turn } from '../support/adapterTurns';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { writeTenantExport, zephyrRows } from '../support/tenantExport';

jest.setTimeout(120_000);
let azurite: Azurite;
const tenant = writeTenantExport(zephyrRows());
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  tenant.cleanup();
  await azurite?.stop();
});

interface Replica {
  turn: Turn;
  records: RecordsStore;
}

/** One replica: its own clients, stores and composition over the shared account's table and container. */
async function startReplica(account: string): Promise<Replica> {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: tenant.path }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const clients = azureStorageClients({ connectionString: azurite.connectionString });
  const records = createAzureRecordsStore({ table: clients.table(account), blobs: clients.container(account) });
  const skills = await composeSkills(config, logger, records);
  const bot = createBot(config, {
    logger,
    storage: createRecordsConversationStorage(records),
    deduper: createActivityDeduper(records, { ttlMs: 60_000, logger }),
    ...skills,
    startTypingTimer: false,
  });
  return { turn: adapterTurns(bot), records };
}

/**
 * What a turn answered: its card, or the text of its messages. Not a `typing` activity (teams-ai sends one when a
 * message turn has sent nothing 1 s after it began; these replicas turn it off, and a typing indicator is no answer).
 */
const summary = (activities: Array<Partial<Activity>>) => {
  const messages = activities.filter((a) => a.type === 'message');
  const card = cardOf(messages);
  return card ? textOf(card) : messages.map((a) => a.text ?? '').join('\n');
};
const confirmRefOf = (activities: Array<Partial<Activity>>) => {
  let ref: string | undefined;
  walk(cardOf(activities), (n) => n.type === 'Action.Execute' && n.verb === 'confirm' && (ref = String((n.data as Json).ref)));
  return ref;
};

describe('two replicas on one Azure storage account (Azurite)', () => {
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    const account = azurite.uniqueName();
    [a, b] = await Promise.all([startReplica(account), startReplica(account)]);
  });

  it('continues a conversation on either replica as on one (shared conversation state)', async () => {
    const alone: string[] = [];
    const interleaved: string[] = [];
    const prompts = ['show all risks', 'details of the first one', 'more like this'];
    for (const text of prompts) alone.push(summary(await a.turn(message(text, { conversationId: 'a:alone' }))));
    for (const [i, text] of prompts.entries()) interleaved.push(summary(await (i % 2 === 0 ? b : a).turn(message(text, { conversationId: 'a:shared' }))));
    expect(interleaved).toEqual(alone);
    expect(interleaved[1]).not.toEqual(interleaved[0]);
  });

  it('answers a duplicate delivery once, whichever replicas it reaches and whenever', async () => {
    const activity = message('show all risks', { conversationId: 'a:dupes' });
    const [first, second] = await Promise.all([a.turn({ ...activity }), b.turn({ ...activity })]);
    const answered = [first, second].filter((replies) => replies.some((r) => r.type === 'message'));
    expect(answered).toHaveLength(1);
    const later = await (answered[0] === first ? b : a).turn({ ...activity });
    expect(later.filter((r) => r.type === 'message')).toEqual([]);
  });

  it('runs a confirmation clicked on both replicas at once exactly once', async () => {
    const conversationId = 'a:confirm';
    await a.turn(message('show all risks', { conversationId }));
    await b.turn(message('details of the first one', { conversationId }));
    const proposed = await a.turn(message('assign this to priya', { conversationId }));
    const ref = confirmRefOf(proposed);
    expect(ref).toBeDefined();
    const changesBefore = (await a.records.list(OVERLAY_COLLECTION)).length;
    const data = { ref, in_owner: 'new.owner@example.com', in_dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) };
    const outcomes = await Promise.all([a.turn(execute('confirm', data, { conversationId })), b.turn(execute('confirm', data, { conversationId }))]);
    expect(outcomes.every((replies) => replies.length > 0)).toBe(true);
    expect((await b.records.list(OVERLAY_COLLECTION)).length).toBe(changesBefore + 1);
    const audit = await a.records.list<{ action: string; result: string }>(ACTION_AUDIT_COLLECTION);
    expect(audit.filter((r) => r.value.action === 'assignOwner' && r.value.result === 'done')).toHaveLength(1);
  });

  it('runs the retention job on one replica at a time', async () => {
    const runs: string[] = [];
    const jobs = [a, b].map((replica, i) =>
      createRetentionJob({
        rules: [{ name: 'count', pruneBatch: async () => (runs.push(`replica${i}`), 0) }],
        retention: { intervalMs: 60_000, batchSize: 10 },
        logger: createSilentLogger(),
        firstRunDelayMs: 1,
        lease: createJobLease(replica.records, { job: 'retention-test', holder: `replica${i}`, ttlMs: 120_000 }),
      }),
    );
    jobs.forEach((job) => job.start());
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await Promise.all(jobs.map((job) => job.stop()));
    expect(runs).toHaveLength(1);
  });
});
