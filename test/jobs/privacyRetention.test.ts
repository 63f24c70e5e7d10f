// The retention job purges feedback, expired feedback-card tickets and old usage windows on a fake clock, and
// keeps what is still within its retention.
import { createRetentionJob, retentionRules } from '../../src/jobs/retentionJob';
import { loadConfig } from '../../src/config/loadConfig';
import { FEEDBACK_COLLECTION } from '../../src/feedback/feedbackRecord';
import { FEEDBACK_TICKETS_COLLECTION } from '../../src/feedback/feedbackService';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { USAGE_COLLECTION } from '../../src/usage/usageMeter';
import { USAGE_USERS_COLLECTION } from '../../src/usage/usageRows';
import { createTempDataDir } from '../support/tempDataDir';

const DAY = 24 * 60 * 60 * 1000;

it('purges feedback, tickets and usage that outlived RETENTION_FEEDBACK_DAYS / RETENTION_USAGE_DAYS', async () => {
  const temp = createTempDataDir();
  const database = createSqliteDatabase(temp.dir);
  try {
    const records = createSqliteRecordsStore(database);
    const config = loadConfig({ env: { APP_ENV: 'local', DATA_DIR: temp.dir, RETENTION_FEEDBACK_DAYS: '30', RETENTION_USAGE_DAYS: '60' }, envDir: projectPath('env') });
    const now = Date.UTC(2026, 11, 4, 12);
    await records.put(FEEDBACK_COLLECTION, 'old', { at: now - 31 * DAY });
    await records.put(FEEDBACK_COLLECTION, 'recent', { at: now - 29 * DAY });
    await records.put(FEEDBACK_TICKETS_COLLECTION, 'expired', { expiresAt: now - 1 });
    await records.put(FEEDBACK_TICKETS_COLLECTION, 'live', { expiresAt: now + DAY });
    await records.put(USAGE_COLLECTION, 't|2026-09', { end: Date.UTC(2026, 9, 1) }); // ended 64 days ago
    await records.put(USAGE_COLLECTION, 't|2026-10', { end: Date.UTC(2026, 10, 1) }); // ended 33 days ago
    await records.put(USAGE_USERS_COLLECTION, 't|2026-09|ada', { end: Date.UTC(2026, 9, 1) });
    await records.put(USAGE_USERS_COLLECTION, 't|2026-10|ada', { end: Date.UTC(2026, 10, 1) });
    const job = createRetentionJob({
      rules: retentionRules({ records, pruneConversations: () => 0 }, config.retention, config.privacy),
      retention: config.retention,
      logger: createSilentLogger(),
      now: () => now,
    });
    const report = await job.runOnce();
    expect(report.removed).toMatchObject({ feedback: 1, feedbackTickets: 1, usage: 1, usageUsers: 1 });
    expect((await records.list(FEEDBACK_COLLECTION)).map((r) => r.id)).toEqual(['recent']);
    expect((await records.list(FEEDBACK_TICKETS_COLLECTION)).map((r) => r.id)).toEqual(['live']);
    expect((await records.list(USAGE_COLLECTION)).map((r) => r.id)).toEqual(['t|2026-10']);
    expect((await records.list(USAGE_USERS_COLLECTION)).map((r) => r.id)).toEqual(['t|2026-10|ada']);
  } finally {
    database.close();
    temp.cleanup();
  }
});
