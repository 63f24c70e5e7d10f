// Retention with a fake clock (issue 9 item 2): each kind of row is kept for its configured time and no longer,
// in bounded batches, and the job runs soon after start and then on its timer.
import { ACTION_AUDIT_COLLECTION } from '../../src/actions/actionAudit';
import { PENDING_ACTIONS_COLLECTION } from '../../src/actions/pendingActions';
import { loadConfig } from '../../src/config/loadConfig';
import { SCRIPT_LINKS_COLLECTION } from '../../src/skills/remediate/scriptLinks';
import { DOWNLOAD_LINKS_COLLECTION } from '../../src/downloads/downloadLinks';
import { createRetentionJob, REPLY_RECORDS_COLLECTION, retentionRules } from '../../src/jobs/retentionJob';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { ACTIVITY_DEDUP_COLLECTION, createActivityDeduper } from '../../src/storage/activityDeduper';
import { createSqliteConversationPruner, createSqliteConversationStorage } from '../../src/storage/sqliteConversationStorage';
import type { SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createTempDataDir, type TempDataDir } from '../storage/sqliteHarness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('retention job', () => {
  let data: TempDataDir;
  let database: SqliteDatabase;
  let clock: number;
  const now = () => clock;
  const retention = loadConfig({ env: { RETENTION_BATCH_SIZE: '7' }, envDir: projectPath('env') }).retention;
  beforeEach(async () => {
    data = await createTempDataDir();
    database = data.open();
    clock = Date.UTC(2026, 0, 1);
  });
  afterEach(async () => data.cleanup());

  const count = (sql: string) => (database.connection.prepare(sql).get() as { n: number }).n;
  const rows = (collection: string) => count(`SELECT COUNT(*) AS n FROM records WHERE collection = '${collection}'`);

  it('keeps each kind of row for its configured time, and removes it after', async () => {
    const records = createSqliteRecordsStore(database, { now });
    const state = createSqliteConversationStorage(database, { now });
    const deduper = createActivityDeduper(records, { ttlMs: retention.dedupMs, now });
    const writeAll = async (tag: string, n: number) => {
      for (let i = 0; i < n; i++) {
        await deduper.firstSeen(`${tag}-${i}`);
        await state.write({ [`conv-${tag}-${i}`]: { turn: i } });
        await records.put(PENDING_ACTIONS_COLLECTION, `${tag}-${i}`, { expiresAt: clock + 15 * 60_000 });
        await records.put(REPLY_RECORDS_COLLECTION, `${tag}-${i}`, { at: clock });
        await records.put(ACTION_AUDIT_COLLECTION, `${tag}-${i}`, { at: clock });
        await records.put(SCRIPT_LINKS_COLLECTION, `${tag}-${i}`, { fileName: 'fix.sh', text: 'true', expiresAt: clock + HOUR });
        await records.put(DOWNLOAD_LINKS_COLLECTION, `${tag}-${i}`, { fileName: 'my-data.json', contentType: 'application/json', text: '{}', owner: 'x', expiresAt: clock + HOUR });
      }
    };
    await writeAll('old', 20); // 20 > batch size 7: several batches per rule
    clock += 25 * HOUR;
    await writeAll('new', 3);
    const job = createRetentionJob({ rules: retentionRules({ records, pruneConversations: createSqliteConversationPruner(database) }, retention), retention, logger: createSilentLogger(), now });

    // 25 h later: old dedup marks (24 h) and the old pending actions (expired 15 min + 24 h grace ago) go.
    let report = await job.runOnce();
    expect(report.removed).toEqual({ dedup: 20, conversationState: 0, pendingActions: 20, replyRecords: 0, audit: 0, scriptLinks: 20, downloadLinks: 20 });
    expect(report.batches).toBeGreaterThan(5);
    expect(rows(ACTIVITY_DEDUP_COLLECTION)).toBe(3);
    expect(rows(PENDING_ACTIONS_COLLECTION)).toBe(3);

    // 30 days idle: old conversation state goes; a conversation written since stays.
    clock += 30 * DAY - 25 * HOUR + 1;
    await state.write({ 'conv-old-0': { turn: 99 } });
    report = await job.runOnce();
    expect(report.removed).toEqual({ dedup: 3, conversationState: 19, pendingActions: 3, replyRecords: 0, audit: 0, scriptLinks: 3, downloadLinks: 3 });
    expect(count('SELECT COUNT(*) AS n FROM conversation_items')).toBe(4);

    // 90 days: reply records and audit, and everything idle for 30 days.
    clock += 60 * DAY;
    report = await job.runOnce();
    expect(report.removed).toEqual({ dedup: 0, conversationState: 4, pendingActions: 0, replyRecords: 20, audit: 20, scriptLinks: 0, downloadLinks: 0 });
    expect(rows(REPLY_RECORDS_COLLECTION)).toBe(3);
    expect(rows(ACTION_AUDIT_COLLECTION)).toBe(3);
    clock += 2 * DAY; // the new rows were written 25 h after the old ones
    expect((await job.runOnce()).removed).toEqual({ dedup: 0, conversationState: 0, pendingActions: 0, replyRecords: 3, audit: 3, scriptLinks: 0, downloadLinks: 0 });
    expect(count('SELECT COUNT(*) AS n FROM records')).toBe(0);
  });

  it('runs soon after start and then on its interval, never overlapping, and stops', async () => {
    jest.useFakeTimers();
    try {
      const runs: number[] = [];
      const job = createRetentionJob({
        rules: [{ name: 'probe', pruneBatch: async () => (runs.push(Date.now()), 0) }],
        retention: { intervalMs: 60_000, batchSize: 10 },
        logger: createSilentLogger(),
        firstRunDelayMs: 2_000,
      });
      const start = Date.now();
      job.start();
      await jest.advanceTimersByTimeAsync(1_999);
      expect(runs).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(runs.map((t) => t - start)).toEqual([2_000]);
      await jest.advanceTimersByTimeAsync(120_000);
      expect(runs.map((t) => t - start)).toEqual([2_000, 62_000, 122_000]);
      await job.stop();
      await jest.advanceTimersByTimeAsync(600_000);
      expect(runs).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
