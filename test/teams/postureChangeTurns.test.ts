// A change made in chat, in whole turns with the real composition on SQLite under a temp DATA_DIR: a confirmed
// owner and due date show in the very next answer, after a restart, and in a second bot on the same DATA_DIR.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createSqliteDatabase, type SqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { execute, message } from '../support/activities';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createTempDataDir } from '../support/tempDataDir';
import { writeTenantExport, zephyrRows } from '../support/tenantExport';
import { walk, type Json } from '../support/cardJson';
import { displayDate } from '../../src/views/postureLabels';

type Turn = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

/** Every text a person would read in the replies, one per line (a label, then its value). */
function seen(activities: Array<Partial<Activity>>): string {
  const texts: string[] = [];
  for (const activity of activities) {
    if (activity.text) texts.push(activity.text);
    walk(activity.attachments ?? [], (n) => {
      if (typeof n.text === 'string') texts.push(n.text);
    });
    walk(activity.value, (n) => typeof n.text === 'string' && texts.push(n.text));
  }
  return texts.join('\n');
}
const confirmRef = (activities: Array<Partial<Activity>>): string => {
  let ref = '';
  walk(activities.map((a) => a.attachments), (n) => {
    if (n.type === 'Action.Execute' && n.verb === 'confirm') ref = String((n.data as Json).ref);
  });
  return ref;
};

const FUTURE = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const NEW_OWNER = 'platform.team@zephyr.example';

describe('posture changes in whole turns', () => {
  const tenant = writeTenantExport(zephyrRows());
  const data = createTempDataDir();
  const open: Array<{ database: SqliteDatabase; close(): void }> = [];
  afterAll(() => {
    for (const bot of open) bot.close();
    tenant.cleanup();
    data.cleanup();
  });

  /** One bot "process": its own connection to the database under DATA_DIR, the real skills and holder. */
  async function startBot(pollMs = 0): Promise<{ turn: Turn; close(): void }> {
    const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: tenant.path }, envDir: projectPath('env') });
    const logger = createSilentLogger();
    const database = createSqliteDatabase(data.dir);
    const { posture, ...skills } = await composeSkills(config, logger, createSqliteRecordsStore(database), { pollMs });
    const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
    const adapter = new TestAdapter(async (context) => {
      await bot.turnLogic(context);
    });
    adapter.onTurnError = bot.onTurnError;
    const handle = {
      database,
      close: () => {
        posture.close();
        database.close();
      },
    };
    open.push(handle);
    const turn: Turn = async (activity) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0) as Array<Partial<Activity>>;
    };
    return { turn, close: handle.close };
  }

  it('a confirmed owner shows in the very next answer, after a restart, and in a second bot on the same DATA_DIR', async () => {
    const first = await startBot();
    const other = await startBot(2000);
    const conversationId = 'a:owner-change';
    await first.turn(message('show all risks', { conversationId }));
    const before = seen(await first.turn(message('details of the first one', { conversationId })));
    expect(before).toContain('Owner\nmbeki@zephyr.example');

    const proposed = await first.turn(message('assign this', { conversationId }));
    const done = await first.turn(execute('confirm', { ref: confirmRef(proposed), in_owner: NEW_OWNER, in_dueDate: FUTURE }, { conversationId }));
    expect(seen(done)).toContain(`Owner set to ${NEW_OWNER}`);
    const confirmedAt = Date.now();

    // The very next answer, in the same bot.
    const next = seen(await first.turn(message('details of the first one', { conversationId })));
    expect(next).toContain(`Owner\n${NEW_OWNER}`);
    expect(next).toContain(`Due date\n${displayDate(Date.parse(FUTURE))}`);

    // A second bot on the same DATA_DIR (its own database connection) sees it within 5 s.
    const elsewhere = 'a:second-process';
    await other.turn(message('show all risks', { conversationId: elsewhere }));
    let shown = '';
    while (!shown.includes(`Owner\n${NEW_OWNER}`)) {
      if (Date.now() - confirmedAt > 5000) throw new Error('the second bot did not show the change within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
      shown = seen(await other.turn(message('details of the first one', { conversationId: elsewhere })));
    }

    // After a restart.
    first.close();
    const restarted = await startBot();
    await restarted.turn(message('show all risks', { conversationId: 'a:after-restart' }));
    expect(seen(await restarted.turn(message('details of the first one', { conversationId: 'a:after-restart' })))).toContain(`Owner\n${NEW_OWNER}`);
  });
});
